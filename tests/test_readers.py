"""The format dispatch: whatever a library raises on a broken file is ``unreadable`` with a
one-line reason; MemoryError stays a MemoryError (a bulk run's ``memory``)."""

from __future__ import annotations

import pytest

import extractor
from extractor.readers import docx as docx_reader
from extractor.readers import read_document
from tests.conftest import SAMPLES
from tests.hostile import CATALOG, PAGES, deep_mhtml, pdf_file


def test_page_pdfium_cannot_load_is_unreadable_not_a_crash():
    """The issue's sixth cause: PdfiumError "Failed to load page" escaped the reader (a kid of
    the page tree that is not a page)."""
    data = pdf_file([CATALOG, PAGES, b"42"])
    with pytest.raises(extractor.ExtractError) as err:
        read_document(data, "x.pdf")
    assert err.value.kind == "unreadable"
    assert str(err.value) == "not a readable PDF (PdfiumError: Failed to load page.)"


def test_library_exception_from_any_reader_is_unreadable(monkeypatch):
    def broken(data, source):
        raise IndexError("list index out of range")

    monkeypatch.setattr("extractor.readers.read_html", broken)
    with pytest.raises(extractor.ExtractError) as err:
        read_document(b"<html><body><p>x</p></body></html>", "x.html")
    assert err.value.kind == "unreadable"
    assert "IndexError: list index out of range" in str(err.value)


def test_memory_error_in_read_docx_stays_memory(monkeypatch):
    """The issue's tenth cause: read_docx's ``except Exception`` made MemoryError unreadable."""

    def no_memory(stream):
        raise MemoryError

    monkeypatch.setattr(docx_reader.docx, "Document", no_memory)
    data = (SAMPLES / "pingchangguan-2023.docx").read_bytes()
    with pytest.raises(MemoryError):
        read_document(data, "x.docx")


def test_mhtml_nested_5000_deep_is_unreadable():
    """The issue's twelfth cause: RecursionError."""
    with pytest.raises(extractor.ExtractError, match="nested too deeply") as err:
        read_document(deep_mhtml(5000), "deep.mht")
    assert err.value.kind == "unreadable"
