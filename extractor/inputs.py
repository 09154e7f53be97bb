"""Paths given on the command line or to the API → input items (a source name and its bytes).

Folders are walked recursively for supported files, in a stable order. A file named directly is
always yielded, so a bad one fails later with its reason instead of vanishing.

Archives (``.zip``, ``.tar``, ``.tar.gz``/``.tgz``, ``.tar.bz2``, ``.tar.xz``), named directly or
found in a folder, are read member by member without unpacking to disk: a member's bytes are
read when its item's ``read()`` is called. A member is named ``archive.zip!dir/member.pdf``
(``outer.zip!inner.zip!x.pdf`` inside a nested archive). Member names that Windows tools stored
in GBK are decoded as such. Unsupported members are skipped; a broken archive yields one item
whose ``read()`` fails with the reason.
"""

from __future__ import annotations

import functools
import io
import os
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

SUPPORTED = (
    ".pdf",
    ".docx",
    ".doc",
    ".wps",
    ".txt",
    ".html",
    ".htm",
    ".shtml",
    ".xhtml",
    ".mht",
    ".mhtml",
)
ARCHIVES = {
    ".zip": "zip",
    ".tar": "tar",
    ".tar.gz": "tar",
    ".tgz": "tar",
    ".tar.bz2": "tar",
    ".tbz2": "tar",
    ".tar.xz": "tar",
    ".txz": "tar",
}
MAX_DEPTH = 4  # archives inside archives inside ...
MAX_MEMBER_BYTES = 1 << 30  # a member is read into memory: refuse larger ones
_UTF8_FLAG = 0x800
_UNICODE_PATH_EXTRA = 0x7075
_ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    tarfile.TarError,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
)


class ArchiveError(OSError):
    """An archive or one of its members cannot be read; ``str()`` is the one-line reason."""


@dataclass(frozen=True, slots=True)
class InputItem:
    """One report to extract: ``source`` names it (a path, or ``archive.zip!member/path``) and
    ``read()`` returns its bytes."""

    source: str
    read: Callable[[], bytes]
    size: int | None = None


@dataclass(frozen=True, slots=True)
class MemberRef:
    """Where a member sits in its archive: the stored name (zip) or data offset and size (tar)."""

    name: str
    offset: int | None = None
    size: int | None = None


Chain = tuple[MemberRef, ...]  # nested archives from the outermost file inward


# --- names -------------------------------------------------------------------------------------


def archive_kind(name: str) -> str | None:
    """``zip`` or ``tar`` when the name is an archive's, else None."""
    lower = name.lower()
    for suffix, kind in ARCHIVES.items():
        if lower.endswith(suffix):
            return kind
    return None


def _wanted_name(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    if base.startswith(("~$", ".")) or name.startswith("__MACOSX/") or "/__MACOSX/" in name:
        return False
    return base.lower().endswith(SUPPORTED)


def _unicode_path(info: zipfile.ZipInfo, raw: bytes) -> str | None:
    """The UTF-8 name of Info-ZIP's Unicode Path extra field, when it matches the stored name."""
    extra, pos = info.extra, 0
    while pos + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, pos)
        body = extra[pos + 4 : pos + 4 + size]
        if tag == _UNICODE_PATH_EXTRA and len(body) > 5 and body[0] == 1:
            (crc,) = struct.unpack_from("<I", body, 1)
            if crc == zlib.crc32(raw):
                try:
                    return body[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return None
        pos += 4 + size
    return None


def zip_member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's real name. Without the UTF-8 flag Python decodes the stored bytes as
    cp437; Windows tools wrote them in the local code page (GBK in China), so the bytes are
    recovered and decoded as UTF-8, else GB18030. Backslash separators become slashes (after
    decoding: a GBK character's second byte may be 0x5C)."""
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            raw = None
        if raw is not None:
            name = _unicode_path(info, raw) or _decode_name(raw) or name
    return name.replace("\\", "/")


def _decode_name(raw: bytes) -> str | None:
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


# --- reading members (module-level functions: the items stay picklable) -------------------------


def _fail(reason: str) -> bytes:
    raise ArchiveError(reason)


def _container(path: str, chain: Chain) -> str | io.BytesIO:
    """The archive file itself, or the bytes of a nested archive."""
    if not chain:
        return path
    return io.BytesIO(_nested_bytes(path, chain, os.stat(path).st_mtime_ns))


@functools.lru_cache(maxsize=4)
def _nested_bytes(path: str, chain: Chain, _mtime: int) -> bytes:
    return _member_bytes(path, chain[:-1], chain[-1])


@functools.lru_cache(maxsize=4)
def _open_zip(path: str, _mtime: int) -> zipfile.ZipFile:
    """An archive on disk, opened once: reading its central directory again for every member
    costs a 2,000-member zip milliseconds a member."""
    return zipfile.ZipFile(path)


def _member_bytes(path: str, chain: Chain, ref: MemberRef) -> bytes:
    """Bytes of one member of the archive at ``path`` (inside the nested ``chain``)."""
    outer = chain[-1].name if chain else path
    try:
        src = _container(path, chain)
        if ref.offset is None:
            if isinstance(src, str):
                zf = _open_zip(src, os.stat(src).st_mtime_ns)
                info = zf.getinfo(ref.name)
                if info.file_size > MAX_MEMBER_BYTES:
                    raise ArchiveError(f"member too large ({info.file_size} bytes)")
                return zf.read(info)
            with zipfile.ZipFile(src) as zf:
                info = zf.getinfo(ref.name)
                if info.file_size > MAX_MEMBER_BYTES:
                    raise ArchiveError(f"member too large ({info.file_size} bytes)")
                return zf.read(info)
        if (ref.size or 0) > MAX_MEMBER_BYTES:
            raise ArchiveError(f"member too large ({ref.size} bytes)")
        with _open_tar(src) as tf:
            stream = tf.fileobj
            stream.seek(ref.offset)
            data = stream.read(ref.size)
        if len(data) != ref.size:
            raise ArchiveError("the archive ends inside this member (truncated)")
        return data
    except ArchiveError:
        raise
    except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
        raise ArchiveError("the member is password-protected (encrypted)") from exc
    except _ARCHIVE_ERRORS as exc:
        raise ArchiveError(
            f"cannot read the member from {Path(outer).name}: {_reason(exc)}"
        ) from exc


def _open_tar(src: str | io.BytesIO) -> tarfile.TarFile:
    if isinstance(src, str):
        return tarfile.open(src, mode="r:*")
    return tarfile.open(fileobj=src, mode="r:*")


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


# --- walking archives ---------------------------------------------------------------------------


def _zip_members(src: str | io.BytesIO) -> list[tuple[str, MemberRef, int]]:
    with zipfile.ZipFile(src) as zf:
        return [
            (zip_member_name(info), MemberRef(info.filename), info.file_size)
            for info in zf.infolist()
            if not info.is_dir()
        ]


def _tar_members(src: str | io.BytesIO) -> Iterator[tuple[str, MemberRef, int]]:
    """Members as the tar stream is read: a truncated archive raises after the good ones."""
    with _open_tar(src) as tf:
        for info in tf:
            if info.isfile():
                yield info.name, MemberRef(info.name, info.offset_data, info.size), info.size


def walk_archive(source: str, path: str, chain: Chain = (), depth: int = 0) -> Iterator[InputItem]:
    """Items of the archive named ``source``: the file at ``path`` or, inside it, the nested
    archive reached through ``chain``."""
    kind = archive_kind(chain[-1].name if chain else path) or archive_kind(source)
    try:
        src = _container(path, chain)
        members = _zip_members(src) if kind == "zip" else _tar_members(src)
        for name, ref, size in members:
            member_source = f"{source}!{name}"
            if archive_kind(name):
                if depth + 1 > MAX_DEPTH:
                    yield InputItem(
                        member_source, functools.partial(_fail, "archives nested too deep")
                    )
                else:
                    yield from walk_archive(member_source, path, (*chain, ref), depth + 1)
            elif _wanted_name(name):
                read = functools.partial(_member_bytes, path, chain, ref)
                yield InputItem(member_source, read, size)
    except _ARCHIVE_ERRORS as exc:
        reason = f"broken {kind} archive: {_reason(exc)}"
        yield InputItem(source, functools.partial(_fail, reason))


# --- files and folders --------------------------------------------------------------------------


def _file_item(path: Path) -> InputItem:
    try:
        size = path.stat().st_size
    except OSError:
        size = None
    return InputItem(str(path), path.read_bytes, size)


def _wanted(path: Path) -> bool:
    if path.name.startswith(("~$", ".")):
        return False
    return path.suffix.lower() in SUPPORTED or archive_kind(path.name) is not None


def _path_items(path: Path) -> Iterator[InputItem]:
    if archive_kind(path.name) and path.is_file():
        yield from walk_archive(str(path), str(path))
    else:
        yield _file_item(path)


def iter_inputs(paths: list[str | Path]) -> Iterator[InputItem]:
    """Files, folders and archives → input items."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _wanted(child):
                    yield from _path_items(child)
        else:
            yield from _path_items(path)
