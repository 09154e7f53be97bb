"""Bulk-run benchmark: throughput with 1 and 2 workers and on a dask LocalCluster, peak memory
per worker, and the time 10,000 reports would take.

    python benchmarks/bench_bulk.py [--n 2000] [--cache DIR] [--no-dask]

The corpus is built once and cached (``benchmarks/.cache/``, ignored by git): ``n`` reports made
from the Word samples in samples/ with other bodies, years (2019-2024) and numbers (every table
number scaled by one factor, so the template's sums still hold), three quarters DOCX and one
quarter converted to PDF by LibreOffice, and 1% broken files (empty, truncated PDF, not a
DOCX). They are packed in one zip archive; when ``extractor.inputs`` does not walk archives the
benchmark reads the same files from the folder instead, and says so.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.bulk import BulkResult, run_bulk  # noqa: E402
from extractor.inputs import iter_inputs  # noqa: E402

BASES = [ROOT / "samples" / f"pingchangguan-2023{v}.docx" for v in ("", "-numbered", "-pagebreak")]
BODY = "平昌关镇"
NAME_CHARS = "东西南北安平和兴华新青龙凤山河湖桥川石林泉阳城乡镇江海云松柏梅竹金银水"
SUFFIXES = ["镇", "乡", "街道办事处", "县人民政府", "市自然资源局", "区教育局"]
FONTS = {"宋体": "Serif", "SimSun": "Serif", "楷体": "Serif", "黑体": "Sans", "SimHei": "Sans"}
NUMBER_CELL = re.compile(r"<w:t>(\d+(?:\.\d+)?)</w:t>")


# -- the corpus ----------------------------------------------------------------------------


def vary_docx(base: bytes, body: str, year: int, factor: int) -> bytes:
    """A Word report → the same report for another body and year, every number × factor."""

    def scale(m: re.Match[str]) -> str:
        text = m.group(1)
        if "." in text:
            places = len(text.split(".")[1])
            return f"<w:t>{float(text) * factor:.{places}f}</w:t>"
        return f"<w:t>{int(text) * factor}</w:t>"

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8").replace(BODY, body).replace("平昌关", body)
                xml = NUMBER_CELL.sub(scale, xml.replace("2023", str(year)))
                data = xml.encode("utf-8")
            dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def unique_bodies(n: int, rng: random.Random) -> list[str]:
    bodies: set[str] = set()
    while len(bodies) < n:
        name = "".join(rng.choice(NAME_CHARS) for _ in range(rng.choice((2, 3))))
        bodies.add(name + rng.choice(SUFFIXES))
    return sorted(bodies)


def fontconfig(folder: Path) -> Path:
    """A fontconfig file mapping the Chinese Word fonts to Noto CJK (as samples/ does)."""
    aliases = "".join(
        f'<alias binding="same"><family>{name}</family>'
        f"<prefer><family>Noto {kind} CJK SC</family></prefer></alias>"
        for name, kind in FONTS.items()
    )
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{aliases}</fontconfig>'
    )
    return path


def docx_to_pdf(docx: list[Path], out_dir: Path) -> None:
    """Many DOCX → PDF with one LibreOffice call per 100 files."""
    with tempfile.TemporaryDirectory() as profile:
        env = {**os.environ, "HOME": profile, "FONTCONFIG_FILE": str(fontconfig(Path(profile)))}
        for i in range(0, len(docx), 100):
            cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless"]
            cmd += ["--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docx[i : i + 100])]
            subprocess.run(
                cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
            )


def build_corpus(n: int, cache: Path) -> Path:
    """``n`` reports (¾ DOCX, ¼ PDF, 1% broken) in ``cache/corpus-N/`` and its zip archive."""
    folder = cache / f"corpus-{n}"
    archive = cache / f"corpus-{n}.zip"
    if archive.exists():
        return archive
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "docx").mkdir(parents=True)
    (folder / "pdf").mkdir()
    (folder / "broken").mkdir()
    rng = random.Random(20240601)
    bases = [p.read_bytes() for p in BASES]
    n_broken, n_pdf = max(1, n // 100), n // 4
    bodies = unique_bodies(n, rng)
    made: list[Path] = []
    for i in range(n - n_broken):
        year, factor = rng.randint(2019, 2024), rng.randint(1, 30)
        path = folder / "docx" / f"{i:05d}-{year}.docx"
        path.write_bytes(vary_docx(bases[i % len(bases)], bodies[i], year, factor))
        made.append(path)
    to_pdf = made[:n_pdf]
    t0 = time.perf_counter()
    print(f"converting {len(to_pdf)} DOCX to PDF with LibreOffice…", flush=True)
    docx_to_pdf(to_pdf, folder / "pdf")
    print(f"  {time.perf_counter() - t0:.0f} s", flush=True)
    for path in to_pdf:
        path.unlink()
    pdfs = sorted((folder / "pdf").glob("*.pdf"))
    for i in range(n_broken):
        kind = i % 3
        if kind == 0:
            (folder / "broken" / f"empty-{i}.pdf").write_bytes(b"")
        elif kind == 1:
            data = pdfs[i % len(pdfs)].read_bytes()
            (folder / "broken" / f"truncated-{i}.pdf").write_bytes(data[: len(data) // 3])
        else:
            (folder / "broken" / f"garbage-{i}.docx").write_bytes(rng.randbytes(5000))
    tmp = archive.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    os.replace(tmp, archive)
    return archive


def corpus_inputs(archive: Path, n: int) -> tuple[Path, str]:
    """The archive if the inputs walk reads archives, else its folder."""
    found = sum(1 for _ in iter_inputs([archive]))
    if found == n:
        return archive, f"archive {archive.name} ({n} members)"
    folder = archive.with_suffix("")
    return folder, f"folder {folder.name}/ (extractor.inputs does not walk archives yet)"


# -- the runs ------------------------------------------------------------------------------


def timed_run(label: str, inputs: Path, out: Path, **kwargs: object) -> tuple[str, BulkResult]:
    shutil.rmtree(out, ignore_errors=True)
    result = run_bulk([inputs], out, **kwargs)  # type: ignore[arg-type]
    return label, result


def dask_run(inputs: Path, out: Path) -> tuple[str, BulkResult, str]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        label, result = timed_run(
            "dask LocalCluster, 2 workers", inputs, out, engine="dask",
            scheduler=cluster.scheduler_address,
        )  # fmt: skip
        rss = client.run(lambda: __import__("psutil").Process().memory_info().rss)
    note = ", ".join(f"{v / 2**20:.0f}" for v in rss.values())
    return label, result, f"dask worker processes themselves: {note} MiB RSS"


def row(label: str, r: BulkResult) -> str:
    rate = r.inputs / r.extract_seconds
    total = r.extract_seconds + r.assemble_seconds
    return (
        f"{label:<32} {r.extract_seconds:8.1f} s {rate:8.1f}/s {r.assemble_seconds:7.1f} s "
        f"{r.inputs / total:8.1f}/s {r.peak_rss / 2**20:8.0f} MiB  "
        f"{r.reports} reports, {r.errors} errors"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / ".cache")
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()

    archive = build_corpus(args.n, args.cache)
    inputs, described = corpus_inputs(archive, args.n)
    print(f"corpus: {described}; {os.cpu_count()} cores")
    outs = args.cache / "out"
    runs = [
        timed_run("process pool, 1 worker", inputs, outs / "j1", jobs=1),
        timed_run("process pool, 2 workers", inputs, outs / "j2", jobs=2),
    ]
    notes = []
    if not args.no_dask:
        label, result, note = dask_run(inputs, outs / "dask")
        runs.append((label, result))
        notes.append(note)
    t0 = time.perf_counter()
    again = run_bulk([inputs], outs / "j2", jobs=2, formats=["csv", "parquet", "duckdb"])
    all_formats = time.perf_counter() - t0

    print()
    print(
        f"{'run':<32} {'extract':>10} {'rate':>10} {'assemble':>9} {'end-to-end':>10} "
        f"{'peak/worker':>12}"
    )
    for label, result in runs:
        print(row(label, result))
    (_, one), (_, two) = runs[:2]
    speedup = one.extract_seconds / two.extract_seconds
    print()
    print(f"2 workers vs 1: {speedup:.2f}x (target >= 1.8x)")
    if len(runs) > 2:
        dask = runs[2][1]
        print(
            f"dask vs process pool (2 workers): {two.extract_seconds / dask.extract_seconds:.2f}x "
            "the pool's rate (target >= 0.85, cluster start-up not counted)"
        )
    print(
        f"peak memory per worker: {max(r.peak_rss for _, r in runs) / 2**20:.0f} MiB (target <= 300)"
    )
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10
    print(f"parent process peak RSS over all runs: {parent:.0f} MiB")
    per_report = (two.extract_seconds + two.assemble_seconds) / two.inputs
    print(
        f"10,000 reports with 2 workers, extrapolated: {per_report * 10_000 / 60:.1f} min "
        "(target < 5 min)"
    )
    print(
        f"re-run over the finished output folder (all {again.skipped} skipped) writing "
        f"csv + parquet + duckdb: {all_formats:.1f} s"
    )
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
