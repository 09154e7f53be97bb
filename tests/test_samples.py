"""The Word-built samples, as DOCX and as LibreOffice PDF: every cell, checks, quirks."""

from __future__ import annotations

import pytest

import extractor
from tests.conftest import SAMPLES
from tests.expected import NUMBERED_2023, PAGEBREAK_2023, PUBLISHED_2023, table_values

CASES = [
    ("pingchangguan-2023", PUBLISHED_2023),
    ("pingchangguan-2023-numbered", NUMBERED_2023),
    ("pingchangguan-2023-pagebreak", PAGEBREAK_2023),
]


@pytest.mark.parametrize("name,expected", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize(
    "suffix,engine", [(".pdf", "pdfium"), (".pdf", "pdfplumber"), (".docx", "pdfium")]
)
def test_every_cell(name, expected, suffix, engine):
    report = extractor.extract(SAMPLES / f"{name}{suffix}", pdf_engine=engine)
    assert table_values(report) == expected


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
@pytest.mark.parametrize("name", ["pingchangguan-2023", "pingchangguan-2023-numbered"])
def test_checks_pass_where_the_sample_adds_up(name, suffix):
    report = extractor.extract(SAMPLES / f"{name}{suffix}")
    assert [c for c in report.check_list if c.status != "pass"] == []
    assert [p for p in report.problems if p.status == "fail"] == []


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_checks_fail_exactly_where_the_pagebreak_sample_breaks_the_rules(suffix):
    report = extractor.extract(SAMPLES / f"pingchangguan-2023-pagebreak{suffix}")
    failed = {(c.rule, c.scope): (c.lhs_value, c.rhs_value) for c in report.failed_checks}
    assert failed == {
        ("requests.row_total", "partially_granted"): (328, 327),
        ("requests.outcomes_sum", "total"): (8646, 8647),
        ("appeals.block_total", "litigation_after"): (0, 622),
    }
    blank_total = next(
        c
        for c in report.check_list
        if c.rule == "appeals.block_total" and c.scope == "litigation_after"
    )
    assert "appeals.litigation_after.total" in blank_total.detail  # the blank is named


def test_quirk_dash_and_unit_in_cell():
    report = extractor.extract(SAMPLES / "pingchangguan-2023-pagebreak.pdf")
    facts = {f.key: f for f in report.fact_list}
    dash = facts["proactive.regulations.repealed"]
    assert (dash.value, dash.blank, dash.raw) == (0, True, "—")
    fee = facts["proactive.fees.amount"]
    assert (str(fee.value), fee.unit, fee.raw) == ("3.5", "万元", "3.5万元")
    numbered = extractor.extract(SAMPLES / "pingchangguan-2023-numbered.pdf")
    money = next(f for f in numbered.fact_list if f.key == "proactive.fees.amount")
    assert (str(money.value), money.unit) == ("23.0715", "万元")  # exact, no float rounding


def test_quirk_row_split_by_page_and_repeated_header():
    """Row （六）1 is split across pages 3-4 under a repeated header: one row, full label."""
    report = extractor.extract(SAMPLES / "pingchangguan-2023-pagebreak.pdf")
    facts = {f.key: f for f in report.fact_list}
    split = facts["requests.other_no_correction.natural_person"]
    assert split.prov.page == 3
    assert split.printed_row.endswith("行政机关不再处理其政府信息公开申请")
    assert "（六）其他处理" in split.printed_row
    assert facts["requests.other_unpaid_fee.total"].prov.page == 4
    rows = [f for f in report.fact_list if f.table == "requests" and f.column == "total"]
    assert len(rows) == 25  # the repeated header and the broken row add no rows


def test_metadata_from_title_and_signature():
    meta = extractor.extract(SAMPLES / "pingchangguan-2023.pdf").meta
    assert (meta["body"], meta["year"], meta["signed"]) == ("平昌关镇", 2023, "2023-12-20")
    assert meta["signature_body"] == "平昌关镇人民政府"
    assert meta["template"] == "2021"
