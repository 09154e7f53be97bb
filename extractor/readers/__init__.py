"""One reader per input format, each turning bytes into the common Document model."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import UnsupportedFormat
from ..model import Document
from .docx import read_docx
from .pdf import read_pdf
from .text import read_text

SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".txt": "text", ".text": "text"}


def detect_format(name: str, data: bytes) -> str:
    """The reader for a file, by its content first and its name second."""
    head = data[:1024]
    if b"%PDF" in head:
        return "pdf"
    suffix = Path(name).suffix.lower()
    if data[:2] == b"PK" and suffix in ("", ".docx", ".docm", ".dotx"):
        return "docx"
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
    else:
        doc = read_text(data, source)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc
