"""One reader per input format, each turning bytes into the common Document model."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import UnsupportedFormat
from ..model import Document
from .doc import read_doc
from .docx import read_docx
from .html import read_html
from .mhtml import looks_like_mhtml, read_mhtml
from .pdf import read_pdf
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
    """Bytes of any supported format → Document (with its SHA-256 filled in)."""
    fmt = detect_format(source, data)
    if fmt == "pdf":
        doc = read_pdf(data, source, engine=pdf_engine)
    elif fmt == "docx":
        doc = read_docx(data, source)
    elif fmt == "doc":
        doc = read_doc(data, source)
    elif fmt == "html":
        doc = read_html(data, source)
    elif fmt == "mhtml":
        doc = read_mhtml(data, source)
    else:
        doc = read_text(data, source)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc
