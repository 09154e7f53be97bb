"""Paths given on the command line or to the API → input items (a source name and its bytes).

Folders are walked recursively for supported files, in a stable order. A file named directly is
always yielded, so a bad one fails later with its reason instead of vanishing.

Archives (``.zip``, ``.tar``, ``.tar.gz``/``.tgz``, ``.tar.bz2``, ``.tar.xz``), named directly or
found in a folder, are read member by member without unpacking to disk (``extractor.archives``):
a member's bytes are read when its item's ``read()`` (or ``chunks()``) is called. A member is
named ``archive.zip!dir/member.pdf`` (``outer.zip!inner.zip!x.pdf`` inside a nested archive).
Unsupported members are skipped, as are hidden ones and macOS's ``__MACOSX/`` resource forks
whatever their names say (an archive's too); a broken archive yields one item whose ``read()``
fails with the reason; an archive past its budget (``archives.Budget``) yields, where the walk
stopped, one item for the archive that fails with ``too_large``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .archives import (
    _ARCHIVE_ERRORS,
    DEFAULT_BUDGET,
    ArchiveError,
    ArchiveOverBudget,
    Budget,
    Chain,
    MemberRef,
    OverBudget,
    Tally,
    list_members,
    member_bytes,
    member_chunks,
    reason_of,
)
from .readers.formats import archive_kind, readable_name
from .zipnames import zip_member_name

__all__ = [
    "ArchiveError",
    "Budget",
    "InputItem",
    "OverBudget",
    "item_chunks",
    "iter_inputs",
    "zip_member_name",
]

SKIPPED_PREFIXES = ("~$", ".")  # Office lock files and hidden files: never reports
FILE_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class InputItem:
    """One report to extract: ``source`` names it (a path, or ``archive.zip!member/path``),
    ``read()`` returns its bytes and ``chunks()``, when given, the same bytes piece by piece;
    ``archive``, for a member, is the archive file it is read from."""

    source: str
    read: Callable[[], bytes]
    size: int | None = None
    chunks: Callable[[], Iterator[bytes]] | None = None
    archive: str | None = None  # a member: the archive file on disk it is read from


def item_chunks(item: InputItem) -> Iterator[bytes]:
    """An item's bytes in pieces (never all at once when the item can stream them)."""
    if item.chunks is not None:
        yield from item.chunks()
    else:
        yield item.read()


def file_chunks(path: str) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        while chunk := fh.read(FILE_CHUNK):
            yield chunk


# --- walking archives ---------------------------------------------------------------------------


def _fail(reason: str, over_budget: bool = False) -> bytes:
    raise (OverBudget if over_budget else ArchiveError)(reason)


def _failing(source: str, reason: str, over_budget: bool = False) -> InputItem:
    return InputItem(source, functools.partial(_fail, reason, over_budget))


def _member_item(
    source: str, path: str, chain: Chain, ref: MemberRef, size: int, budget: Budget
) -> InputItem:
    args = (path, chain, ref, budget)
    return InputItem(
        source,
        functools.partial(member_bytes, *args),
        size,
        functools.partial(member_chunks, *args),
        path,
    )


def walk_archive(
    source: str,
    path: str,
    chain: Chain = (),
    depth: int = 0,
    budget: Budget = DEFAULT_BUDGET,
    tally: Tally | None = None,
) -> Iterator[InputItem]:
    """Items of the archive named ``source``: the file at ``path`` or, inside it, the nested
    archive reached through ``chain``. Past the archive's budget, one failing item for the
    outermost archive ends the walk."""
    if tally is None:
        try:
            yield from walk_archive(source, path, chain, depth, budget, Tally())
        except ArchiveOverBudget as exc:
            yield _failing(source, f"{exc}; the rest of the archive is not read", True)
        return
    kind = archive_kind(chain[-1].name if chain else path) or archive_kind(source)
    try:
        for name, ref, size in list_members(
            path, chain, kind or "zip", tally, budget, _read_member
        ):
            if _skipped_member(name):
                continue
            member_source = f"{source}!{name}"
            if archive_kind(name):
                if depth + 1 > budget.depth:
                    yield _failing(member_source, "archives nested too deep")
                elif size > budget.nested_bytes:
                    reason = f"a nested archive over {budget.nested_bytes >> 20} MiB is not opened"
                    yield _failing(member_source, reason, True)
                else:
                    yield from walk_archive(
                        member_source, path, (*chain, ref), depth + 1, budget, tally
                    )
            elif readable_name(name):
                yield _member_item(member_source, path, chain, ref, size, budget)
    except ArchiveOverBudget:
        raise
    except ArchiveError as exc:  # a nested archive that could not be read
        yield _failing(source, str(exc), isinstance(exc, OverBudget))
    except _ARCHIVE_ERRORS as exc:
        yield _failing(source, f"broken {kind} archive: {reason_of(exc)}")


def skipped_name(base: str) -> bool:
    """A file name (without folders) that no walk takes, whatever its suffix."""
    return base.startswith(SKIPPED_PREFIXES)


def walked(name: str) -> bool:
    """Does a folder walk take a file of this name: a format the readers take or an archive?"""
    return readable_name(name) or archive_kind(name) is not None


def _skipped_member(name: str) -> bool:
    """An archive member no walk takes, whatever its suffix (an archive's too): hidden (macOS's
    ``._`` resource forks among them), an Office lock file, or under ``__MACOSX/`` (the copies
    of resource forks macOS adds to a zip)."""
    base = name.rsplit("/", 1)[-1]
    return skipped_name(base) or name.startswith("__MACOSX/") or "/__MACOSX/" in name


def _read_member(name: str) -> bool:
    """An archive member a walk reads: a report format or an archive, not skipped."""
    return not _skipped_member(name) and walked(name)


# --- files and folders --------------------------------------------------------------------------


def _file_item(path: Path) -> InputItem:
    try:
        size = path.stat().st_size
    except OSError:
        size = None
    return InputItem(str(path), path.read_bytes, size, functools.partial(file_chunks, str(path)))


def _wanted(path: Path) -> bool:
    return not skipped_name(path.name) and walked(path.name)


def _path_items(path: Path, budget: Budget) -> Iterator[InputItem]:
    if path.exists() and not path.is_file():  # /dev/zero, a named pipe: never ends or blocks
        yield _failing(str(path), "not a regular file (a device, pipe or socket)")
    elif archive_kind(path.name) and path.is_file():
        yield from walk_archive(str(path), str(path), budget=budget)
    else:
        yield _file_item(path)


def iter_inputs(paths: list[str | Path], budget: Budget = DEFAULT_BUDGET) -> Iterator[InputItem]:
    """Files, folders and archives → input items."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _wanted(child):
                    yield from _path_items(child, budget)
        else:
            yield from _path_items(path, budget)
