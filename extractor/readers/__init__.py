"""One reader per input format, each turning bytes into the common Document model.

``read_document`` is the one door: it picks the reader by content, refuses PDFs whose structure
would crash PDFium (``pdf_safety``), and turns whatever a library raises on a broken file into
``UnreadableFile`` with a one-line reason (``RecursionError`` included); MemoryError stays a
MemoryError (the caller's ``memory``)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import ExtractError, UnreadableFile, UnsupportedFormat
from ..model import Document
from .doc import read_doc
from .docx import read_docx
from .html import read_html
from .mhtml import looks_like_mhtml, read_mhtml
from .pdf import ENGINES, read_pdf
from .pdf_safety import check_pdf
from .text import read_text

SUFFIXES = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".mht": "mhtml",
    ".mhtml": "mhtml",
    ".wps": "doc",
}
ARCHIVES = (".zip", ".tar", ".tgz", ".tar.gz", ".tbz2", ".tar.bz2", ".txz", ".tar.xz")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
_HTML_START = re.compile(
    rb"^(\xef\xbb\xbf)?\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|p|table)\b",
    re.I | re.S,
)


def looks_like_html(data: bytes) -> bool:
    """Does the content open like an HTML page or fragment (after a BOM, blanks, comments)?"""
    return bool(_HTML_START.match(data[:2048]))


def detect_format(name: str, data: bytes) -> str:
    """The reader for a file, by its content first and its name second."""
    head = data[:1024]
    if b"%PDF" in head:
        return "pdf"
    lower = name.lower()
    suffix = Path(lower).suffix
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTED_OOXML in data:
            return "docx"  # a password-protected DOCX; its reader says so
        if _WORD_STREAM in data or suffix in (".doc", ".wps"):
            return "doc"
    if data[:2] == b"PK" and suffix in ("", ".docx", ".docm", ".dotx"):
        return "docx"
    if looks_like_html(data):
        return "html"
    if looks_like_mhtml(data):
        return "mhtml"
    if lower.endswith(ARCHIVES):
        raise UnsupportedFormat("an archive: give it to extract_many or the command line")
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    raise UnsupportedFormat(f"unsupported file type {suffix or '(no suffix)'!r}")


def read_document(data: bytes, source: str, pdf_engine: str = "pdfium") -> Document:
    """Bytes of any supported format → Document (with its SHA-256 filled in). ExtractError for
    every file that cannot be read, whatever the library underneath raised."""
    fmt = detect_format(source, data)
    if pdf_engine not in ENGINES:  # a caller's mistake, not the file's
        raise ValueError(f"unknown PDF engine {pdf_engine!r}; choose one of {ENGINES}")
    try:
        doc = _read(fmt, data, source, pdf_engine)
    except (ExtractError, MemoryError):
        raise
    except RecursionError:
        raise UnreadableFile(f"not a readable {FORMAT_NAMES[fmt]} (nested too deeply)") from None
    except Exception as exc:  # a library's own error on a broken file
        text = " ".join(str(exc).split())[:160]
        reason = f"not a readable {FORMAT_NAMES[fmt]} ({type(exc).__name__}: {text})"
        raise UnreadableFile(reason.replace(": )", ")")) from exc
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc


FORMAT_NAMES = {
    "pdf": "PDF",
    "docx": "DOCX",
    "doc": "Word document",
    "html": "web page",
    "mhtml": "saved web page",
    "text": "text file",
}


def _read(fmt: str, data: bytes, source: str, pdf_engine: str) -> Document:
    if fmt == "pdf":
        check_pdf(data)
        return read_pdf(data, source, engine=pdf_engine)
    if fmt == "docx":
        return read_docx(data, source)
    if fmt == "doc":
        return read_doc(data, source)
    if fmt == "html":
        return read_html(data, source)
    if fmt == "mhtml":
        return read_mhtml(data, source)
    return read_text(data, source)
