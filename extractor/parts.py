"""One input of a bulk run: the task sent to a worker, the outcome it sends back, and the part
file that holds a report's rows until the final outputs are assembled.

A part holds the rows of every output table for one report, without the ``source`` column (it is
added when the outputs are assembled, from the first input in the run that has those bytes), so
a part depends only on the content: it is named by its SHA-256 and written atomically.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import resource
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PART_SUFFIX = ".part"


@dataclass(frozen=True, slots=True)
class Task:
    """What a worker extracts: the bytes (``data``) or a path the worker reads itself."""

    sha256: str
    source: str
    path: str | None = None
    data: bytes | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a worker sends back: a compressed part (``payload``) or a failure kind and reason."""

    sha256: str
    source: str
    ok: bool
    payload: bytes | None = None
    year: int | None = None
    kind: str = ""
    reason: str = ""
    seconds: float = 0.0
    peak_rss: int = 0  # bytes, the worker's peak resident memory so far


@dataclass(frozen=True, slots=True)
class Part:
    """A decoded part: the report's year and its rows per output table (no ``source`` column)."""

    year: int | None
    rows: dict[str, list[tuple[Any, ...]]]


def one_line(text: str) -> str:
    """Any message → one line."""
    return " ".join(str(text).split()) or "(no message)"


def peak_rss_bytes() -> int:
    """This process's peak resident memory in bytes: VmHWM on Linux (ru_maxrss would also count
    the parent's memory at the fork that started this process), else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def report_to_part(report: Any) -> bytes:
    """Report → compressed part bytes."""
    from .export import report_to_rows

    rows = {t: [r[1:] for r in rs] for t, rs in report_to_rows(report).items()}
    year = report.meta.get("year")
    return zlib.compress(pickle.dumps((year, rows), protocol=pickle.HIGHEST_PROTOCOL), 1)


def part_from_bytes(data: bytes) -> Part:
    """Compressed part bytes → Part."""
    year, rows = pickle.loads(zlib.decompress(data))
    return Part(year, rows)


def part_path(parts_dir: Path, sha256: str) -> Path:
    """Where the part of one content lives (fanned out over 256 folders)."""
    return parts_dir / sha256[:2] / f"{sha256}{PART_SUFFIX}"


def write_part(path: Path, payload: bytes) -> None:
    """Write a part atomically: a temporary name, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_bytes(payload)
    os.replace(tmp, path)


def read_part(path: Path) -> Part:
    return part_from_bytes(path.read_bytes())


def _failed(task: Task, kind: str, reason: str, started: float) -> Outcome:
    return Outcome(
        task.sha256,
        task.source,
        False,
        kind=kind,
        reason=one_line(reason),
        seconds=time.perf_counter() - started,
        peak_rss=peak_rss_bytes(),
    )


def run_task(task: Task, pdf_engine: str) -> Outcome:
    """Task → Outcome: read the bytes, check they are the ones hashed, extract, encode the part.
    Bad input and unexpected errors become a failed Outcome; MemoryError propagates."""
    import extractor

    started = time.perf_counter()
    try:
        data = task.data if task.data is not None else Path(task.path or task.source).read_bytes()
    except OSError as exc:
        return _failed(task, "unreadable", exc.strerror or str(exc), started)
    if hashlib.sha256(data).hexdigest() != task.sha256:
        return _failed(task, "changed", "the file changed during the run", started)
    try:
        report = extractor.extract_bytes(data, task.source, pdf_engine=pdf_engine)
        payload = report_to_part(report)
    except extractor.ExtractError as exc:
        return _failed(task, exc.kind, str(exc), started)
    except MemoryError:
        raise
    except Exception as exc:  # a bug met on one file must not stop the run
        return _failed(task, "crashed", f"{type(exc).__name__}: {exc}", started)
    year = report.meta.get("year")
    return Outcome(
        task.sha256,
        task.source,
        True,
        payload=payload,
        year=year if isinstance(year, int) else None,
        seconds=time.perf_counter() - started,
        peak_rss=peak_rss_bytes(),
    )
