"""Archives (zip, tar, compressed tar) walked member by member under a budget, never unpacked
to disk and never read whole to be listed.

A member is read as a stream of chunks (``member_chunks``); its bytes are counted as they come,
so a member that expands past the budget, or expands too much for its compressed size (a zip
bomb), is refused after at most one chunk over the limit. What the archive declares (member
sizes, member count) is checked before anything is read: a nested 42.zip-style bomb is refused
from its directories alone.

A tar archive is read in one sequential pass: while the walk stands on a member, reading that
member continues the same stream (a compressed tar is never decompressed again from its start);
a member read after the walk moved on is found again by seeking (slow for compressed tars).

Member names: see ``zipnames``. A nested archive is opened in memory (up to
``Budget.nested_bytes``).
"""

from __future__ import annotations

import functools
import io
import os
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from .zipnames import open_zip_file, zip_member_name

CHUNK = 1 << 20  # bytes read at a time from a member
RATIO_FLOOR = 1 << 20  # a member smaller than this is never refused for its compression ratio
_ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    tarfile.TarError,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    UnicodeDecodeError,
)


@dataclass(frozen=True, slots=True)
class Budget:
    """What one archive (with the archives inside it) may cost the run. Real reports are a few
    MB each and compress at most ~10:1; the defaults leave them far inside."""

    member_bytes: int = 1 << 30  # one member, uncompressed
    archive_bytes: int = 8 << 30  # one archive with everything nested in it, as declared
    members: int = 1_000_000  # members of one archive, nested ones included
    depth: int = 4  # archives inside archives inside ...
    ratio: float = 200.0  # uncompressed / compressed, for a member above RATIO_FLOOR
    nested_bytes: int = 256 << 20  # a nested archive is opened in memory: at most this big


DEFAULT_BUDGET = Budget()


class ArchiveError(OSError):
    """An archive or one of its members cannot be read; ``str()`` is the one-line reason."""

    kind = "unreadable"


class OverBudget(ArchiveError):
    """A member or an archive past the budget (see ``Budget``)."""

    kind = "too_large"


class ArchiveOverBudget(OverBudget):
    """The whole archive is past its budget: its walk ends."""


@dataclass(frozen=True, slots=True)
class MemberRef:
    """Where a member sits in its archive: the stored name (zip) or data offset and size (tar)."""

    name: str
    offset: int | None = None
    size: int | None = None


Chain = tuple[MemberRef, ...]  # nested archives from the outermost file inward


@dataclass(slots=True)
class Tally:
    """What a walk has met so far in one top-level archive (declared sizes and members)."""

    members: int = 0
    bytes: int = 0

    def add(self, members: int, size: int, budget: Budget) -> None:
        """Count members; OverBudget when the archive passes its budget."""
        self.members += members
        self.bytes += size
        if self.members > budget.members:
            raise ArchiveOverBudget(f"more than {budget.members:,} members (archive budget)")
        if self.bytes > budget.archive_bytes:
            raise ArchiveOverBudget(
                f"expands to more than {human(budget.archive_bytes)} (archive budget)"
            )


def human(n: float) -> str:
    """Bytes → ``8 GiB`` style."""
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:g} {unit}" if unit == "B" else f"{n:.3g} {unit}"
        n /= 1024
    return f"{n:g} GiB"


def reason_of(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


# --- the budget of one member --------------------------------------------------------------------


def check_declared(size: int, compressed: int | None, budget: Budget) -> None:
    """A member's declared sizes → OverBudget before anything is read."""
    if size > budget.member_bytes:
        raise OverBudget(f"member of {human(size)}, over the {human(budget.member_bytes)} budget")
    check_ratio(size, compressed, budget)


def check_ratio(size: int, compressed: int | None, budget: Budget) -> None:
    if compressed is not None and size > RATIO_FLOOR and size > budget.ratio * max(compressed, 1):
        raise OverBudget(
            f"expands {size / max(compressed, 1):,.0f}:1, over the {budget.ratio:g}:1 "
            "compression budget (a zip bomb?)"
        )


def bounded(stream: IO[bytes], compressed: int | None, budget: Budget) -> Iterator[bytes]:
    """A member's stream → its chunks, each counted against the budget as it comes."""
    n = 0
    while chunk := stream.read(CHUNK):
        n += len(chunk)
        if n > budget.member_bytes:
            raise OverBudget(f"member larger than the {human(budget.member_bytes)} budget")
        check_ratio(n, compressed, budget)
        yield chunk


# --- reading members (module-level functions: partials of them stay picklable) -------------------


_LIVE_TAR: dict[tuple[str, Chain], tuple[int, tarfile.TarFile, tarfile.TarInfo]] = {}


def _container(path: str, chain: Chain, budget: Budget) -> str | io.BytesIO:
    """The archive file itself, or the bytes of a nested archive."""
    if not chain:
        return path
    return io.BytesIO(_nested_bytes(path, chain, os.stat(path).st_mtime_ns, budget))


@functools.lru_cache(maxsize=2)
def _nested_bytes(path: str, chain: Chain, _mtime: int, budget: Budget) -> bytes:
    inner = replace(budget, member_bytes=min(budget.member_bytes, budget.nested_bytes))
    return b"".join(member_chunks(path, chain[:-1], chain[-1], inner))


@functools.lru_cache(maxsize=4)
def _open_zip(path: str, _mtime: int) -> zipfile.ZipFile:
    """An archive on disk, opened once: reading its central directory again for every member
    costs a 2,000-member zip milliseconds a member."""
    return open_zip_file(path)


def _zip(src: str | io.BytesIO) -> zipfile.ZipFile:
    return _open_zip(src, os.stat(src).st_mtime_ns) if isinstance(src, str) else open_zip_file(src)


def member_chunks(path: str, chain: Chain, ref: MemberRef, budget: Budget) -> Iterator[bytes]:
    """The bytes of one member of the archive at ``path`` (inside the nested ``chain``), in
    chunks; ArchiveError (OverBudget past the budget) with a one-line reason."""
    outer = chain[-1].name if chain else path
    try:
        src = _container(path, chain, budget)
        if ref.offset is None:
            zf = _zip(src)
            info = zf.getinfo(ref.name)
            check_declared(info.file_size, info.compress_size, budget)
            with zf.open(info) as fh:
                yield from bounded(fh, info.compress_size, budget)
            return
        check_declared(ref.size or 0, None, budget)
        yield from _tar_chunks(path, chain, src, ref.offset, ref.size, budget)
    except ArchiveError:
        raise
    except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
        raise ArchiveError("the member is password-protected (encrypted)") from exc
    except _ARCHIVE_ERRORS as exc:
        raise ArchiveError(
            f"cannot read the member from {Path(outer).name}: {reason_of(exc)}"
        ) from exc


def _tar_chunks(
    path: str, chain: Chain, src: str | io.BytesIO, offset: int, size: int | None, budget: Budget
) -> Iterator[bytes]:
    """A tar member (its data at ``offset``, ``size`` bytes): from the walk's own stream when it
    stands on this member, else found again by seeking."""
    live = _LIVE_TAR.get((path, chain))
    if live is not None and live[0] == offset:
        stream = live[1].extractfile(live[2])
        got = 0
        if stream is not None:
            for chunk in bounded(stream, None, budget):
                got += len(chunk)
                yield chunk
        if got != size:
            raise ArchiveError("the archive ends inside this member (truncated)")
        return
    with _open_tar(src) as tf:
        whole = tf.fileobj
        assert whole is not None  # a TarFile opened from a file or stream reads through it
        whole.seek(offset)
        left = size or 0
        while left:
            chunk = whole.read(min(left, CHUNK))
            if not chunk:
                raise ArchiveError("the archive ends inside this member (truncated)")
            left -= len(chunk)
            yield chunk


def member_bytes(path: str, chain: Chain, ref: MemberRef, budget: Budget) -> bytes:
    """The whole bytes of one member (see ``member_chunks``)."""
    return b"".join(member_chunks(path, chain, ref, budget))


def _open_tar(src: str | io.BytesIO) -> tarfile.TarFile:
    if isinstance(src, str):
        return tarfile.open(src, mode="r:*")
    return tarfile.open(fileobj=src, mode="r:*")


# --- listing members -----------------------------------------------------------------------------


Member = tuple[str, MemberRef, int]  # name, where, declared size


def zip_members(
    src: str | io.BytesIO, tally: Tally, budget: Budget, wanted: Callable[[str], bool]
) -> list[Member]:
    """A zip's members from its central directory, counted against the budget at once: every
    member, and the bytes of those that will be read (``wanted`` ones: reports and nested
    archives; a zip's other members cost nothing, they are never read)."""
    zf = _zip(src)
    try:
        infos = [info for info in zf.infolist() if not info.is_dir()]
        members = [(zip_member_name(i), MemberRef(i.filename), i.file_size) for i in infos]
        read = sum(size for name, _, size in members if wanted(name))
        tally.add(len(members), read, budget)
        return members
    finally:
        if not isinstance(src, str):
            zf.close()


def tar_members(
    path: str, chain: Chain, src: str | io.BytesIO, tally: Tally, budget: Budget
) -> Iterator[Member]:
    """Members as the tar stream is read, each counted as it comes; while one is yielded, the
    stream stands on its data (``_LIVE_TAR``). A truncated archive raises after the good ones."""
    key = (path, chain)
    with _open_tar(src) as tf:
        try:
            for info in tf:
                tally.add(1, info.size, budget)
                if info.isfile():
                    _LIVE_TAR[key] = (info.offset_data, tf, info)
                    yield info.name, MemberRef(info.name, info.offset_data, info.size), info.size
                    _LIVE_TAR.pop(key, None)
        finally:
            _LIVE_TAR.pop(key, None)


def list_members(
    path: str, chain: Chain, kind: str, tally: Tally, budget: Budget, wanted: Callable[[str], bool]
) -> Iterator[Member]:
    """The members of the archive at ``path`` (inside ``chain``); ``wanted``: the names of the
    members that will be read. Every tar member counts whole: its bytes are streamed through."""
    src = _container(path, chain, budget)
    if kind == "zip":
        return iter(zip_members(src, tally, budget, wanted))
    return tar_members(path, chain, src, tally, budget)
