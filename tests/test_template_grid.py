"""template/grid.py: values placed only under proven columns."""

from __future__ import annotations

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
