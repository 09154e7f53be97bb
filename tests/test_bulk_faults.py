"""Hostile inputs and faults in a bulk run: a zip bomb member, a 42.zip-style nested bomb, a pipe
that breaks, a MemoryError reading a task, two runs into one folder, an unusable output folder.
Each ends as that input's error row (or a one-line usage error), never the run's end."""

from __future__ import annotations

import fcntl
import hashlib
import os
import resource
import select
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from extractor.bulk import BulkError, run_bulk
from extractor.bulk.forked import CAN_FORK, Forked
from extractor.bulk.protocol import Task
from extractor.bulk.sandbox import Sandbox
from tests.conftest import SAMPLES
from tests.test_bulk import csv_rows

TXT = SAMPLES / "pingchangguan-2023.txt"
PDF = SAMPLES / "pingchangguan-2023-numbered.pdf"


def zeros_member(zf: zipfile.ZipFile, name: str, mib: int) -> None:
    """A member of ``mib`` MiB of zeros, deflated as it is written (never held whole)."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with zf.open(info, "w", force_zip64=True) as fh:
        chunk = bytes(1 << 20)
        for _ in range(mib):
            fh.write(chunk)


def errors_by_source(out: Path) -> dict[str, dict[str, str]]:
    return {e["source"]: e for e in csv_rows(out / "errors.csv")}


@pytest.mark.slow
def test_one_gib_of_zeros_member_fails_alone_and_the_good_member_is_extracted(tmp_path):
    """The issue's first cause: a 1 MB zip with a 1 GiB member of zeros killed the whole run
    (parent at 3.1 GB, no outputs). Now the member is refused from its declared ratio, and the
    parent's peak memory does not move."""
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zeros_member(zf, "a/bomb.pdf", 1024)
        zf.write(TXT, "a/good.txt")
    assert archive.stat().st_size < 2 << 20
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = run_bulk([archive], tmp_path / "out", jobs=1)
    grew = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
    assert (result.extracted, result.failed) == (1, 1)
    error = errors_by_source(tmp_path / "out")[f"{archive}!a/bomb.pdf"]
    assert error["kind"] == "too_large" and "compression budget" in error["reason"]
    reports = csv_rows(tmp_path / "out" / "reports.csv")
    assert [r["source"] for r in reports] == [f"{archive}!a/good.txt"]
    assert grew < 100 << 20


def test_member_over_its_declared_size_budget_streams_no_further(tmp_path):
    """A member that really is large and compresses like a report (no ratio alarm) is refused
    once its bytes pass the member budget, while they stream."""
    from extractor.archives import Budget

    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("big.pdf", os.urandom(3 << 20))
        zf.write(TXT, "good.txt")
    budget = Budget(member_bytes=2 << 20)
    result = run_bulk([archive], tmp_path / "out", jobs=1, budget=budget)
    error = errors_by_source(tmp_path / "out")[f"{archive}!big.pdf"]
    assert error["kind"] == "too_large" and "budget" in error["reason"]
    assert result.reports == 1


def nested_bomb(leaf_mib: int, fan: int, levels: int) -> bytes:
    """A 42.zip-style bomb: a leaf zip of one member of zeros, then ``levels`` zips of ``fan``
    copies of the level below (each layer compresses the repetitive one below to almost
    nothing)."""
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zeros_member(zf, "0.pdf", leaf_mib)
    data = buf.getvalue()
    for level in range(levels):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for i in range(fan):
                zf.writestr(f"l{level}-{i}.zip", data)
        data = buf.getvalue()
    return data


def test_nested_zip_bomb_is_refused_quickly_with_a_reason(tmp_path):
    """The issue's third cause: a 34.6 KB nested zip (400 GiB expanded) took the parent ~18
    minutes. Here 16 × 16 × 16 leaves of 256 MiB (1 TiB) in a few KB: the archive is refused
    as soon as what it declares passes the archive budget."""
    archive = tmp_path / "42.zip"
    archive.write_bytes(nested_bomb(256, 16, 3))
    assert archive.stat().st_size < 100_000
    started = time.monotonic()
    result = run_bulk([archive, TXT], tmp_path / "out", jobs=1)
    assert time.monotonic() - started < 30
    errors = errors_by_source(tmp_path / "out")
    assert errors[str(archive)]["kind"] == "too_large"
    assert "expands to more than 8 GiB (archive budget)" in errors[str(archive)]["reason"]
    leaves = [e for s, e in errors.items() if s.endswith("0.pdf")]
    assert leaves and all(e["kind"] == "too_large" for e in leaves)
    assert len(errors) < 40 and result.reports == 1


DIE_AT_START = """
import os
if os.environ.get("EXTRACTOR_TEST_FAULT") == "die":  # only processes started by the test
    os._exit(1)
if os.environ.get("EXTRACTOR_TEST_FAULT") == "no-memory":
    import pickle
    def loads(*args, **kwargs):
        raise MemoryError
    pickle.loads = loads
"""


def test_worker_that_dies_before_reading_its_task_is_a_crashed_row(
    tmp_path, worker_hooks, monkeypatch
):
    """The issue: the second BrokenPipeError escaped run_bulk. A member larger than a pipe's
    buffer, sent to workers that exit at once: the write fails twice, the file is ``crashed``,
    the outputs are written."""
    (worker_hooks / "sitecustomize.py").write_text(DIE_AT_START)
    monkeypatch.setenv("EXTRACTOR_TEST_FAULT", "die")
    archive = tmp_path / "in.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(PDF, "big.pdf")  # 170 KB: more than the pipe holds
    result = run_bulk([archive], tmp_path / "out", jobs=1)
    (error,) = csv_rows(tmp_path / "out" / "errors.csv")
    assert error["kind"] == "crashed" and result.failed == 1
    assert "could not be given the file" in error["reason"] or "exited" in error["reason"]


def test_memory_error_reading_the_task_is_a_memory_row(tmp_path, worker_hooks, monkeypatch):
    """The issue: the worker's read_message sat outside serve's ``except MemoryError``."""
    (worker_hooks / "sitecustomize.py").write_text(DIE_AT_START)
    monkeypatch.setenv("EXTRACTOR_TEST_FAULT", "no-memory")
    result = run_bulk([TXT], tmp_path / "out", jobs=1, max_memory=512 * 2**20)
    (error,) = csv_rows(tmp_path / "out" / "errors.csv")
    assert (error["kind"], error["reason"]) == ("memory", "memory limit exceeded (512 MiB)")
    assert result.failed == 1


def cli(*args: object) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "extractor.cli", *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True)


def test_second_run_into_the_same_folder_exits_2_with_one_line(tmp_path):
    """The issue's fourth cause: two runs into one -o corrupted each other."""
    out = tmp_path / "out"
    (out / ".catalog").mkdir(parents=True)
    with open(out / ".catalog" / "lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(BulkError, match="in use by another run"):
            run_bulk([TXT], out, jobs=1)
        busy = cli(TXT, "-o", out, "-q")
    assert busy.returncode == 2
    assert busy.stderr.count("\n") == 1 and "in use by another run" in busy.stderr
    assert cli(TXT, "-o", out, "-q").returncode == 0  # the lock went with its holder


@pytest.mark.parametrize("case", ["a file", "a corrupt catalog", "not writable"])
def test_unusable_output_folder_exits_2_with_one_line(tmp_path, case):
    out = tmp_path / "out"
    if case == "a file":
        out.write_text("not a folder")
    elif case == "a corrupt catalog":
        (out / ".catalog").mkdir(parents=True)
        (out / ".catalog" / "catalog.sqlite").write_bytes(b"this is not SQLite" * 100)
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes into a read-only folder")
        out.mkdir()
        out.chmod(0o500)
    done = cli(TXT, "-o", out, "-q")
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ")
    assert "Traceback" not in done.stderr


def test_a_stored_result_that_cannot_be_read_is_an_error_row_and_redone(tmp_path):
    """Outputs are written whatever the state left behind: a damaged part is that file's
    row, and the next run extracts it again."""
    out = tmp_path / "out"
    run_bulk([TXT], out, jobs=1)
    pack = out / ".catalog" / "parts.pack"  # the one part in it
    pack.write_bytes(b"\x00" * pack.stat().st_size)  # same size: the rerun trusts it
    again = run_bulk([TXT], out, jobs=1)
    (error,) = csv_rows(out / "errors.csv")
    assert "stored result could not be read" in error["reason"] and again.reports == 0
    third = run_bulk([TXT], out, jobs=1)
    assert (third.extracted, third.reports, third.errors) == (1, 1, 0)


def test_large_member_is_spilled_for_its_worker_and_removed(tmp_path, monkeypatch):
    """A member over IN_MEMORY_BYTES is never held whole by the run: it streams to
    .catalog/spill/<sha256>, the worker reads it there, and it is removed after."""
    from extractor.bulk import intake

    monkeypatch.setattr(intake, "IN_MEMORY_BYTES", 64 << 10)  # the 170 KB sample spills
    archive = tmp_path / "in.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(PDF, "big.pdf")
        zf.write(TXT, "small.txt")
    spilled: list[str] = []
    real = intake.member_task

    def watched(item, spill):
        task = real(item, spill)
        spilled.append(task.path or "")
        return task

    monkeypatch.setattr(intake, "member_task", watched)
    result = run_bulk([archive], tmp_path / "out", jobs=1)
    assert result.reports == 2 and result.errors == 0
    spill = tmp_path / "out" / ".catalog" / "spill"
    assert spilled[0].startswith(str(spill)) and spilled[1] == ""  # the small one travels
    assert not spill.exists() or list(spill.iterdir()) == []


@pytest.mark.skipif(not CAN_FORK, reason="workers are forked on Linux only")
def test_forked_worker_extracts_as_a_fresh_one_and_its_replacement_is_fresh(tmp_path):
    """A pool's first worker is forked from the run (no imports to pay); it gives the outcome a
    fresh worker gives; the worker that replaces it is a fresh subprocess; a worker forked after
    another does not hold the other's pipes (closing its task pipe ends it at once)."""
    data = TXT.read_bytes()
    task = Task(hashlib.sha256(data).hexdigest(), str(TXT), data=data)
    forked = Sandbox("pdfium", None, with_csv=True, fork=True)
    second = Sandbox("pdfium", None, with_csv=True, fork=True)
    fresh = Sandbox("pdfium", None, with_csv=True)
    try:
        forked.start()
        second.start()
        assert isinstance(forked.proc, Forked) and isinstance(second.proc, Forked)
        one, other = forked.run(task, 60), fresh.run(task, 60)
        assert one.ok and (one.payload, one.csv) == (other.payload, other.csv)
        assert isinstance(fresh.proc, subprocess.Popen)
        proc = forked.proc
        forked.stop()  # its task pipe closed: it exits 0 (not killed after 5 s)
        assert proc.returncode == 0
        forked.start()
        assert isinstance(forked.proc, subprocess.Popen)  # a replacement: started afresh
        assert forked.run(task, 60).payload == one.payload
    finally:
        for box in (forked, second, fresh):
            box.stop(kill=True)


HANG = """
import time, extractor
extractor.extract_bytes_all = lambda *args, **kwargs: time.sleep(600)
"""


@pytest.mark.skipif(not CAN_FORK, reason="workers are forked on Linux only")
def test_forked_worker_killed_by_a_signal_is_named(tmp_path, worker_hooks):
    """A forked worker's end is read as a fresh one's: the signal that killed it is named."""
    (worker_hooks / "sitecustomize.py").write_text(HANG)
    box = Sandbox("pdfium", None, fork=True)
    try:
        box.start()
        assert isinstance(box.proc, Forked)
        box.send(Task("0" * 64, str(TXT), data=TXT.read_bytes()), 60)
        time.sleep(0.2)
        os.kill(box.proc.pid, signal.SIGKILL)
        assert select.select([box.result_fd], [], [], 10)[0]
        outcome, _ = box.receive(60)
        assert (outcome.kind, outcome.reason) == (
            "crashed",
            "the worker died (SIGKILL); it was replaced",
        )
    finally:
        box.stop(kill=True)
