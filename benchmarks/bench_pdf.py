"""Time PDF extraction against pdfplumber on the same files, in the same run.

For each file: our end-to-end extraction (text, tables, template mapping, checks) with the
default pdfium engine and with the pdfplumber engine, beside pdfplumber's own
``extract_text()`` + ``extract_tables()`` on every page. The three are run in turn, run after
run (a change in the machine's load meets all three alike), and their medians compared; every
run of ours is also checked cell by cell against the hand-checked expectations in
tests/expected.py.

Each timed call starts on a collected heap (``gc.collect()`` before the clock starts): without
it, the garbage one contender leaves in reference cycles is collected during the next one's
call and charged to it. pdfplumber leaves ~21,000 such objects a run, and our extraction
timed just after it took 16.4 ms instead of 15.5 (pingchangguan-2023, medians of 15); ours
leaves ~40. What a call's own allocations make the collector do during the call stays in its
time.

    python benchmarks/bench_pdf.py [--runs 7]

Package import and CLI start-up are measured on their own, outside the per-report figures.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def long_report(src: Path, prose_pages: int = 35) -> bytes:
    """A 40-page report: the real report's first (prose) page repeated, then its table pages."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(src)
    out = pdfium.PdfDocument.new()
    out.import_pages(source, [0] * (prose_pages + 1) + list(range(1, len(source))))
    import io

    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def time_pdfplumber(data: bytes) -> float:
    import io

    import pdfplumber

    gc.collect()  # a clean heap: see the module docstring
    start = time.perf_counter()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
    return time.perf_counter() - start


def time_ours(data: bytes, name: str, engine: str, expected: dict) -> float:
    from extractor import extract_bytes
    from tests.expected import table_values

    gc.collect()  # a clean heap: see the module docstring
    start = time.perf_counter()
    report = extract_bytes(data, name, pdf_engine=engine)
    elapsed = time.perf_counter() - start
    if table_values(report) != expected:
        raise SystemExit(f"{name} ({engine}): cells differ from the hand-checked values")
    return elapsed


def startup() -> tuple[float, float]:
    """Seconds to import the package, and for `extract --help`, in fresh processes."""

    def run(args: list[str]) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(args, check=True, capture_output=True)
            best = min(best, time.perf_counter() - start)
        return best

    py = sys.executable
    base = run([py, "-c", "pass"])
    imp = run([py, "-c", "import extractor"]) - base
    cli = run(
        [
            py,
            "-c",
            "import sys; sys.argv=['extract','--help']; from extractor.cli import main; main()",
        ]
    )
    return imp, cli


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    import pypdfium2 as pdfium

    from tests.expected import HONGZE_2024, NUMBERED_2023, PAGEBREAK_2023, PUBLISHED_2023

    hongze = ROOT / "tests" / "data" / "hongze-2024.pdf"
    files = [
        (
            "pingchangguan-2023.pdf",
            (ROOT / "samples/pingchangguan-2023.pdf").read_bytes(),
            PUBLISHED_2023,
        ),
        (
            "pingchangguan-2023-numbered.pdf",
            (ROOT / "samples/pingchangguan-2023-numbered.pdf").read_bytes(),
            NUMBERED_2023,
        ),
        (
            "pingchangguan-2023-pagebreak.pdf",
            (ROOT / "samples/pingchangguan-2023-pagebreak.pdf").read_bytes(),
            PAGEBREAK_2023,
        ),
        ("hongze-2024.pdf", hongze.read_bytes(), HONGZE_2024),
        ("hongze-2024-long (40 pages)", long_report(hongze), HONGZE_2024),
    ]
    # warm-up: imports and first-call costs stay out of the figures
    time_ours(files[0][1], files[0][0], "pdfium", files[0][2])
    time_ours(files[0][1], files[0][0], "pdfplumber", files[0][2])
    time_pdfplumber(files[0][1])

    header = f"{'file':34} {'pages':>5} {'plumber ms':>10} {'ours ms':>8} {'ms/page':>7} {'ratio':>6} {'ours[plumber] ms':>16} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    ratios = []
    for name, data, expected in files:
        pages = len(pdfium.PdfDocument(data))
        # the three in turn, run after run: on a machine whose load changes, each sees the same
        refs, fasts, slows = [], [], []
        for _ in range(args.runs):
            refs.append(time_pdfplumber(data))
            fasts.append(time_ours(data, name, "pdfium", expected))
            slows.append(time_ours(data, name, "pdfplumber", expected))
        ref, fast, slow = (statistics.median(ts) for ts in (refs, fasts, slows))
        ratios.append(fast / ref)
        print(
            f"{name:34} {pages:5d} {ref * 1000:10.1f} {fast * 1000:8.1f} {fast * 1000 / pages:7.2f} "
            f"{fast / ref:6.3f} {slow * 1000:16.1f} {slow / ref:6.3f}"
        )
    print(
        f"\nworst ratio (pdfium engine / pdfplumber text+tables): {max(ratios):.3f}; every cell right"
    )
    imp, cli = startup()
    print(
        f"start-up, outside the figures above: import extractor {imp * 1000:.0f} ms; `extract --help` {cli * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
