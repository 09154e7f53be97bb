"""The format registry and dispatch: every format has a reader and the walks take every suffix the
readers do; whatever a library raises on a broken file is ``unreadable`` with a
one-line reason; MemoryError stays a MemoryError (a bulk run's ``memory``)."""

from __future__ import annotations

import pytest

import extractor
from extractor.readers import READERS, read_document
from extractor.readers import docx as docx_reader
from extractor.readers.formats import FORMATS, SUFFIXES
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

    monkeypatch.setitem(READERS, "html", broken)
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


def test_every_format_has_its_reader():
    assert set(READERS) | {"pdf"} == set(FORMATS)


def test_folder_walk_takes_every_suffix_the_readers_take(tmp_path):
    """One registry: a file the readers take (``.text`` was readable but skipped) is walked, and
    the command line counts only the rest as skipped."""
    from extractor.cli import unsupported_files
    from extractor.inputs import iter_inputs

    for suffix in SUFFIXES:
        (tmp_path / f"report{suffix}").write_bytes(b"x")
    (tmp_path / "notes.ofd").write_bytes(b"x")
    (tmp_path / "~$report.docx").write_bytes(b"x")
    walked = sorted(item.source.rsplit(".", 1)[-1] for item in iter_inputs([tmp_path]))
    assert walked == sorted(suffix[1:] for suffix in SUFFIXES)
    assert unsupported_files([tmp_path]) == {".ofd": [str(tmp_path / "notes.ofd")]}


def test_suffix_of_is_pathlibs_suffix():
    """suffix_of is string work (a walk asks it of every member), with pathlib's answers."""
    import random
    from pathlib import PurePosixPath

    from extractor.readers.formats import suffix_of

    names = ["a.PDF", "a.tar.gz", ".docx", "..pdf", "a.", "a..", "x/", "x.pdf/", "x.pdf/.",
             "x.pdf//", "/", "", ".", "..", "d.d/f", "a.zip!dir/年报.DOCX", "dir/.hidden.txt",
             "a/b/../c.htm", "./a.txt", "a/./.", "a.b.c/d.e/"]  # fmt: skip
    rng = random.Random(7)
    names += [
        "".join(rng.choice("a./.Ｐ年 ") for _ in range(rng.randrange(8))) for _ in range(3000)
    ]
    for name in names:
        assert suffix_of(name) == PurePosixPath(name.lower()).suffix, name
