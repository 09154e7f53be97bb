"""template/grid.py: values placed only under proven columns."""

from __future__ import annotations

from decimal import Decimal

from extractor.model import Provenance, Table, grid_from_spans
from extractor.template import schema as S
from extractor.template.grid import carry_columns

XS = [60.0, 250.0, 290.0, 330.0]


def _table(rows: list[list[str]], xs: list[float], page: int) -> Table:
    spans = [
        (r, c, 1, 1, text, Provenance(page=page, bbox=(xs[c], 20.0 * r, xs[c + 1], 20.0 * r + 20)))
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    ]
    return Table(grid_from_spans(spans, len(rows), len(xs) - 1))


def test_header_columns_carry_to_a_headerless_fragment_by_x_not_by_index():
    """A continuation whose grid gained a column at the left (a sliced label column drawn on
    this page only) has its values one index to the right: they stay under their headers."""
    natural, business = S.REQUEST_COLUMNS[0], S.REQUEST_COLUMNS[1]
    header = _table([["", "自然人", "商业企业"]], XS, 1)
    colmap = {1: (natural, "自然人"), 2: (business, "商业企业")}
    shifted = _table([["", "4.保护第三方合法权益", "3", "5"]], [20.0, *XS], 2)
    assert carry_columns(colmap, header, shifted) == {2: colmap[1], 3: colmap[2]}


def test_no_column_is_carried_where_no_column_lies_under_it():
    natural = S.REQUEST_COLUMNS[0]
    header = _table([["", "自然人", "商业企业"]], XS, 1)
    other = _table([["", "x", "3"]], [60.0, 200.0, 270.0, 330.0], 2)
    assert carry_columns({1: (natural, "自然人")}, header, other) == {}


def _merged(rows: list[list[tuple[str, int]]]) -> Table:
    """A table from rows of (text, colspan): a cell spanning columns covers the ones after it."""
    spans, n_cols = [], 0
    for r, row in enumerate(rows):
        c = 0
        for text, span in row:
            spans.append((r, c, 1, span, text, Provenance(row=r, col=c)))
            c += span
        n_cols = max(n_cols, c)
    return Table(grid_from_spans(spans, len(rows), n_cols))


def test_a_value_cell_over_two_codes_columns_is_taken_under_neither():
    """A merged value cell spanning the columns of two codes proves neither: table 1 and
    table 3 report it (cell.straddles, fail) and take it under no code; table 2 withholds the
    row (row.unaligned). Before, each code read the one cell: the value written twice."""
    from extractor.template.appeals import map_appeals
    from extractor.template.proactive import map_proactive
    from extractor.template.requests import map_requests

    proactive = map_proactive(
        [
            _merged(
                [
                    [
                        ("信息内容", 1),
                        ("本年制发件数", 1),
                        ("本年废止件数", 1),
                        ("现行有效件数", 1),
                    ],
                    [("规章", 1), ("1", 1), ("5", 2)],
                ]
            )
        ]
    )
    assert {(f.row, f.column): f.value for f in proactive.facts} == {("regulations", "issued"): 1}
    assert [(p.rule, p.status) for p in proactive.problems] == [("cell.straddles", "fail")]

    header = [("", 1)] + [(h, 1) for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    appeals = map_appeals(
        [
            _merged(
                [
                    [("", 1), ("行政复议", 5)],
                    header,
                    [("", 1), ("1", 1), ("2", 2), ("0", 1), ("3", 1)],
                ]
            )
        ]
    )
    got = {(f.row, f.column): f.value for f in appeals.facts}
    assert got == {
        ("reconsideration", "upheld"): 1,
        ("reconsideration", "pending"): 0,
        ("reconsideration", "total"): 3,
    }
    assert [(p.rule, p.status) for p in appeals.problems] == [("cell.straddles", "fail")]

    requests = map_requests(
        [
            _merged(
                [
                    [("", 1), ("自然人", 1), ("商业企业", 1), ("科研机构", 1), ("总计", 1)],
                    [
                        ("一、本年新收政府信息公开申请数量", 1),
                        ("1", 1),
                        ("0", 1),
                        ("0", 1),
                        ("1", 1),
                    ],
                    [("二、上年结转政府信息公开申请数量", 1), ("0", 1), ("12", 2), ("12", 1)],
                ]
            )
        ]
    )
    assert {f.row for f in requests.facts} == {"new"}
    assert [p.rule for p in requests.problems if p.status == "fail"] == ["row.unaligned"]


def test_a_value_cell_starting_under_no_code_is_reported_once_not_a_crash():
    """A merged cell from a column no header names (备注) over two codes' columns: reported
    once (it raised a KeyError: the report was lost)."""
    from extractor.template.proactive import map_proactive

    mapping = map_proactive(
        [
            _merged(
                [
                    [("信息内容", 1), ("备注", 1), ("本年制发件数", 1), ("本年废止件数", 1)],
                    [("规章", 1), ("5", 3)],
                ]
            )
        ]
    )
    assert mapping.facts == []
    assert [(p.rule, p.status) for p in mapping.problems] == [("cell.straddles", "fail")]


def test_a_garbled_header_naming_a_column_its_row_lacks_takes_no_value():
    """Ghostscript's redistilled browser prints map some glyphs wrong: 2019 table 1's
    上一年项目数量 read 'P一\\x80项目数量', which the label matcher takes for 采购项目数量 (it
    holds 项目数量). 行政许可 has no such column in either template: its 205 was written as
    proactive.licensing.items, a value under a column the report never printed. Now it is
    reported (cell.outside_template, fail) and previous_items is missing, not filled."""
    from extractor.template.proactive import map_proactive

    mapping = map_proactive(
        [
            _merged(
                [
                    [
                        ("信息内容", 1),
                        ("P一\x80项目数量", 1),
                        ("本年增/减", 1),
                        ("处理决定数量", 1),
                    ],
                    [("行政许可", 1), ("205", 1), ("239", 1), ("214", 1)],
                    [("信息内容", 1), ("采购项目数量", 1), ("采购总金额", 2)],
                    [("政府集中采购", 1), ("229", 1), ("38.02", 2)],
                ]
            )
        ]
    )
    got = {(f.row, f.column): f.value for f in mapping.facts}
    assert got == {
        ("licensing", "change"): 239,
        ("licensing", "decisions"): 214,
        ("procurement", "items"): 229,
        ("procurement", "amount"): Decimal("38.02"),
    }
    (problem,) = mapping.problems
    assert (problem.rule, problem.status) == ("cell.outside_template", "fail")
    assert "205" in problem.detail and "licensing" in problem.detail
