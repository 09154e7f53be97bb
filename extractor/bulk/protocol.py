"""The worker protocol: the task the parent sends a worker, the outcome the worker sends back,
and how both travel over a pipe: a header with the sizes of the parts, a pickle (named tuples,
the fastest to pickle), and the large bytes they hold raw after it (pickle protocol 5's
out-of-band buffers), so that a report's bytes or CSV lines are neither copied into a pickle
nor out of one."""

from __future__ import annotations

import os
import pickle
import struct
from typing import Any, NamedTuple

_COUNT = struct.Struct(">I")  # a message's header: how many parts (the pickle, raw buffers)
RAW_BYTES = 4096  # bytes at least this long travel raw, after the pickle
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


def _out_of_band(value: Any) -> Any:
    """Large bytes (or a dict of them) → PickleBuffers, which travel after the pickle."""
    if isinstance(value, bytes) and len(value) >= RAW_BYTES:
        return pickle.PickleBuffer(value)
    if isinstance(value, dict):
        return {k: _out_of_band(v) for k, v in value.items()}
    return value


def encode_message(obj: Any) -> list[Any]:
    """Object → the frames of a message: its header (the sizes of the pickle and of each raw
    buffer), its pickle, then, raw, the large bytes a Task or Outcome holds (a report's bytes,
    a part, CSV lines), never copied into the pickle nor joined to it."""
    if isinstance(obj, Task | Outcome):
        obj = type(obj)(*map(_out_of_band, obj))
    buffers: list[pickle.PickleBuffer] = []
    body = pickle.dumps(obj, protocol=5, buffer_callback=buffers.append)
    raws = [b.raw() for b in buffers]
    sizes = [len(body), *(r.nbytes for r in raws)]
    return [_COUNT.pack(len(sizes)) + struct.pack(f">{len(sizes)}Q", *sizes), body, *raws]


def write_message(fd: int, obj: Any) -> None:
    """Object → a message written whole to a file descriptor."""
    write_frames(fd, encode_message(obj))


def write_frames(fd: int, message: list[Any]) -> None:
    """A message's frames written whole to a file descriptor (one ``writev`` when the pipe
    takes them at once)."""
    frames = [memoryview(f) for f in message]
    while frames:
        n = os.writev(fd, frames)
        while frames and n >= frames[0].nbytes:
            n -= frames.pop(0).nbytes
        if n:
            frames[0] = frames[0][n:]


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
    """A message (``encode_message``) from a file descriptor → object; None at end of file.
    Each raw buffer is read into bytes of its own (read once, never copied)."""
    head = _read_exact(fd, _COUNT.size)
    if head is None:
        return None
    count = _COUNT.unpack(head)[0]
    sizes = _read_exact(fd, 8 * count)
    if sizes is None or count == 0:
        return None
    parts: list[bytes] = []
    for size in struct.unpack(f">{count}Q", sizes):
        part = _read_exact(fd, size)
        if part is None:
            return None
        parts.append(part)
    return pickle.loads(parts[0], buffers=parts[1:])
