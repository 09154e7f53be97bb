"""One body's consecutive reports settle each other's run-together cells (years.py)."""

from __future__ import annotations

import extractor
from extractor.years import settle_across_years
from tests.conftest import DATA

CRAWLED = DATA / "crawled"


def test_next_years_report_settles_the_in_force_count():
    """2021 prints 行政规范性文件693665 with no prose about it: ten readings. 2022 states its own
    (88 issued, 55 repealed, 698 in force), so 2021's in-force count is 698 − 88 + 55 = 665;
    693 splits 6/93 or 69/3, which nothing settles: those two stay withheld."""
    batch = extractor.extract_many([CRAWLED / "pingtan-2021.txt", CRAWLED / "pingtan-2022.txt"])
    r2021 = next(r for r in batch.reports if r.meta["year"] == 2021)
    cells = {f.column: f for f in r2021.fact_list if f.row == "normative_documents"}
    assert set(cells) == {"in_force"} and cells["in_force"].value == 665
    assert "pingtan-2022.txt" in cells["in_force"].note and "693665" in cells["in_force"].note
    ambiguous = [p.detail for p in r2021.problems if p.rule == "split.ambiguous"]
    assert len(ambiguous) == 1 and "6/93/665 | 69/3/665" in ambiguous[0]
    assert len(r2021.pending) == 1 and len(r2021.pending[0].candidates) == 2


def test_alone_the_in_force_count_stays_withheld():
    report = extractor.extract(CRAWLED / "pingtan-2021.txt")
    assert not [f for f in report.fact_list if f.row == "normative_documents"]
    assert settle_across_years([report]) == []


def test_a_2019_format_year_does_not_settle_a_2021_format_one():
    """2020 is in the 2019 format: its 规范性文件 columns are not the in-force count."""
    reports = [extractor.extract(CRAWLED / f"pingtan-{y}.txt") for y in (2020, 2021)]
    assert settle_across_years(reports) == []
