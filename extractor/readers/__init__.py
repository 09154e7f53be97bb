"""One reader per input format, each turning bytes into the common Document model.

``read_document`` is the one door: it asks the format registry (``formats``) which reader a file
needs, by its content first and its name second, refuses PDFs whose structure
would crash PDFium (``pdf_safety``), and turns whatever a library raises on a broken file into
``UnreadableFile`` with a one-line reason (``RecursionError`` included); MemoryError stays a
MemoryError (the caller's ``memory``)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from ..errors import ExtractError, UnreadableFile, library_message
from ..model import Document
from .doc import read_doc
from .docx import read_docx
from .formats import FORMATS, detect_format
from .html import read_html
from .mhtml import read_mhtml
from .pdf import ENGINES, read_pdf
from .pdf_safety import check_pdf
from .text import read_text

__all__ = ["ENGINES", "READERS", "detect_format", "read_document"]

READERS: dict[str, Callable[[bytes, str], Document]] = {  # by format, PDF's (with its engine) aside
    "docx": read_docx,
    "doc": read_doc,
    "html": read_html,
    "mhtml": read_mhtml,
    "text": read_text,
}


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
        raise UnreadableFile(f"not a readable {FORMATS[fmt].label} (nested too deeply)") from None
    except Exception as exc:  # a library's own error on a broken file
        text = library_message(exc)
        reason = f"not a readable {FORMATS[fmt].label} ({type(exc).__name__}: {text})"
        raise UnreadableFile(reason.replace(": )", ")")) from exc
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc


def _read(fmt: str, data: bytes, source: str, pdf_engine: str) -> Document:
    if fmt == "pdf":
        check_pdf(data)
        return read_pdf(data, source, engine=pdf_engine)
    return READERS[fmt](data, source)
