"""Zip member names as Chinese Windows tools wrote them.

Without the UTF-8 flag (bit 11) Python decodes a stored name as cp437; Windows tools wrote it in
the local code page (GBK in China), so the bytes are recovered and decoded as UTF-8, else
GB18030. Some tools set the UTF-8 flag on a GBK name; Python then cannot open the archive at
all (UnicodeDecodeError), so such a zip is opened through a view of the file in which the flag
of those entries is cleared, and their names are decoded like the unflagged ones.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import IO

UTF8_FLAG = 0x800
_UNICODE_PATH_EXTRA = 0x7075
_EOCD = b"PK\x05\x06"
_CENTRAL = b"PK\x01\x02"
_EOCD_SEARCH = 22 + 0xFFFF  # the end record and the longest comment


def zip_member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's real name (see the module docstring). Backslash separators become
    slashes (after decoding: a GBK character's second byte may be 0x5C)."""
    name = info.filename
    if not info.flag_bits & UTF8_FLAG:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            raw = None
        if raw is not None:
            name = _unicode_path(info, raw) or _decode_name(raw) or name
    return name.replace("\\", "/")


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


def _decode_name(raw: bytes) -> str | None:
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def open_zip_file(src: str | IO[bytes]) -> zipfile.ZipFile:
    """A zip opened for reading, also when an entry is flagged UTF-8 but its name is not."""
    try:
        return zipfile.ZipFile(src)
    except UnicodeDecodeError:
        fh = open(src, "rb") if isinstance(src, str) else src  # noqa: SIM115 - the zip owns it
        fh.seek(0)
        return zipfile.ZipFile(_Patched(fh, bad_flag_offsets(fh)))


def bad_flag_offsets(fh: IO[bytes]) -> set[int]:
    """File offsets of the flag bytes (central directory and local header) that hold the UTF-8
    flag of an entry whose name is not UTF-8."""
    fh.seek(0, io.SEEK_END)
    end = fh.tell()
    fh.seek(max(0, end - _EOCD_SEARCH))
    tail = fh.read()
    at = tail.rfind(_EOCD)
    if at < 0 or at + 22 > len(tail):
        return set()
    entries, size, start = struct.unpack_from("<HII", tail, at + 10)
    fh.seek(start)
    directory = fh.read(size)
    offsets, pos = set(), 0
    for _ in range(entries):
        if directory[pos : pos + 4] != _CENTRAL or pos + 46 > len(directory):
            break
        (flags,) = struct.unpack_from("<H", directory, pos + 8)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", directory, pos + 28)
        (local,) = struct.unpack_from("<I", directory, pos + 42)
        name = directory[pos + 46 : pos + 46 + name_len]
        if flags & UTF8_FLAG and not _is_utf8(name):
            offsets |= {start + pos + 9, local + 7}  # the high byte of each flag word
        pos += 46 + name_len + extra_len + comment_len
    return offsets


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _Patched(io.RawIOBase):
    """A read-only view of a file with bit 3 (UTF-8, 0x800 >> 8) cleared at given offsets."""

    def __init__(self, fh: IO[bytes], offsets: set[int]) -> None:
        self.fh, self.offsets = fh, offsets

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, pos: int, whence: int = io.SEEK_SET) -> int:
        return self.fh.seek(pos, whence)

    def tell(self) -> int:
        return self.fh.tell()

    def read(self, n: int = -1) -> bytes:
        start = self.fh.tell()
        data = self.fh.read(n)
        hits = [o - start for o in self.offsets if start <= o < start + len(data)]
        if not hits:
            return data
        patched = bytearray(data)
        for i in hits:
            patched[i] &= ~(UTF8_FLAG >> 8) & 0xFF
        return bytes(patched)

    def close(self) -> None:
        self.fh.close()
        super().close()
