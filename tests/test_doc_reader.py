"""Legacy .doc: LibreOffice converts it to DOCX, the DOCX reader reads it."""

from __future__ import annotations

import os
import stat

import pytest

import extractor
from extractor.errors import MissingDependency, UnreadableFile
from extractor.readers import detect_format
from extractor.readers import doc as doc_reader
from tests.conftest import SAMPLES
from tests.expected import NUMBERED_2023, table_values

DOC = SAMPLES / "pingchangguan-2023-numbered.doc"
DOCX = SAMPLES / "pingchangguan-2023-numbered.docx"


@pytest.mark.usefixtures("libreoffice")
def test_every_cell():
    report = extractor.extract(DOC)
    assert report.meta["format"] == "doc"
    assert table_values(report) == NUMBERED_2023
    assert [c for c in report.check_list if c.status != "pass"] == []
    meta = report.meta
    assert (meta["body"], meta["year"], meta["signed"]) == ("平昌关镇", 2023, "2023-12-20")


def test_detected_by_content_whatever_its_name():
    data = DOC.read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    assert detect_format("report.doc", data) == "doc"
    assert detect_format("misnamed.docx", data) == "doc"  # a .doc renamed .docx
    assert detect_format("download", data) == "doc"


@pytest.mark.usefixtures("libreoffice")
def test_same_blocks_as_the_word_file():
    from extractor.readers.docx import read_docx

    converted = doc_reader.read_doc(DOC.read_bytes(), DOC.name)
    original = read_docx(DOCX.read_bytes(), "x")
    assert [p.text for p in converted.paragraphs] == [p.text for p in original.paragraphs]
    assert [t.rows_text() for t in converted.tables] == [t.rows_text() for t in original.tables]


def test_without_libreoffice_the_reason_names_the_package(monkeypatch):
    monkeypatch.setattr(doc_reader.shutil, "which", lambda name: None)
    with pytest.raises(MissingDependency, match="libreoffice-writer"):
        extractor.extract(DOC)


def _fake_soffice(tmp_path, body: str) -> str:
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_conversion_has_a_time_limit(monkeypatch, tmp_path):
    fake = _fake_soffice(tmp_path, "sleep 30")
    monkeypatch.setattr(doc_reader, "find_soffice", lambda: fake)
    with pytest.raises(UnreadableFile, match="within 0.5 s"):
        doc_reader.doc_to_docx(b"\xd0\xcf\x11\xe0", timeout=0.5)


def test_failed_conversion_gives_libreoffice_reason(monkeypatch, tmp_path):
    fake = _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 1")
    monkeypatch.setattr(doc_reader, "find_soffice", lambda: fake)
    with pytest.raises(UnreadableFile, match="could not be loaded"):
        doc_reader.doc_to_docx(b"\xd0\xcf\x11\xe0")


@pytest.mark.usefixtures("libreoffice")
def test_garbage_doc_is_unreadable():
    junk = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(3000)
    with pytest.raises(extractor.ExtractError) as err:
        extractor.extract_bytes(junk, "junk.doc")
    assert err.value.kind in ("unreadable", "not_a_report")


@pytest.mark.usefixtures("libreoffice")
def test_wps_writer_file_named_wps(tmp_path):
    """WPS Office saves Word-compatible binaries as .wps: found in folders, read as a .doc."""
    from extractor.inputs import iter_inputs

    (tmp_path / "报告.wps").write_bytes(DOC.read_bytes())
    (item,) = iter_inputs([tmp_path])
    report = extractor.extract_item(item)
    assert report.meta["format"] == "doc"
    assert table_values(report) == NUMBERED_2023


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_docx_named_doc_or_wps_is_read_as_docx_without_libreoffice(monkeypatch, tmp_path, suffix):
    """Government sites often serve a DOCX under a .doc or .wps name: its content (a zip with
    word/document.xml) says DOCX, so LibreOffice is never needed, in a folder walk too."""
    from extractor.inputs import iter_inputs

    monkeypatch.setattr(doc_reader, "find_soffice", lambda: None)
    (tmp_path / f"报告{suffix}").write_bytes(DOCX.read_bytes())
    (item,) = iter_inputs([tmp_path])
    report = extractor.extract_item(item)
    assert report.meta["format"] == "docx"
    assert table_values(report) == NUMBERED_2023


def test_legacy_word_named_wps_still_needs_libreoffice(monkeypatch, tmp_path):
    monkeypatch.setattr(doc_reader, "find_soffice", lambda: None)
    path = tmp_path / "报告.wps"
    path.write_bytes(DOC.read_bytes())
    with pytest.raises(MissingDependency, match="LibreOffice"):
        extractor.extract(path)
