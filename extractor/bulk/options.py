"""The options of a bulk run, checked before anything starts: sizes, durations, formats, engines,
and the executor an engine name stands for."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .pool import Executor, ProcessPool
from .sinks import FORMATS

ENGINES = ("processes", "dask")


class BulkError(ValueError):
    """A bulk run cannot start: bad options, or an output folder made with other settings."""


def parse_size(text: str) -> int:
    """``1GB``, ``512M``, ``300MiB`` or a number of bytes → bytes (0 for no limit)."""
    units = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
    t = text.strip().upper().removesuffix("IB").removesuffix("B")
    number, unit = (t[:-1], t[-1]) if t and t[-1] in units else (t, "")
    try:
        return int(float(number) * units[unit])
    except ValueError:
        raise BulkError(f"not a size: {text!r} (e.g. 1GB, 512MB)") from None


def parse_seconds(text: str) -> float:
    """``120``, ``120s``, ``2m`` → seconds (0 for no limit)."""
    t = text.strip().lower()
    scale = 60.0 if t.endswith("m") else 1.0
    try:
        return float(t.rstrip("sm")) * scale
    except ValueError:
        raise BulkError(f"not a duration: {text!r} (e.g. 120s, 2m)") from None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def checked_formats(formats: Iterable[str]) -> list[str]:
    """Output formats, each once, in the order given; BulkError for none or an unknown one."""
    formats = list(dict.fromkeys(formats))
    if not formats:
        raise BulkError("no output format given: use csv, parquet, duckdb")
    if bad := [f for f in formats if f not in FORMATS]:
        raise BulkError(f"unknown format {bad[0]!r}: use {', '.join(FORMATS)}")
    return formats


def check_engines(pdf_engine: str, engine: str) -> None:
    """BulkError for an unknown PDF engine or executor."""
    from ..readers.pdf import ENGINES as PDF_ENGINES

    if pdf_engine not in PDF_ENGINES:
        raise BulkError(f"--pdf-engine must be one of {', '.join(PDF_ENGINES)}")
    if engine not in ENGINES:
        raise BulkError(f"unknown engine {engine!r}: use {' or '.join(ENGINES)}")


def make_executor(
    engine: str,
    jobs: int,
    pdf_engine: str,
    timeout: float | None,
    max_memory: int | None,
    scheduler: str | None,
    log_path: Path,
    with_csv: bool = False,
) -> Executor:
    """Engine name → executor: ``processes`` (this machine) or ``dask`` (a cluster). ``with_csv``:
    the workers make each report's CSV lines (dask's workers always do)."""
    if engine == "dask":
        from .dask_executor import DaskExecutor

        return DaskExecutor(scheduler, jobs, pdf_engine, timeout, max_memory)
    return ProcessPool(jobs, pdf_engine, timeout, max_memory, log_path, with_csv)
