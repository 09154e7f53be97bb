"""The real WPS-made district report: every cell, both PDF engines, provenance, checks."""

from __future__ import annotations

import pytest

import extractor
from tests.expected import HONGZE_2024, SECTIONS_2021, table_values


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_every_cell_matches_the_page(hongze_path, engine):
    report = extractor.extract(hongze_path, pdf_engine=engine)
    assert table_values(report) == HONGZE_2024


def test_all_checks_pass_because_the_report_adds_up(hongze_path):
    report = extractor.extract(hongze_path)
    statuses = {c.status for c in report.check_list}
    assert statuses == {"pass"}
    # 7 columns x 2 column rules + 23 rows + 3 appeal blocks
    assert len(report.check_list) == 7 * 2 + 23 + 3
    assert [p for p in report.problems if p.status == "fail"] == []


def test_metadata(hongze_path):
    meta = extractor.extract(hongze_path).meta
    assert meta["body"] == "淮安市洪泽区人民政府"
    assert meta["year"] == 2024
    assert meta["template"] == "2021"
    assert meta["pages"] == 5
    assert meta["signed"] is None  # the report carries no signature block
    assert len(meta["sha256"]) == 64


def test_values_carry_page_and_cell(hongze_path):
    report = extractor.extract(hongze_path)
    by_key = {f.key: f for f in report.fact_list}
    assert by_key["proactive.licensing.decisions"].prov.page == 2
    assert by_key["requests.unavailable_not_held.natural_person"].prov.page == 3
    # table 2 continues on page 4: the row after 1.本机关不掌握相关政府信息
    assert by_key["requests.unavailable_needs_creation.natural_person"].prov.page == 4
    assert by_key["appeals.litigation_after.total"].prov.page == 4
    fact = by_key["requests.new.total"]
    assert fact.prov.bbox is not None and fact.prov.row is not None and fact.prov.col is not None


def test_label_typo_maps_to_its_row(hongze_path):
    """其他法律行政止公开 (法规禁 missing) is still denied_prohibited."""
    report = extractor.extract(hongze_path)
    fact = next(f for f in report.fact_list if f.key == "requests.denied_prohibited.natural_person")
    assert "行政止公开" in fact.printed_row


def test_six_sections_with_their_text(hongze_path):
    report = extractor.extract(hongze_path)
    sections = {s.code: s for s in report.section_list}
    assert list(sections) == SECTIONS_2021
    assert sections["other"].text.endswith("全年收取政府信息公开信息处理费 0 元。")
    # a line wrapped by the page is rejoined without a space
    assert "加强区政府门户网站及政务新媒体日常管理" in sections["overview"].text
    # a paragraph running from page 4 onto page 5 is one paragraph
    assert "答复书模板，使各行政机关答复的方式" in sections["problems"].text


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_bold_text_outlines_of_a_reprint_are_no_rules(hongze_path, tmp_path, engine):
    """The report printed again by pdftocairo: WPS makes its bold text by stroking the glyphs,
    and cairo draws those strokes as paths, whose straight strokes (一, 十, 口) passed for rules
    inside the cells. The fast path read 102 of 186 cells and the pdfplumber engine 60 (the
    rest reported unaligned or unmapped). A glyph-sized path of many points (fast path), or a
    glyph-sized piece whose centre lies in a character (pdfplumber, which gets each subpath
    apart), now draws no rule, and every cell is read."""
    import shutil
    import subprocess

    from tests.conftest import require_tool

    require_tool("pdftocairo", bool(shutil.which("pdftocairo")), "Debian: poppler-utils")
    reprint = tmp_path / "hongze-2024-cairo.pdf"
    subprocess.run(["pdftocairo", "-pdf", str(hongze_path), str(reprint)], check=True)
    report = extractor.extract(reprint, pdf_engine=engine)
    assert table_values(report) == HONGZE_2024
