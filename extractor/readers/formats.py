"""The one format registry: every format the readers take, the suffixes that name it, the archive
kinds walked for them, and how a file's content says its format whatever its name.

Folder and archive walks (``extractor.inputs``) take the files these suffixes name; the readers
(``read_document``) go by content first and by name second: a PDF, an OLE Word file, an OOXML
word-processing package (a DOCX named ``.doc`` or ``.wps``, as government sites often serve
them), an HTML page or a saved web page (MHTML) is known by its bytes. This module imports no
reader, so a walk can ask it without loading one.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..errors import UnsupportedFormat


@dataclass(frozen=True, slots=True)
class Format:
    """A format read by one reader: ``name`` keys the reader, ``label`` names it in reasons
    ("not a readable PDF"), ``suffixes`` are the names a walk takes for it."""

    name: str
    label: str
    suffixes: tuple[str, ...]


FORMATS = {
    f.name: f
    for f in (
        Format("pdf", "PDF", (".pdf",)),
        Format("docx", "DOCX", (".docx",)),
        Format("doc", "Word document", (".doc", ".wps")),  # WPS Office's .wps: a Word file
        Format("html", "web page", (".html", ".htm", ".shtml", ".xhtml")),
        Format("mhtml", "saved web page", (".mht", ".mhtml")),
        Format("text", "text file", (".txt", ".text")),
    )
}
SUFFIXES = {suffix: f.name for f in FORMATS.values() for suffix in f.suffixes}
ARCHIVES = {  # suffix → kind; a walk opens these, the readers never do
    ".zip": "zip",
    ".tar": "tar",
    ".tar.gz": "tar",
    ".tgz": "tar",
    ".tar.bz2": "tar",
    ".tbz2": "tar",
    ".tar.xz": "tar",
    ".txz": "tar",
}
_ARCHIVE_SUFFIXES = tuple(ARCHIVES)

OLE_MAGIC = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Compound File: Word 97-2003, WPS, encrypted OOXML
)
WORD_STREAM = "WordDocument".encode("utf-16-le")  # the stream every OLE Word file has
ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")  # a password-protected DOCX's stream
ZIP_MAGIC = b"PK"
PDF_HEAD = 1024  # %PDF may follow junk: PDF readers look for it in the first KiB
HTML_HEAD = 2048  # a page's first tag follows at most a BOM, blanks and comments in this much
MIME_HEAD = 4096  # an MHTML file's MIME header ends within this much
OOXML_WORD_PART = "word/document.xml"  # the main part of every word-processing package
_HTML_START = re.compile(
    rb"^(\xef\xbb\xbf)?\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|p|table)\b",
    re.I | re.S,
)
_MIME_HEADER_LINE = re.compile(rb"^[\w-]+:")


def suffix_of(name: str) -> str:
    """A file name's last suffix, lower case (``''`` without one): ``PurePosixPath.suffix``,
    without building a path (a walk asks it of every archive member)."""
    lower = name.lower()
    base = lower.rsplit("/", 1)[-1]
    if base in ("", "."):  # 'dir/', 'dir/.': the last real part, as pathlib finds it
        base = PurePosixPath(lower).name
    dot = base.rfind(".")
    return base[dot:] if 0 < dot < len(base) - 1 else ""


def archive_kind(name: str) -> str | None:
    """``zip`` or ``tar`` when the name is an archive's, else None."""
    lower = name.lower()
    if not lower.endswith(_ARCHIVE_SUFFIXES):
        return None
    for suffix, kind in ARCHIVES.items():
        if lower.endswith(suffix):
            return kind
    return None


def readable_name(name: str) -> bool:
    """Does the name say a format the readers take (what a folder or archive walk keeps)?"""
    return suffix_of(name) in SUFFIXES


# --- content sniffing -------------------------------------------------------------------------


def looks_like_html(data: bytes) -> bool:
    """Does the content open like an HTML page or fragment (after a BOM, blanks, comments)?"""
    return bool(_HTML_START.match(data[:HTML_HEAD]))


def looks_like_mhtml(data: bytes) -> bool:
    """A MIME message at the start of the file (header lines, then a blank line) whose header
    says MIME-Version and multipart/related."""
    head = re.split(rb"\r?\n\r?\n", data[:MIME_HEAD], maxsplit=1)[0].lower()
    return (
        bool(_MIME_HEADER_LINE.match(head))
        and b"mime-version:" in head
        and b"multipart/related" in head
    )


def is_ooxml_word(data: bytes) -> bool:
    """Is the content a zip holding a word-processing package's main part (a DOCX, DOCM or DOTX,
    whatever its name)? A zip that cannot even be listed is not recognised here."""
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return OOXML_WORD_PART in zf.namelist()
    except MemoryError:
        raise
    except Exception:  # a broken zip raises many types; its name decides then
        return False


def _ole_format(data: bytes, suffix: str) -> str | None:
    if ENCRYPTED_OOXML in data:
        return "docx"  # a password-protected DOCX; its reader says so
    if WORD_STREAM in data or suffix in FORMATS["doc"].suffixes:
        return "doc"
    return None


def detect_format(name: str, data: bytes) -> str:
    """The reader for a file, by its content first and its name second."""
    if b"%PDF" in data[:PDF_HEAD]:
        return "pdf"
    suffix = suffix_of(name)
    if data.startswith(OLE_MAGIC) and (fmt := _ole_format(data, suffix)):
        return fmt
    if is_ooxml_word(data) or (data.startswith(ZIP_MAGIC) and suffix == ""):
        return "docx"  # a zip without a name to say otherwise: its reader says what is wrong
    if looks_like_html(data):
        return "html"
    if looks_like_mhtml(data):
        return "mhtml"
    if archive_kind(name):
        raise UnsupportedFormat("an archive: give it to extract_many or the command line")
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    raise UnsupportedFormat(f"unsupported file type {suffix or '(no suffix)'!r}")
