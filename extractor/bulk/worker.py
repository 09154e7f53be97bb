"""The worker: a process that extracts one task after another and sends back each outcome.

Started by the parent's ``Sandbox`` as ``python -m extractor.bulk.worker RESULT_FD PDF_ENGINE
MAX_MEMORY [csv]``: tasks come on its stdin, outcomes go to the pipe ``RESULT_FD``, both as
length-prefixed pickles (``protocol``). Its stdout is sent to its stderr, so nothing a library
prints can break the protocol. A MemoryError, reading a task included, ends the worker (its heap
may be in a poor state) after a ``memory`` outcome when it can still send one.
"""

from __future__ import annotations

import gc
import hashlib
import os
import sys
import time
from pathlib import Path

import extractor

from ..columns import REPORT_TABLES, tables
from ..export import report_to_rows
from ..outputs.csvfile import csv_text
from .memory import limit_memory, memory_reason, peak_rss_bytes
from .parts import encode_parts
from .protocol import EXIT_AFTER_MEMORY_ERROR, Outcome, Task, failed, read_message, write_message

# A report's extraction makes tens of thousands of objects that die with it: collected every
# 10,000 allocations (not 700) the young ones are mostly gone already (2% of a worker's time).
GC_THRESHOLDS = (10_000, 10, 10)


def run_task(task: Task, pdf_engine: str, with_csv: bool = False) -> Outcome:
    """Task → Outcome: the bytes (read from the task's path and checked against its hash; bytes
    that travel with the task are the ones the parent hashed), extracted (every report of a
    compilation), the parts encoded and, ``with_csv``, the CSV lines made (the reports' one
    after another). Bad input and unexpected errors become a failed Outcome;
    MemoryError propagates."""
    started = time.perf_counter()

    def failure(kind: str, reason: str) -> Outcome:
        return failed(task, kind, reason, time.perf_counter() - started, peak_rss_bytes())

    data = task.data
    if data is None:
        try:
            data = Path(task.path or task.source).read_bytes()
        except OSError as exc:
            return failure("unreadable", exc.strerror or str(exc))
        if hashlib.sha256(data).hexdigest() != task.sha256:
            return failure("changed", "the file changed during the run")
    try:
        reports = extractor.extract_bytes_all(data, task.source, pdf_engine=pdf_engine)
        per_report = [(_suffix(r.source, task.source), report_to_rows(r)) for r in reports]
        payload = encode_parts(per_report)
        csv = (
            {
                t: b"".join(csv_text(tables()[t], rows[t]).encode() for _, rows in per_report)
                for t in REPORT_TABLES
            }
            if with_csv
            else None
        )
    except extractor.ExtractError as exc:
        return failure(exc.kind, str(exc))
    except MemoryError:
        raise
    except Exception as exc:  # a bug met on one file must not stop the run
        return failure("crashed", f"{type(exc).__name__}: {exc}")
    year = reports[0].meta.get("year")
    return Outcome(
        task.sha256,
        task.source,
        True,
        payload=payload,
        csv=csv,
        year=year if isinstance(year, int) else None,
        seconds=time.perf_counter() - started,
        peak_rss=peak_rss_bytes(),
    )


def _suffix(report_source: str, file_source: str) -> str:
    """What a report's source adds to its file's ('#pages=5-9' for a compilation's report)."""
    if not report_source.startswith(file_source):
        raise ValueError(f"a report of {file_source} named {report_source}")
    return report_source[len(file_source) :]


def serve(
    task_fd: int, result_fd: int, pdf_engine: str, max_memory: int | None, with_csv: bool
) -> int:
    """The worker loop: tasks in, outcomes out, until the parent closes the task pipe. The
    next tasks wait in the pipe while one is extracted (the parent queues behind a running
    task only those that fit in it: ``pool.ProcessPool.feed``), each read when the one before
    is over: a
    thread reading it meanwhile woke, took the GIL from the extraction and pushed a worker
    off its core at every task (two processes a core's worth of context switches a report)."""
    if pdf_engine == "pdfplumber":
        import pdfplumber  # noqa: F401 - imported before any limit

    limit_memory(max_memory)
    gc.freeze()  # what the imports made lives as long as the worker: no collection walks it
    gc.set_threshold(*GC_THRESHOLDS)
    while True:
        try:
            task = read_message(task_fd)
        except MemoryError:
            return EXIT_AFTER_MEMORY_ERROR  # the parent names the task it sent
        if task is None:
            return 0
        try:
            outcome = run_task(task, pdf_engine, with_csv)
        except MemoryError:
            outcome = failed(task, "memory", memory_reason(max_memory), peak_rss=peak_rss_bytes())
            write_message(result_fd, outcome)
            return EXIT_AFTER_MEMORY_ERROR  # the heap may be in a poor state: start afresh
        write_message(result_fd, outcome)


def main(argv: list[str] | None = None) -> int:
    """``python -m extractor.bulk.worker RESULT_FD PDF_ENGINE MAX_MEMORY [csv]``."""
    result_fd, pdf_engine, max_memory, *flags = (argv or sys.argv[1:])[:4]
    os.dup2(2, 1)  # stray prints from libraries go to the log, not the parent
    return serve(0, int(result_fd), pdf_engine, int(max_memory) or None, "csv" in flags)


if __name__ == "__main__":
    code = main()
    sys.stderr.flush()
    os._exit(code)  # nothing to tear down: the parent is waiting for it to be gone
