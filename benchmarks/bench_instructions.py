"""Count the instructions one extraction costs, ours against pdfplumber's text and tables, with
valgrind's callgrind: a figure that, unlike time on a shared machine, does not move with the
load (time still decides; instructions tell whether a change made the work smaller).

Each figure is (instructions of a process that extracts the file ``1 + n`` times) minus (one
that extracts it once), divided by ``n``: imports and first-call costs drop out.

    python benchmarks/bench_instructions.py [--n 3] [FILE.pdf ...]

Needs ``valgrind`` (Debian package ``valgrind``); about a minute and a half a file.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = [
    ROOT / "samples/pingchangguan-2023.pdf",
    ROOT / "samples/pingchangguan-2023-numbered.pdf",
    ROOT / "samples/pingchangguan-2023-pagebreak.pdf",
    ROOT / "tests/data/hongze-2024.pdf",
]
_OURS = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from extractor import extract_bytes
data = Path(sys.argv[1]).read_bytes()
for _ in range(int(sys.argv[2])):
    extract_bytes(data, Path(sys.argv[1]).name)
"""
_PLUMBER = """
import io, sys
from pathlib import Path
import pdfplumber
data = Path(sys.argv[1]).read_bytes()
for _ in range(int(sys.argv[2])):
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
"""


def instructions(script: str, path: Path, times: int) -> int:
    """Instructions a Python process running ``script`` over ``path`` ``times`` times costs."""
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    cmd += [sys.executable, "-c", script, str(path), str(times)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind gave no count for {path.name}")
    return int(found.group(1))


def per_run(script: str, path: Path, n: int) -> float:
    return (instructions(script, path, 1 + n) - instructions(script, path, 1)) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=3, help="extractions counted (after the first)")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian package valgrind)")
    ours = _OURS.format(root=str(ROOT))
    print(f"{'file':34} {'plumber Minstr':>14} {'ours Minstr':>11} {'ratio':>6}")
    for path in args.files or FILES:
        ref = per_run(_PLUMBER, path, max(1, args.n // 2))
        fast = per_run(ours, path, args.n)
        print(f"{path.name:34} {ref / 1e6:14.1f} {fast / 1e6:11.1f} {fast / ref:6.3f}")


if __name__ == "__main__":
    main()
