"""The worker protocol: the task the parent sends a worker, the outcome the worker sends back,
and how both travel over a pipe (length-prefixed pickles; named tuples, the fastest to
pickle)."""

from __future__ import annotations

import os
import pickle
import struct
from typing import Any, NamedTuple

_HEADER = struct.Struct(">Q")
EXIT_AFTER_MEMORY_ERROR = 3  # a worker's exit code after a MemoryError (its heap is suspect)


class Task(NamedTuple):
    """What a worker extracts: the bytes (``data``) or a path the worker reads itself."""

    sha256: str
    source: str
    path: str | None = None
    data: bytes | None = None


class Outcome(NamedTuple):
    """What a worker sends back: the report's part (``payload``, ``parts``) and, when asked,
    its CSV lines per output table, UTF-8 (``csv``); or a failure kind and reason."""

    sha256: str
    source: str
    ok: bool
    payload: bytes | None = None
    csv: dict[str, bytes] | None = None
    year: int | None = None
    kind: str = ""
    reason: str = ""
    seconds: float = 0.0
    peak_rss: int = 0  # bytes, the worker's peak resident memory so far


def failed(task: Task, kind: str, reason: str, seconds: float = 0.0, peak_rss: int = 0) -> Outcome:
    """A task's failure as its outcome (the reason on one line)."""
    return Outcome(task.sha256, task.source, False, kind=kind, reason=one_line(reason),
                   seconds=seconds, peak_rss=peak_rss)  # fmt: skip


def one_line(text: object) -> str:
    """Any message → one line."""
    return " ".join(str(text).split()) or "(no message)"


def encode_message(obj: Any) -> bytes:
    """Object → a length-prefixed pickle."""
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def write_message(fd: int, obj: Any) -> None:
    """Object → a length-prefixed pickle written whole to a file descriptor."""
    view = memoryview(encode_message(obj))
    while view:
        view = view[os.write(fd, view) :]


def _read_exact(fd: int, n: int) -> bytes | None:
    chunks, left = [], n
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_message(fd: int) -> Any | None:
    """A length-prefixed pickle from a file descriptor → object; None at end of file."""
    header = _read_exact(fd, _HEADER.size)
    if header is None:
        return None
    body = _read_exact(fd, _HEADER.unpack(header)[0])
    return None if body is None else pickle.loads(body)
