"""Bulk runs: outputs equal to a one-process extraction, resume after kill -9, duplicates once,
hung / memory-hungry / crashing files isolated, the dask path, Parquet and DuckDB outputs."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path

import pytest

import extractor
from extractor.bulk import BulkError, intake, made_with, run_bulk
from extractor.columns import tables
from extractor.export import batch_check_rows, fact_rows, report_row, section_rows
from extractor.inputs import InputItem
from extractor.outputs.csvfile import write_csv_rows
from tests.conftest import DATA, SAMPLES

SAMPLE_FILES = [
    SAMPLES / f"pingchangguan-2023{variant}.{ext}"
    for variant in ("", "-numbered", "-pagebreak")
    for ext in ("pdf", "docx")
] + [SAMPLES / "pingchangguan-2023.txt"]
BAD_FILES = [
    DATA / "bad" / name
    for name in (
        "empty.pdf",
        "encrypted.pdf",
        "garbage.docx",
        "not-a-report.docx",
        "not-a-report.pdf",
        "truncated.pdf",
    )
]

# Loaded into every sandbox worker through PYTHONPATH: an input whose name says "hang" sleeps,
# "hog" allocates 4 GiB, "crash" kills its worker. Test code only; the product has no such hook.
SITECUSTOMIZE = """
import os, signal, time
import extractor

_extract = extractor.extract_bytes_all

def extract_bytes_all(data, source, pdf_engine="pdfium"):
    name = os.path.basename(source)
    if "hang" in name:
        time.sleep(600)
    if "hog" in name:
        hog = bytearray(4 * 2**30)
    if "crash" in name:
        os.kill(os.getpid(), signal.SIGSEGV)
    return _extract(data, source, pdf_engine=pdf_engine)

extractor.extract_bytes_all = extract_bytes_all
"""


def copy_files(folder: Path, files: list[Path]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for f in files:
        (folder / f.name).write_bytes(f.read_bytes())
    return folder


@pytest.fixture
def samples(tmp_path) -> Path:
    """A folder with the seven samples (so files others add to samples/ change nothing)."""
    return copy_files(tmp_path / "samples", SAMPLE_FILES)


@pytest.fixture
def bad(tmp_path) -> Path:
    """A folder with six files that fail, each for its own reason."""
    return copy_files(tmp_path / "bad", BAD_FILES)


def distinct_copies(folder: Path, n: int) -> list[Path]:
    """``n`` copies of the samples, each with different bytes (trailing newlines, which every
    reader ignores), named copy-NN-<sample>."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        sample = SAMPLE_FILES[i % len(SAMPLE_FILES)]
        path = folder / f"copy-{i:02d}-{sample.name}"
        path.write_bytes(sample.read_bytes() + b"\n" * (i + 1))
        paths.append(path)
    return paths


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_bytes().decode("utf-8-sig").splitlines()))


def output_bytes(out: Path) -> dict[str, bytes]:
    return {t.file: (out / t.file).read_bytes() for t in tables().values()}


def catalog(out: Path) -> sqlite3.Connection:
    return sqlite3.connect(out / ".catalog" / "catalog.sqlite")


@pytest.fixture
def worker_hooks(worker_hooks: Path) -> Path:
    """conftest's hooks folder, with the hooks above."""
    (worker_hooks / "sitecustomize.py").write_text(SITECUSTOMIZE)
    return worker_hooks


def write_outputs(batch: extractor.Batch, out: Path) -> None:
    """The CSV files of a batch extracted in one process, written row by row (the reference a
    run's outputs are held to)."""
    rows = {
        "reports": [report_row(r) for r in batch.reports],
        "facts": [row for r in batch.reports for row in fact_rows(r)],
        "sections": [row for r in batch.reports for row in section_rows(r)],
        "checks": batch_check_rows(batch.reports),
        "errors": batch.error_list,
    }
    out.mkdir(parents=True, exist_ok=True)
    for name, table in tables().items():
        write_csv_rows(out / table.file, table, rows[name])


def test_bulk_outputs_equal_one_process_extraction(tmp_path, samples, bad):
    inputs = [samples, DATA / "hongze-2024.pdf", bad]
    result = run_bulk(inputs, tmp_path / "bulk", jobs=2)
    batch = extractor.extract_many(inputs)
    write_outputs(batch, tmp_path / "ref")
    assert output_bytes(tmp_path / "bulk") == output_bytes(tmp_path / "ref")
    assert (result.reports, result.errors) == (len(batch.reports), len(batch.errors)) == (8, 6)
    assert result.extracted + result.failed == result.inputs == 14


def test_outputs_are_the_same_when_outcomes_wait_on_disk_for_their_turn(
    tmp_path, samples, monkeypatch
):
    """Outcomes that arrive before their turn are kept up to HELD_BYTES; past it their parts are
    read back from the pack and their CSV lines made by the run: the same files."""
    from extractor.bulk import assemble

    run_bulk([samples], tmp_path / "held", jobs=2)
    monkeypatch.setattr(assemble, "HELD_BYTES", 0)
    run_bulk([samples], tmp_path / "read-back", jobs=2)
    assert output_bytes(tmp_path / "read-back") == output_bytes(tmp_path / "held")


def test_rerun_skips_what_is_done_and_writes_the_same_files(tmp_path, samples, bad):
    out = tmp_path / "out"
    first = run_bulk([samples, bad], out, jobs=2)
    before = output_bytes(out)
    again = run_bulk([samples, bad], out, jobs=2)
    assert (again.extracted, again.failed, again.skipped) == (0, 0, first.inputs)
    assert output_bytes(out) == before
    with catalog(out) as db:
        rows = db.execute("SELECT status, kind, reason, finished FROM contents").fetchall()
    assert sorted(r[0] for r in rows) == ["done"] * 7 + ["failed"] * 6
    assert all(r[3] for r in rows)  # every content has its time
    assert {r[1] for r in rows if r[0] == "failed"} >= {"encrypted", "empty", "unreadable"}


def test_resume_after_kill_9_equals_a_clean_run(tmp_path):
    folder = tmp_path / "in"
    distinct_copies(folder, 24)
    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "extractor.cli", str(folder), "-o", str(out), "-q", "-j", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db_path = out / ".catalog" / "catalog.sqlite"
    done = 0
    deadline = time.monotonic() + 60
    while done < 6 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
        if db_path.exists():
            try:
                with sqlite3.connect(db_path) as db:
                    q = "SELECT COUNT(*) FROM contents WHERE status = 'done'"
                    done = db.execute(q).fetchone()[0]
            except sqlite3.OperationalError:
                pass  # the schema is being created
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 6 <= done < 24, "the run was not stopped mid-way"
    assert not (out / "reports.csv").exists()

    resumed = run_bulk([folder], out, jobs=2)
    assert resumed.skipped >= 6 and resumed.extracted == 24 - resumed.skipped
    clean = run_bulk([folder], tmp_path / "clean", jobs=2)
    assert clean.extracted == 24
    assert output_bytes(out) == output_bytes(tmp_path / "clean")
    assert len(csv_rows(out / "reports.csv")) == 24


def test_hanging_file_is_killed_recorded_and_the_run_goes_on(tmp_path, worker_hooks):
    folder = tmp_path / "in"
    folder.mkdir()
    txt = (SAMPLES / "pingchangguan-2023.txt").read_bytes()
    for name, tail in [("a.txt", b""), ("hang.txt", b"\n"), ("z.txt", b"\n\n")]:
        (folder / name).write_bytes(txt + tail)
    started = time.monotonic()
    result = run_bulk([folder], tmp_path / "out", jobs=2, timeout=2)
    assert time.monotonic() - started < 30
    assert (result.extracted, result.failed) == (2, 1)
    (error,) = csv_rows(tmp_path / "out" / "errors.csv")
    assert error["source"] == str(folder / "hang.txt") and error["kind"] == "timeout"
    assert error["reason"].startswith("timed out after 2 s")
    assert [r["source"] for r in csv_rows(tmp_path / "out" / "reports.csv")] == [
        str(folder / "a.txt"),
        str(folder / "z.txt"),
    ]


def test_the_task_a_worker_held_behind_a_hanging_one_goes_to_its_replacement(
    tmp_path, worker_hooks
):
    """A worker holds the next task while it runs one: when it is killed, that task is given to
    the worker that replaces it, and its own time limit starts there."""
    folder = tmp_path / "in"
    folder.mkdir()
    txt = (SAMPLES / "pingchangguan-2023.txt").read_bytes()
    (folder / "a-hang.txt").write_bytes(txt)
    (folder / "b.txt").write_bytes(txt + b"\n")
    result = run_bulk([folder], tmp_path / "out", jobs=1, timeout=2)
    assert (result.extracted, result.failed) == (1, 1)
    (error,) = csv_rows(tmp_path / "out" / "errors.csv")
    assert error["source"] == str(folder / "a-hang.txt") and error["kind"] == "timeout"
    assert [r["source"] for r in csv_rows(tmp_path / "out" / "reports.csv")] == [
        str(folder / "b.txt")
    ]


def test_memory_hog_and_crashing_worker_are_recorded_and_replaced(tmp_path, worker_hooks):
    folder = tmp_path / "in"
    folder.mkdir()
    txt = (SAMPLES / "pingchangguan-2023.txt").read_bytes()
    names = ["a.txt", "crash.txt", "hog.txt", "m.txt", "z.txt"]
    for i, name in enumerate(names):
        (folder / name).write_bytes(txt + b"\n" * i)
    result = run_bulk([folder], tmp_path / "out", jobs=1, max_memory=512 * 2**20)
    errors = {Path(e["source"]).name: e for e in csv_rows(tmp_path / "out" / "errors.csv")}
    assert errors["hog.txt"]["kind"] == "memory"
    assert errors["hog.txt"]["reason"] == "memory limit exceeded (512 MiB)"
    assert errors["crash.txt"]["kind"] == "crashed" and "SIGSEGV" in errors["crash.txt"]["reason"]
    assert result.reports == 3 and result.errors == 2  # one worker, replaced twice


@pytest.mark.slow
def test_dask_local_cluster_with_two_workers(tmp_path, samples, bad):
    distributed = pytest.importorskip("distributed")
    archive = tmp_path / "more.zip"
    with zipfile.ZipFile(archive, "w") as zf:  # members travel with their tasks
        zf.write(SAMPLES / "pingchangguan-2023.txt", "in-zip/a.txt")
        zf.writestr("in-zip/b.txt", (SAMPLES / "pingchangguan-2023.txt").read_bytes() + b"\n")
    inputs = [samples, bad, archive]
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        result = run_bulk(
            inputs, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address
        )
    run_bulk(inputs, tmp_path / "pool", jobs=2)
    assert (result.extracted, result.failed, result.skipped) == (8, 6, 1)  # a.txt: a copy
    assert output_bytes(tmp_path / "dask") == output_bytes(tmp_path / "pool")
    reports = csv_rows(tmp_path / "dask" / "reports.csv")
    assert reports[-1]["source"] == f"{archive}!in-zip/b.txt"


def test_parquet_and_duckdb_hold_the_csv_rows_with_exact_values(tmp_path, samples, bad):
    duckdb = pytest.importorskip("duckdb")
    pads = pytest.importorskip("pyarrow.dataset")
    out = tmp_path / "out"
    inputs = [samples, DATA / "hongze-2024.pdf", bad]
    run_bulk(inputs, out, jobs=2, formats=["csv", "parquet", "duckdb"])
    db = duckdb.connect(str(out / "reports.duckdb"), read_only=True)
    for table, name in ((t.name, t.file) for t in tables().values()):
        rows = csv_rows(out / name)
        in_duckdb = db.execute(f"SELECT COUNT(*) FROM {table}").fetchall()[0][0]
        in_parquet = pads.dataset(out / "parquet" / table, partitioning="hive").count_rows()
        assert len(rows) == in_duckdb == in_parquet, table
    years = sorted(p.name for p in (out / "parquet" / "facts").iterdir())
    assert years == ["year=2023", "year=2024"]
    csv_sum = sum(Decimal(r["value"]) for r in csv_rows(out / "facts.csv") if r["value"])
    (duck_sum,) = db.execute("SELECT SUM(value) FROM facts").fetchall()[0]
    assert duck_sum == csv_sum and Decimal("23.0715") in {
        r[0] for r in db.execute("SELECT value FROM facts WHERE \"table\" = 'proactive'").fetchall()
    }
    facts = pads.dataset(out / "parquet" / "facts", partitioning="hive").to_table()
    assert str(facts.schema.field("value").type) == "decimal128(38, 10)"
    assert sum(v for v in facts.column("value").to_pylist() if v is not None) == csv_sum


def test_other_pdf_engine_in_the_same_output_folder_is_refused(tmp_path):
    run_bulk([SAMPLES / "pingchangguan-2023.txt"], tmp_path, jobs=1)
    with pytest.raises(BulkError, match="pdf_engine"):
        run_bulk([SAMPLES / "pingchangguan-2023.txt"], tmp_path, jobs=1, pdf_engine="pdfplumber")


def test_a_folder_made_by_other_code_is_extracted_again_and_says_why(tmp_path, monkeypatch):
    """Resume is keyed on what made the results: after an upgrade (another version) or a new
    output schema, a re-run into the same folder extracts everything again, failures too."""
    inputs = [SAMPLES / "pingchangguan-2023.txt", DATA / "bad" / "empty.pdf"]
    out = tmp_path / "out"
    first = run_bulk(inputs, out, jobs=1)
    before = output_bytes(out)
    assert first.redone == "" and run_bulk(inputs, out, jobs=1).skipped == 2
    monkeypatch.setattr(made_with, "package_version", lambda: "99.0")
    upgraded = run_bulk(inputs, out, jobs=1)
    assert (upgraded.extracted, upgraded.failed, upgraded.skipped) == (1, 1, 0)
    assert f"extractor {version('extractor')} (this is 99.0)" in upgraded.redone
    assert output_bytes(out) == before
    assert run_bulk(inputs, out, jobs=1).skipped == 2  # the same code again: kept
    monkeypatch.setattr(made_with, "schema_hash", lambda: "a new column")
    reshaped = run_bulk(inputs, out, jobs=1)
    assert (reshaped.extracted, reshaped.skipped) == (1, 0)
    assert "another output schema" in reshaped.redone


@pytest.mark.slow
def test_cli_parallel_run_and_usage_errors(tmp_path, samples):
    def cli(*args):
        cmd = [sys.executable, "-m", "extractor.cli", *map(str, args)]
        return subprocess.run(cmd, capture_output=True, text=True)

    ok = cli(samples, "-o", tmp_path / "o", "--jobs", "2", "--format", "csv,parquet")
    assert ok.returncode == 0, ok.stderr
    assert "7 reports, 0 errors" in ok.stdout and (tmp_path / "o" / "parquet" / "facts").is_dir()
    for bad_option in (
        ["--format", "xml"],
        ["--max-memory", "lots"],
        ["--timeout", "soon"],
        ["--jobs", "0"],
        ["--engine", "spark"],
        ["--scheduler", "tcp://127.0.0.1:8786"],  # without --engine dask
    ):
        assert cli(samples, "-o", tmp_path / "x", *bad_option).returncode == 2, bad_option


def test_rerun_over_an_unchanged_archive_reads_no_member(tmp_path, monkeypatch):
    archive = tmp_path / "reports.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in SAMPLE_FILES[:3]:
            zf.write(f, f"in/{f.name}")
    out = tmp_path / "out"
    first = run_bulk([archive], out, jobs=2)
    assert (first.extracted, first.reports) == (3, 3)
    before = output_bytes(out)

    reads: list[str] = []
    walk = intake.iter_inputs

    def counted(paths, budget):
        for item in walk(paths, budget):
            yield InputItem(
                item.source, lambda i=item: reads.append(i.source) or i.read(), item.size
            )

    monkeypatch.setattr(intake, "iter_inputs", counted)
    again = run_bulk([archive], out, jobs=2)
    assert (again.skipped, reads) == (3, [])
    assert output_bytes(out) == before
    os.utime(archive, ns=(time.time_ns(), time.time_ns() + 10**9))  # touched: hashed again
    touched = run_bulk([archive], out, jobs=2)
    assert (touched.skipped, touched.extracted, len(reads)) == (3, 0, 3)
