"""The compare table: harmonised indicators, rates, body keys across years, duplicates, blanks.

Expected numbers are the hand-checked values of tests/expected.py and arithmetic on them."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import extractor
from extractor.analysis.compare import COMPARE_COLUMNS
from tests.conftest import DATA, SAMPLES
from tests.expected import (
    FORMAT2019_2020,
    HONGZE_2024,
    NUMBERED_2023,
    PAGEBREAK_2023,
)
from tests.variants import write_variant

NUMBERED = SAMPLES / "pingchangguan-2023-numbered.pdf"


def total(expected, prefix):
    """Sum of the expected table-2 totals of the rows starting with ``prefix``."""
    return sum(
        v
        for k, v in expected.items()
        if k.startswith(f"requests.{prefix}") and k.endswith(".total")
    )


@pytest.fixture(scope="module")
def numbered_row():
    frame = extractor.compare([NUMBERED])
    assert len(frame) == 1
    return frame.iloc[0]


def test_2021_indicators_and_rates(numbered_row):
    e = NUMBERED_2023
    r = numbered_row
    assert (r.body_key, r.year, r.template) == ("平昌关镇", 2023, "2021")
    assert r.new_requests == e["requests.new.total"] == 7913
    assert r.carried_over == 1007 and r.carried_forward == 478
    assert r.granted == 436 and r.partially_granted == 439
    assert r.denied == total(e, "denied_") == 3170
    assert r.unavailable == total(e, "unavailable_") == 1110
    assert r.rejected == total(e, "rejected_") == 2071
    assert r.other == total(e, "other_") == 534 + 391 + 291
    assert r.total_handled == 8442
    assert r.reconsideration_total == 582 and r.reconsideration_corrected == 145
    assert r.litigation_total == 600 + 618 and r.litigation_corrected == 149 + 154
    assert r.regulations_issued == 34 and r.fees_amount == pytest.approx(23.0715)
    assert r.grant_rate == round(436 / 8442, 6)
    assert r.grant_or_partial_rate == round((436 + 439) / 8442, 6)
    assert r["denial_rate.third_party"] == round(472 / 8442, 6)
    assert r.unavailable_share == round(1110 / 8442, 6)
    decided = 582 + 600 + 618 - (147 + 152 + 156)
    assert r.appeal_correction_rate == round((145 + 149 + 154) / decided, 6)
    assert bool(r.checks_pass) and r.checks_failed == 0 and bool(r.complete)
    assert pd.isna(r.proactive_items) and pd.isna(r.new_requests_change)


def test_2019_format_harmonised():
    r = extractor.compare([SAMPLES / "pingchangguan-2020-format2019.docx"]).iloc[0]
    e = FORMAT2019_2020
    assert (r.template, r.year) == ("2019", 2020)
    assert r.other == e["requests.other.total"] == 436  # （六） printed as one row
    assert r.regulations_issued == e["proactive.regulations.made"] == 212
    assert r.licensing_decisions == 214
    assert pd.isna(r.fees_amount)  # the 2019 table has no fee amount: null, not 0
    assert r.new_requests == 6622 and r.grant_rate == round(332 / 7035, 6)


def test_blank_cell_stays_null(tmp_path):
    """pagebreak: 行政诉讼/复议后起诉 总计 is printed blank."""
    batch = extractor.extract_many([SAMPLES / "pingchangguan-2023-pagebreak.docx"])
    table = batch.table
    assert pd.isna(table.loc[0, "appeals.litigation_after.total"])
    assert table.loc[0, "appeals.litigation_after.upheld"] == 154
    facts = batch.facts
    blank = facts[(facts.row == "litigation_after") & (facts.column == "total")].iloc[0]
    assert blank.value is None and bool(blank.blank)
    r = extractor.compare(batch).iloc[0]
    assert pd.isna(r.litigation_total) and pd.isna(r.appeal_correction_rate)
    assert r.reconsideration_total == PAGEBREAK_2023["appeals.reconsideration.total"]
    assert not r.checks_pass and r.checks_failed == 3


def test_zero_denominator_gives_no_rate():
    r = extractor.compare([SAMPLES / "pingchangguan-2023.txt"]).iloc[0]
    assert r.total_handled == 0 and r.new_requests == 0  # the published report: all 0
    assert pd.isna(r.grant_rate) and pd.isna(r.appeal_correction_rate)


def test_duplicates_choose_the_digital_complete_report():
    paths = [
        SAMPLES / "pingchangguan-2023-numbered.html",
        SAMPLES / "pingchangguan-2023-wordmarkup.txt",
        NUMBERED,
    ]
    frame = extractor.compare(paths)
    assert len(frame) == 1
    r = frame.iloc[0]
    assert r.source == str(NUMBERED)  # digital > web page > crawled text
    assert r.duplicate_of.split(" | ") == [str(paths[0]), str(paths[1])]
    assert r.new_requests == 7913


def test_duplicates_prefer_passing_checks_over_medium():
    frame = extractor.compare(
        [SAMPLES / "pingchangguan-2023-pagebreak.pdf", SAMPLES / "pingchangguan-2023.txt"]
    )
    r = frame.iloc[0]
    assert len(frame) == 1 and r.source.endswith("pingchangguan-2023.txt")


def test_one_key_across_years_and_title_variants(tmp_path):
    """平昌关镇 in one title, 平昌关镇人民政府 in another, a title starting with the year (the body
    only in the signature): one key, and year-over-year within it."""
    write_variant(tmp_path, "a.docx", "平昌关镇人民政府", 2022, 1)
    write_variant(tmp_path, "b.docx", "平昌关镇", 2023, 2)
    write_variant(tmp_path, "c.docx", "平昌关镇", 2024, 3, title="2024 年政府信息公开工作年度报告")
    write_variant(tmp_path, "d.docx", "东山乡", 2024, 1)
    frame = extractor.compare([tmp_path])
    assert list(zip(frame.body_key, frame.year, strict=True)) == [
        ("东山乡", 2024),
        ("平昌关镇", 2022),
        ("平昌关镇", 2023),
        ("平昌关镇", 2024),
    ]
    assert list(frame.body_from) == ["title", "title", "title", "signature"]
    assert list(frame.new_requests) == [7913, 7913, 7913 * 2, 7913 * 3]
    assert pd.isna(frame.new_requests_change[0])  # 东山乡 has no 2023
    assert pd.isna(frame.new_requests_change[1])  # nor 平昌关镇 a 2021
    assert list(frame.new_requests_change[2:]) == [7913, 7913]
    assert list(frame.new_requests_change_pct[2:]) == [1.0, 0.5]
    assert frame.total_handled_change[3] == 8442


def test_hongze_real_report():
    r = extractor.compare([DATA / "hongze-2024.pdf"]).iloc[0]
    assert (r.body_key, r.level) == ("淮安市洪泽区", "县区")
    assert r.new_requests == HONGZE_2024["requests.new.total"] == 95
    assert r.grant_rate == round(50 / 95, 6)
    assert r.appeal_correction_rate == round((1 + 0 + 0) / (2 + 1 + 3), 6)


def test_frames_are_typed_and_not_fragmented(numbered_row):
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.PerformanceWarning)
        batch = extractor.extract_many([NUMBERED, DATA / "bad" / "empty.pdf"])
        table = batch.table
        frame = extractor.compare(batch, chinese=True)
    assert str(table["requests.new.total"].dtype) == "Float64"
    assert str(table["year"].dtype) == "Int64"
    assert table["requests.new.total"].sum() == 7913
    assert frame.columns[0] == "机关" and len(frame.columns) == len(COMPARE_COLUMNS)
    assert isinstance(batch.errors, pd.DataFrame)
    assert list(batch.errors.columns) == ["source", "kind", "reason"]


def test_reports_and_paths_given_together():
    """Reports already extracted and files to extract, in one list: both are compared."""
    report = extractor.extract(SAMPLES / "pingchangguan-2020-format2019.docx")
    frame = extractor.compare([report, SAMPLES / "pingchangguan-2023.txt"])
    assert sorted(frame.year) == [2020, 2023]
