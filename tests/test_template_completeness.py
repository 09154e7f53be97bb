"""template/completeness.py: every template cell of a found table is read or named missing."""

from __future__ import annotations

import extractor
from tests.conftest import SAMPLES
from tests.test_template_quirks import _report


def test_complete_sample_counts_every_template_cell():
    """2021 format: table 1 has 10 cells (3+3 for 规章/规范性文件, 1 each for 许可, 处罚, 强制,
    收费), table 2 25 rows × 7 columns, table 3 3 blocks × 5 results (templates.md)."""
    meta = extractor.extract(SAMPLES / "pingchangguan-2023-numbered.docx").meta
    assert (meta["proactive_cells_expected"], meta["proactive_cells_found"]) == (10, 10)
    assert (meta["requests_cells_expected"], meta["requests_cells_found"]) == (175, 175)
    assert (meta["appeals_cells_expected"], meta["appeals_cells_found"]) == (15, 15)
    assert meta["complete"] is True and meta["checks_incomplete"] == 0


def test_missing_rows_are_a_failure_and_their_checks_incomplete():
    report = _report("一、本年新收政府信息公开申请数量\t\t3\t0\t0\t0\t0\t0\t3\n")
    missing = [p for p in report.problems if p.rule == "cell.missing" and p.table == "requests"]
    assert len(missing) == 1 and missing[0].status == "fail"
    assert "carried_over.natural_person" in missing[0].detail
    assert report.meta["requests_cells_found"] == 7 and report.meta["complete"] is False
    incomplete = [c for c in report.check_list if c.status == "incomplete"]
    assert incomplete and all("missing" in c.detail for c in incomplete)
    assert report.meta["checks_incomplete"] == len(incomplete)
