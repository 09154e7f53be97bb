"""Input items → tasks for the workers: hashed as they stream, never held whole when large.

Every input is read once, by the run, and hashed as it streams: up to IN_MEMORY_BYTES its bytes
travel with its task (the worker neither reads nor hashes it again). Beyond that a plain file is
read again by the worker (which checks its hash), and an archive member is spilled to the run's
spill folder (``OUT/.catalog/spill/<sha256>``) for the worker to read there. An input whose
name, size and mtime are in the catalog is not read at all.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from stat import S_ISREG
from typing import IO

from ..archives import Budget
from ..inputs import InputItem, item_chunks, iter_inputs
from .protocol import Task, one_line

IN_MEMORY_BYTES = 8 << 20  # a member up to this size travels with its task, not spilled
Fingerprint = tuple[bool, int | None, int | None]  # is a plain file, size, mtime_ns


def fingerprint(source: str, archive: str | None = None) -> Fingerprint:
    """Input name → (is a plain file, size, mtime_ns): of the file itself, or for an archive
    member (``archive.zip!member``) of the outermost archive (``archive``, when the walk said
    it), so an unchanged archive's members are not read again to be hashed. (False, None,
    None) when there is nothing to stat. One ``stat`` for a file or a member the walk named."""
    if archive is None:
        try:
            st: os.stat_result | None = os.stat(source)
        except OSError:
            st = None
        if st is not None and ("!" not in source or S_ISREG(st.st_mode)):
            return True, st.st_size, st.st_mtime_ns
        if "!" not in source:
            return False, None, None
        archive = source.split("!", 1)[0]
    try:
        st = os.stat(archive)
    except OSError:
        return False, None, None
    return False, st.st_size, st.st_mtime_ns


def item_to_task(
    item: InputItem, known: str | None, spill: Path | None, stat: Fingerprint | None = None
) -> Task:
    """Input item → Task (hash known). An input whose hash is ``known`` (the catalog has its
    name, size and mtime; an archive member: its archive's) is not read: a plain file is read by
    the worker, an archive member only when it has to be extracted (``with_bytes``). Otherwise
    it is read in chunks and hashed here (see ``member_task``). ``stat``: the item's
    ``fingerprint`` if known. OSError if it cannot be read."""
    is_file = (stat or fingerprint(item.source))[0]
    if known:
        return Task(known, item.source, path=item.source if is_file else None)
    if is_file:
        return file_task(item)
    return member_task(item, spill)


def file_task(item: InputItem) -> Task:
    """A plain file, hashed as it streams → a Task with its path and, when the file is small (up
    to IN_MEMORY_BYTES), the bytes that were hashed: the worker need not read nor hash it
    again."""
    digest = hashlib.sha256()
    held: list[bytes] | None = []
    n = 0
    for chunk in item_chunks(item):
        digest.update(chunk)
        n += len(chunk)
        if held is not None and n <= IN_MEMORY_BYTES:
            held.append(chunk)
        else:
            held = None
    data = b"".join(held) if held is not None else None
    return Task(digest.hexdigest(), item.source, path=item.source, data=data)


def member_task(item: InputItem, spill: Path | None) -> Task:
    """An archive member, hashed as it streams → a Task that carries its bytes when they are
    few (up to IN_MEMORY_BYTES), else the path of a copy spilled to ``spill`` (named by its
    hash; the worker reads it there). Without ``spill`` the bytes travel with the task."""
    digest = hashlib.sha256()
    held: list[bytes] = []
    n = 0
    tmp: Path | None = None
    out: IO[bytes] | None = None
    try:
        for chunk in item_chunks(item):
            digest.update(chunk)
            n += len(chunk)
            if out is None and (spill is None or n <= IN_MEMORY_BYTES):
                held.append(chunk)
                continue
            if out is None:
                assert spill is not None
                tmp = spill / f".{os.getpid()}.tmp"
                out = open(tmp, "wb")  # noqa: SIM115 - closed below
                out.writelines(held)
                held = []
            out.write(chunk)
    finally:
        if out is not None:
            out.close()
    sha = digest.hexdigest()
    if out is None:
        return Task(sha, item.source, data=b"".join(held))
    assert spill is not None and tmp is not None
    os.replace(tmp, spill / sha)
    return Task(sha, item.source, path=str(spill / sha))


def with_bytes(task: Task, item: InputItem, spill: Path | None) -> Task:
    """A task ready for a worker: an archive member's bytes read if they are not there yet
    (reading a member out of a large archive costs a worker more than receiving it)."""
    if task.path is not None or task.data is not None:
        return task
    read = member_task(item, spill)
    return Task(task.sha256, task.source, path=read.path, data=read.data)


def guarded_inputs(paths: list[Path], budget: Budget) -> Iterator[InputItem]:
    """``iter_inputs`` path by path; a walk that fails in a way no reader foresaw ends as one
    failing item for that path, and the run goes on with the next."""
    for path in paths:
        try:
            yield from iter_inputs([path], budget)
        except Exception as exc:  # a bug met on one input must not stop the run
            yield InputItem(str(path), functools.partial(_walk_failed, one_line(str(exc))))


def _walk_failed(reason: str) -> bytes:
    raise OSError(f"the input could not be walked: {reason}")
