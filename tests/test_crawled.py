"""Crawled web pages: one line of text, table cells run together, all three generations.

Expected values were worked out by hand from the page text: each run of digits split so that
the row's 总计 is the sum of its cells and the columns add up (e.g. 640020470 → 64 0 0 2 0 4 70).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import extractor
from tests.conftest import DATA
from tests.expected import (
    ROWS_2021,
    SECTIONS_2021,
    Z7,
    appeals_table,
    proactive_table,
    requests_table,
    table_values,
)

CRAWLED = DATA / "crawled"


def _rows(**rows):
    """All 2021-format rows zero, except those given."""
    return requests_table({code: rows.get(code, Z7) for code in ROWS_2021})


PINGTAN_2021 = {
    **proactive_table(
        {
            "regulations.issued": 0,
            "regulations.repealed": 0,
            "regulations.in_force": 0,
            "licensing.decisions": 2293,
            "punishment.decisions": 1282,
            "enforcement.decisions": 42,
            "fees.amount": "24252.311082",
        }
    ),
    **_rows(
        new=[64, 0, 0, 2, 0, 4, 70],
        granted=[27, 0, 0, 2, 0, 1, 30],
        partially_granted=[5, 0, 0, 0, 0, 0, 5],
        denied_internal_affairs=[1, 0, 0, 0, 0, 0, 1],
        denied_enforcement_file=[6, 0, 0, 0, 0, 0, 6],
        denied_query_matter=[1, 0, 0, 0, 0, 0, 1],
        unavailable_not_held=[22, 0, 0, 0, 0, 3, 25],
        other_other=[1, 0, 0, 0, 0, 0, 1],
        total=[63, 0, 0, 2, 0, 4, 69],
        carried_forward=[1, 0, 0, 0, 0, 0, 1],
    ),
    **appeals_table(
        {
            "reconsideration": [1, 0, 2, 0, 3],
            "litigation_direct": [12, 0, 0, 0, 12],
            "litigation_after": [0, 0, 0, 0, 0],
        }
    ),
}

PINGTAN_2022 = {
    **proactive_table(
        {
            "regulations.issued": 0,
            "regulations.repealed": 0,
            "regulations.in_force": 0,
            # 8855698, settled by the prose: 现行有效行政规范性文件698件, 本年度制发…88件
            "normative_documents.issued": 88,
            "normative_documents.repealed": 55,
            "normative_documents.in_force": 698,
            "licensing.decisions": 10690,
            "punishment.decisions": 2113,
            "enforcement.decisions": 0,
            "fees.amount": "9116.36",
        }
    ),
    **_rows(
        new=[71, 3, 0, 0, 0, 0, 74],
        carried_over=[1, 0, 0, 0, 0, 0, 1],
        granted=[21, 0, 0, 0, 0, 0, 21],
        partially_granted=[8, 1, 0, 0, 0, 0, 9],
        denied_internal_affairs=[1, 0, 0, 0, 0, 0, 1],
        denied_process_info=[2, 0, 0, 0, 0, 0, 2],
        denied_enforcement_file=[1, 0, 0, 0, 0, 0, 1],
        unavailable_not_held=[37, 0, 0, 0, 0, 0, 37],
        other_no_correction=[2, 0, 0, 0, 0, 0, 2],
        other_other=[0, 2, 0, 0, 0, 0, 2],
        total=[72, 3, 0, 0, 0, 0, 75],
    ),
    **appeals_table(
        {
            "reconsideration": [0, 1, 1, 0, 2],
            "litigation_direct": [1, 0, 0, 0, 1],
            "litigation_after": [0, 0, 0, 0, 0],
        }
    ),
}


@pytest.mark.parametrize(
    "name,expected,ambiguous",
    [("pingtan-2021", PINGTAN_2021, ["normative_documents"]), ("pingtan-2022", PINGTAN_2022, [])],
)
def test_run_together_cells_split_by_the_sum_rules(name, expected, ambiguous):
    report = extractor.extract(CRAWLED / f"{name}.txt")
    assert table_values(report) == expected
    assert {c.status for c in report.check_list} == {"pass"}
    # a proactive row with no sum rule, several readings and no prose to settle it is
    # reported, not guessed
    found = [p.detail for p in report.problems if p.rule == "split.ambiguous"]
    assert [d.split(":")[0].split(".")[1] for d in found] == ambiguous


def test_a_split_the_column_rules_decide():
    """予以公开 270020130 reads 2 7 0 0 20 1 30 or 27 0 0 2 0 1 30 by its row alone; only the
    second lets the 自然人 and 社会公益组织 columns add up."""
    report = extractor.extract(CRAWLED / "pingtan-2021.txt")
    granted = {f.column: f.value for f in report.fact_list if f.row == "granted"}
    assert granted["natural_person"] == 27 and granted["nonprofit"] == 2


def test_crawled_header_gives_publishing_date_and_title():
    meta = extractor.extract(CRAWLED / "pingtan-2021.txt").meta
    assert meta["title"] == "平潭综合实验区2021年度政府信息公开工作年度报告"
    assert (meta["body"], meta["year"], meta["published"]) == ("平潭综合实验区", 2021, "2022-02-08")
    assert (meta["level"], meta["template"]) == ("县区", "2021")


def test_2019_format_page_whose_table_breaks_its_own_rule():
    """2020: the outcome rows' 自然人 cells add up to 26, the printed （七）总计 says 20."""
    report = extractor.extract(CRAWLED / "pingtan-2020.txt")
    assert report.meta["template"] == "2019"
    failed = {(c.rule, c.scope): (c.lhs_value, c.rhs_value) for c in report.failed_checks}
    assert failed == {
        ("requests.outcomes_sum", "natural_person"): (20, 26),
        ("requests.outcomes_sum", "total"): (21, 27),
    }
    values = table_values(report)
    assert values["requests.new.total"] == 21 and values["requests.other.natural_person"] == 4
    assert values["proactive.fees.change"] == Decimal(-15)
    rules = {p.rule for p in report.problems}
    assert "split.column_rules" in rules and "split.ambiguous" in rules
    # 规章007: no leading zeros, so one reading only
    assert values["proactive.regulations.total_published"] == 7


def test_typo_in_section_title_still_found():
    """2022 prints 四、政府信息公开行政法复议、行政诉讼情况."""
    report = extractor.extract(CRAWLED / "pingtan-2022.txt")
    titles = {s.code: s.title for s in report.section_list}
    assert titles["appeals"] == "四、政府信息公开行政法复议、行政诉讼情况"
    assert list(titles) == SECTIONS_2021


def test_consecutive_years_carry_over():
    batch = extractor.extract_many([CRAWLED / "pingtan-2021.txt", CRAWLED / "pingtan-2022.txt"])
    checks = batch.checks
    carry = checks[checks.rule == "years.carry_over"]
    assert len(carry) == 7 and set(carry.status) == {"pass"}
    total = carry[carry.scope == "total"].iloc[0]
    assert (total.lhs_value, total.rhs_value) == (1, 1)  # 2022 上年结转 = 2021 结转下年度


def test_prose_numbers_checked_against_the_table():
    report = extractor.extract(CRAWLED / "pingtan-2021.txt")
    text = [c for c in report.check_list if c.rule == "text.matches_table"]
    assert {(c.scope, c.lhs_value, c.status) for c in text} == {
        ("new.total", 70, "pass"),
        ("carried_forward.total", 1, "pass"),
    }


def test_pre2019_statistics_table_with_spaces():
    report = extractor.extract(CRAWLED / "pingtan-2011.txt")
    values = {(f.row, f.column): f.value for f in report.fact_list}
    assert report.meta["template"] == "pre-2019"
    assert values[("proactive_total", "this_year")] == 425
    assert values[("proactive_total", "cumulative")] == 1516
    assert values[("proactive_website", "this_year")] == 418
    assert values[("proactive_website", "cumulative")] == 1509
    assert values[("proactive_gazette", "cumulative")] == 7
    assert values[("requests_total", "this_year")] == 0
    assert values[("complaints", "cumulative")] == 0
    sections = [s.code for s in report.section_list]
    assert sections == ["preamble", "overview", "proactive", "requests", "problems"]


@pytest.mark.parametrize(
    "name,run,this_year,cumulative",
    [("pingtan-2015", "294981916", 2949, 81916), ("pingtan-2018", "206912106", 2069, 12106)],
)
def test_pre2019_run_together_total_settled_by_the_prose(name, run, this_year, cumulative):
    """主动公开文件数 条294981916 reads 2/94981916, 29/4981916, 294/981916 or 2949/81916; the
    prose (2015年主动公开政府信息2949条) leaves one. 政府网站公开数 prints the same run: of the
    four readings only 2949/81916 keeps it within its whole (其中 ≤ 主动公开文件数)."""
    report = extractor.extract(CRAWLED / f"{name}.txt")
    facts = {(f.row, f.column): f for f in report.fact_list if f.origin == "table"}
    for row in ("proactive_total", "proactive_website"):
        assert facts[(row, "this_year")].value == this_year
        assert facts[(row, "cumulative")].value == cumulative
        assert run in facts[(row, "this_year")].note
    assert "the text states" in facts[("proactive_total", "this_year")].note
    assert "part not exceeding its whole" in facts[("proactive_website", "cumulative")].note
    assert not [p for p in report.problems if p.rule == "split.ambiguous"]
    if name == "pingtan-2015":
        assert facts[("replies_granted", "cumulative")].value == 1  # '01': one reading only


def test_pre2019_approval_requests_are_not_disclosure_requests():
    """2015: 窗口服务大厅…共受理申请136437件 counts approval applications, not information
    requests; it is no statement of 受理依申请公开信息总数 (the table's 0)."""
    report = extractor.extract(CRAWLED / "pingtan-2015.txt")
    text = {c.scope: c for c in report.check_list if c.rule == "text.matches_table"}
    assert "requests_total.this_year" not in text or text["requests_total.this_year"].lhs_value == 0
    assert not report.failed_checks


def test_pre2019_prose_contradicting_the_table_is_a_failed_check():
    """2012: the prose says 2012年主动公开政府信息1913条, the 统计表 prints 主动公开信息数 739."""
    report = extractor.extract(CRAWLED / "pingtan-2012.txt")
    failed = [c for c in report.failed_checks if c.rule == "text.matches_table"]
    assert [(c.scope, c.lhs_value, c.rhs_value) for c in failed] == [
        ("proactive_total.this_year", 1913, 739)
    ]
    assert "1913" in failed[0].lhs


def test_pre2019_report_without_a_table_takes_prose_numbers():
    report = extractor.extract(CRAWLED / "pingtan-dishui-2013.txt")
    facts = {f.row: f for f in report.fact_list}
    assert facts["proactive_total"].value == 45 and facts["proactive_total"].origin == "text"
    assert facts["requests_total"].value == 0  # 未收到政府信息公开申请
    assert report.meta["level"] == "部门"


@pytest.mark.parametrize("path", sorted(CRAWLED.glob("*.txt")), ids=lambda p: p.stem)
def test_every_crawled_page_extracts_with_checks_passing_or_breaches_and_ambiguity_named(path):
    report = extractor.extract(path)
    assert report.fact_list
    for c in report.failed_checks:  # the only breaches: 2020's table, 2012's prose vs table
        assert (path.stem, c.rule) in {
            ("pingtan-2020", "requests.outcomes_sum"),
            ("pingtan-2012", "text.matches_table"),
        }
    for p in report.problems:
        assert p.rule in {
            "split.ambiguous",
            "split.column_rules",
            "table.missing",
            "label.unmapped",
            "cell.missing",  # the withheld runs, named as failures
        }


def test_consecutive_years_carry_over_in_a_bulk_run(tmp_path):
    from extractor.bulk import run_bulk

    result = run_bulk(
        [CRAWLED / "pingtan-2021.txt", CRAWLED / "pingtan-2022.txt"], tmp_path, jobs=1
    )
    assert result.reports == 2
    text = (tmp_path / "checks.csv").read_text(encoding="utf-8-sig")
    carry = [line for line in text.splitlines() if ",years.carry_over," in line]
    assert len(carry) == 7 and all(",pass," in line for line in carry)
    assert all(line.startswith(str(CRAWLED / "pingtan-2022.txt")) for line in carry)


@pytest.mark.parametrize("name", ["pingtan-2015", "pingtan-2018"])
def test_litigation_and_reports_indicator_is_not_complaints(name):
    """接受行政诉讼、举报数 is its own indicator, not 行政申诉数 (complaints)."""
    report = extractor.extract(CRAWLED / f"{name}.txt")
    rows = {f.printed_row: f.row for f in report.fact_list if f.origin == "table"}
    assert rows["接受行政诉讼、举报数"] == "litigation_reports"
    assert "complaints" not in rows.values()
