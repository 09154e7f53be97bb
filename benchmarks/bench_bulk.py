"""Bulk-run benchmark: the time of a run with 1 and 2 workers and on a dask LocalCluster against
an in-process loop of ``extract`` over the same inputs (the floor), peak memory per worker, and
the time 10,000 reports would take.

    python benchmarks/bench_bulk.py [--n 2000] [--cache DIR] [--no-dask]
    python benchmarks/bench_bulk.py --tiny 100000     # the parent's cost per archive member

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
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.bulk import run_bulk  # noqa: E402
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


class PeakRss:
    """Samples this process's resident memory in a thread: the parent's peak during a run."""

    def __init__(self) -> None:
        import psutil

        self.proc, self.peak, self.stop = psutil.Process(), 0, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self.stop.wait(0.05):
            self.peak = max(self.peak, self.proc.memory_info().rss)

    def __enter__(self) -> PeakRss:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


@dataclass
class Measured:
    """One run's numbers (measured in a fresh process, so the parent's memory is its own)."""

    label: str
    inputs: int
    reports: int
    errors: int
    extract_seconds: float
    assemble_seconds: float
    peak_rss: int  # the largest worker peak
    parent_rss: int
    cpu: float  # CPU seconds of this run's processes: parent, workers, sandboxes
    machine_cores: float  # cores busy on the whole machine during the run (others' work too)
    wall: float = 0.0  # seconds from the call to its return: extraction and outputs
    note: str = ""


LABELS = {
    "loop": "in-process loop of extract",
    "loop2": "2 loops at once, half each",
    "j1": "process pool, 1 worker",
    "j2": "process pool, 2 workers",
    "dask": "dask LocalCluster, 2 workers",
}


def own_cpu() -> float:
    """CPU seconds of this process, its reaped children and its live descendants."""
    import psutil

    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    for proc in psutil.Process().children(recursive=True):
        try:
            times = proc.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def machine_jiffies() -> tuple[int, int]:
    """(all, idle) jiffies of the machine since boot."""
    with open("/proc/stat", encoding="ascii") as fh:
        values = [int(v) for v in fh.readline().split()[1:]]
    return sum(values), values[3] + values[4]


def extract_loop(inputs: Path, half: int | None = None) -> tuple[int, int, int]:
    """The floor a run is measured against: every input extracted in this process, one after
    the other, nothing written → (inputs, reports, errors). ``half`` 0 or 1: every other
    input only, from the first or the second."""
    import extractor

    n = reports = 0
    for i, item in enumerate(iter_inputs([inputs])):
        if half is not None and i % 2 != half:
            continue
        n += 1
        try:
            extractor.extract_item(item)
            reports += 1
        except extractor.ExtractError:
            pass
    return n, reports, n - reports


def measure_loop(inputs: Path) -> Measured:
    import extractor  # noqa: F401 - imported before the clock starts, as a warm worker is

    cpu0, (all0, idle0) = own_cpu(), machine_jiffies()
    t0 = time.perf_counter()
    with PeakRss() as rss:
        n, reports, errors = extract_loop(inputs)
    wall = time.perf_counter() - t0
    cpu, (all1, idle1) = own_cpu() - cpu0, machine_jiffies()
    busy = (1 - (idle1 - idle0) / max(1, all1 - all0)) * (os.cpu_count() or 1)
    return Measured(LABELS["loop"], n, reports, errors, wall, 0.0, rss.peak, rss.peak, cpu, busy,
                    wall)  # fmt: skip


def _half_loop(inputs: Path, half: int, start: Any, results: Any) -> None:
    """One of ``measure_two_loops``' processes: imported, waits for the other, then its half."""
    import extractor  # noqa: F401 - imported before the clock starts

    start.wait()
    cpu0 = time.process_time()
    n, reports, errors = extract_loop(inputs, half)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    results.put((n, reports, errors, time.process_time() - cpu0, peak))


def measure_two_loops(inputs: Path) -> Measured:
    """The ceiling for two workers: two fresh processes, each an in-process loop over every
    other input, started together. Nothing in them waits for or talks to another process, so
    how much sooner they end than one loop is what this machine gives two processes of this
    work in these minutes."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    start, results = ctx.Barrier(3), ctx.Queue()
    procs = [ctx.Process(target=_half_loop, args=(inputs, h, start, results)) for h in (0, 1)]
    for proc in procs:
        proc.start()
    start.wait()
    (all0, idle0), t0 = machine_jiffies(), time.perf_counter()
    got = [results.get() for _ in procs]
    wall = time.perf_counter() - t0
    all1, idle1 = machine_jiffies()
    for proc in procs:
        proc.join()
    busy = (1 - (idle1 - idle0) / max(1, all1 - all0)) * (os.cpu_count() or 1)
    n, reports, errors, cpu = (sum(g[i] for g in got) for i in range(4))
    peak = max(g[4] for g in got)
    return Measured(LABELS["loop2"], n, reports, errors, wall, 0.0, peak, 0, cpu, busy, wall)


def measure_here(kind: str, inputs: Path, out: Path) -> Measured:
    """One run of ``kind`` (loop, j1, j2, dask) into a fresh output folder, in this process."""
    if kind == "loop":
        return measure_loop(inputs)
    if kind == "loop2":
        return measure_two_loops(inputs)
    shutil.rmtree(out, ignore_errors=True)
    note, cluster, client = "", None, None
    kwargs: dict[str, Any] = {"jobs": 1 if kind == "j1" else 2}
    if kind == "dask":
        from distributed import Client, LocalCluster

        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        client = Client(cluster)
        kwargs.update(engine="dask", scheduler=cluster.scheduler_address)
    cpu0, (all0, idle0) = own_cpu(), machine_jiffies()
    t0 = time.perf_counter()
    with PeakRss() as rss:
        result = run_bulk([inputs], out, **kwargs)
    wall = time.perf_counter() - t0
    cpu, (all1, idle1) = own_cpu() - cpu0, machine_jiffies()
    busy = (1 - (idle1 - idle0) / max(1, all1 - all0)) * (os.cpu_count() or 1)
    if client is not None and cluster is not None:
        sizes = client.run(lambda: __import__("psutil").Process().memory_info().rss)
        each = ", ".join(f"{v / 2**20:.0f}" for v in sizes.values())
        note = f"dask worker processes (outside their sandboxes): {each} MiB RSS each"
        client.close()
        cluster.close()
    return Measured(
        LABELS[kind], result.inputs, result.reports, result.errors, result.extract_seconds,
        result.assemble_seconds, result.peak_rss, rss.peak, cpu, busy, wall, note,
    )  # fmt: skip


def measure(kind: str, inputs: Path, out: Path) -> Measured:
    """One run of ``kind`` in a fresh Python process."""
    cmd = [sys.executable, __file__, "--measure", kind, "--inputs", str(inputs), "--out", str(out)]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return Measured(**json.loads(done.stdout.strip().splitlines()[-1]))


def tiny_archives(n: int, cache: Path) -> list[Path]:
    """A zip and a tar.gz of ``n`` tiny distinct text members (each fails as not a report in a
    fraction of a millisecond): what the parent pays per member, walking, hashing and recording."""
    cache.mkdir(parents=True, exist_ok=True)
    paths = [cache / f"tiny-{n}.zip", cache / f"tiny-{n}.tar.gz"]
    if all(p.exists() for p in paths):
        return paths
    import tarfile

    members = [(f"m/{i:06d}.txt", f"第{i}号\n".encode()) for i in range(n)]
    with zipfile.ZipFile(paths[0], "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    with tarfile.open(paths[1], "w:gz") as tf:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return paths


def tiny_rows(n: int, cache: Path) -> None:
    """One run per archive, 2 workers, in a fresh output folder: wall time and parent memory."""
    print(f"{'archive':<22} {'members':>8} {'wall':>8} {'rate':>9} {'parent':>10}")
    for archive in tiny_archives(n, cache):
        out = cache / "out-tiny"
        shutil.rmtree(out, ignore_errors=True)
        with PeakRss() as parent:
            t0 = time.perf_counter()
            result = run_bulk([archive], out, jobs=2)
            wall = time.perf_counter() - t0
        print(
            f"{archive.name:<22} {result.inputs:>8} {wall:7.1f}s {result.inputs / wall:8.0f}/s "
            f"{parent.peak / 2**20:7.0f} MiB"
        )


def row(m: Measured) -> str:
    rate = m.inputs / m.extract_seconds
    return (
        f"{m.label:<30} {m.wall:6.2f} s {m.inputs / m.wall:6.1f}/s {m.extract_seconds:6.2f} s "
        f"{rate:6.1f}/s {m.assemble_seconds:5.2f} s {1000 * m.cpu / m.inputs:6.1f} ms "
        f"{m.cpu / m.wall:5.2f} {m.machine_cores:5.2f} {m.peak_rss / 2**20:6.0f} MiB "
        f"{m.parent_rss / 2**20:6.0f} MiB"
    )


def load() -> str:
    return ", ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / ".cache")
    ap.add_argument("--rounds", type=int, default=2, help="runs of each kind; the best counts")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--folder", action="store_true", help="read the corpus folder, not the zip")
    ap.add_argument("--tiny", type=int, help="time a zip and a tar.gz of this many tiny members")
    ap.add_argument("--measure", choices=list(LABELS), help=argparse.SUPPRESS)
    ap.add_argument("--inputs", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:  # one run, in the process the benchmark started for it
        print(json.dumps(asdict(measure_here(args.measure, args.inputs, args.out))))
        return
    if args.tiny:
        tiny_rows(args.tiny, args.cache)
        return

    archive = build_corpus(args.n, args.cache)
    inputs, described = corpus_inputs(archive, args.n)
    if args.folder:
        inputs, described = archive.with_suffix(""), f"folder {archive.stem}/"
    print(f"corpus: {described}; {os.cpu_count()} cores; load average {load()}", flush=True)
    outs = args.cache / "out"
    kinds = ["loop", "loop2", "j1", "j2"] + ([] if args.no_dask else ["dask"])
    rounds: list[dict[str, Measured]] = []
    best: dict[str, Measured] = {}
    for _ in range(args.rounds):  # alternate the kinds, so a busy minute hits them alike
        rounds.append({})
        for kind in kinds:
            m = rounds[-1][kind] = measure(kind, inputs, outs / kind)
            if kind not in best or m.wall < best[kind].wall:
                best[kind] = m
    t0 = time.perf_counter()
    again = run_bulk([inputs], outs / "j2", jobs=2, formats=["csv", "parquet", "duckdb"])
    all_formats = time.perf_counter() - t0

    first = best["j1"]
    print(f"{first.inputs} inputs → {first.reports} reports, {first.errors} errors; "
          f"best of {args.rounds} runs each\n")  # fmt: skip
    print(
        f"{'run':<30} {'wall':>8} {'rate':>8} {'extract':>8} {'rate':>8} {'assem.':>7} "
        f"{'cpu/rep':>9} {'mine':>5} {'all':>5} {'peak/worker':>10} {'parent':>10}"
    )
    for m in best.values():
        print(row(m))
    loop, one, two = best["loop"], best["j1"], best["j2"]
    print()
    print(f"1 worker vs the in-process loop: {one.wall / loop.wall:.2f}x its time (target <= 1.10)")
    ceiling = loop.wall / best["loop2"].wall
    print(
        f"2 workers vs 1: {one.wall / two.wall:.2f}x (target >= 1.85); 2 loops at once vs 1: "
        f"{ceiling:.2f}x (what the machine gave two processes of this work: the ceiling)"
    )
    pairs = [r["j1"].wall / r["j2"].wall for r in rounds]
    ceilings = [r["loop"].wall / r["loop2"].wall for r in rounds]
    print(
        f"  round by round, 2 workers vs 1: {', '.join(f'{x:.2f}' for x in pairs)} (median "
        f"{statistics.median(pairs):.2f}); 2 loops vs 1: {', '.join(f'{x:.2f}' for x in ceilings)}"
        f" (median {statistics.median(ceilings):.2f})"
    )
    if "dask" in best:
        rel = two.wall / best["dask"].wall
        print(
            f"dask vs process pool, 2 workers: {rel:.2f}x the pool's rate "
            "(target >= 0.85; cluster start-up not counted)"
        )
    peak = max(m.peak_rss for m in best.values())
    print(f"peak memory per worker: {peak / 2**20:.0f} MiB (target <= 300)")
    per_report = two.wall / two.inputs
    print(
        f"10,000 reports with 2 workers, extrapolated: {per_report * 10_000 / 60:.1f} min "
        "(target < 5 min)"
    )
    print(
        f"re-run over the finished output folder (all {again.skipped} skipped) writing "
        f"csv + parquet + duckdb: {all_formats:.1f} s"
    )
    for m in best.values():
        if m.note:
            print(m.note)
    print(
        "wall: from the call to its return (extraction and outputs); extract / assem.: the run's "
        "two phases; cpu/rep: CPU seconds of all the run's processes per input; mine / all: "
        "cores busy with this run / on the whole machine during it (all > mine: other work "
        f"shared the cores); load average at the end {load()}"
    )
    print(
        f"CPU cost of parallelism: {1000 * one.cpu / one.inputs:.1f} ms a report with 1 worker, "
        f"{1000 * two.cpu / two.inputs:.1f} ms with 2"
    )


if __name__ == "__main__":
    main()
