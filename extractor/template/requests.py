"""Table 2 (政府信息公开申请办理情况) fragments → facts under ``requests.<row>.<column>``.

Stages, per fragment: header → column map (or the header's columns carried to a fragment that
prints none); per row: labels → row code (with the group in force), cells → values under their
columns; resolve (unmapped, unaligned, duplicate rows are reported, not taken) → facts.
"""

from __future__ import annotations

from typing import NamedTuple

from ..canonical import Fact, Problem, TableMapping
from ..model import Cell, Table
from ..numbers import has_number, is_numberish, read_number
from . import schema as S
from .grid import (
    COUNT_UNIT,
    ColumnMap,
    carry_columns,
    codes_by_column,
    column_map,
    columns_by_code,
    header_end,
    make_fact,
    pick_cell,
    row_cells,
    sliced_strip,
    straddles,
    take,
    unmapped_row,
)
from .labels import Label, match, parse_label, score

SUBGROUPS = {"denied", "unavailable", "rejected", "other_group"}
NEAR_EXACT = 0.9  # a sub-row label read outside its group must match this well
BY_ORDER = "read by order: the row's cells are shifted"

Values = dict[str, tuple[Cell, str]]  # code → (cell, note)


class Row(NamedTuple):
    """One data row of table 2 as read: its cells, code, printed label and values."""

    cells: list[Cell]
    item: S.Item | None
    printed: str
    values: Values | None


def map_requests(frags: list[Table]) -> TableMapping:
    """Table 2 fragments → facts under ``requests.<row>.<column>``."""
    out = TableMapping()
    colmap: ColumnMap = {}
    header: Table | None = None
    group: str | None = None
    seen: set[str] = set()
    for frag in frags:
        start, colmap, header = fragment_columns(frag, colmap, header)
        if not colmap:
            out.problems.append(
                Problem("table.no_header", "requests", "no column header found", frag.prov, "fail")
            )
            continue
        group = map_rows(frag, start, colmap, group, seen, out)
    out.version = requests_version(seen)
    return out


def fragment_columns(
    frag: Table, colmap: ColumnMap, header: Table | None
) -> tuple[int, ColumnMap, Table | None]:
    """A fragment, and the column map and header table in force → (first data row, its column
    map, the header table): its own header's, else the header's carried onto it."""
    start = header_end(frag, S.REQUEST_COLUMNS)
    if start > 0:
        return start, column_map(frag, range(start), S.REQUEST_COLUMNS), frag
    if header is not None and colmap:
        return start, carry_columns(colmap, header, frag), header
    return start, colmap, header


def map_rows(
    frag: Table,
    start: int,
    colmap: ColumnMap,
    group: str | None,
    seen: set[str],
    out: TableMapping,
) -> str | None:
    """The data rows of one fragment → facts and problems in ``out``; returns the group in force
    at its end (a group label carries over a page break). ``seen`` collects the row codes."""
    by_code = columns_by_code(colmap)
    first_data_col = min(colmap)
    for r in range(start, frag.n_rows):
        cells = row_cells(frag, r)
        if sliced_strip(cells, r):
            continue
        group, row = read_row(frag, r, cells, group, by_code, first_data_col)
        code, problem = resolve_row(row, seen)
        if problem is not None:
            out.problems.append(problem)
        if code is None:
            continue
        seen.add(code)
        for fact in row_facts(code, row, colmap):
            take(out, fact)
    return group


def read_row(
    frag: Table,
    r: int,
    cells: list[Cell],
    group: str | None,
    by_code: dict[str, list[int]],
    first_data_col: int,
) -> tuple[str | None, Row]:
    """Row ``r`` (distinct cells ``cells``) and the group in force → (new group, the row read)."""
    labels = [c for c in cells if c.text.strip() and not is_numberish(c.text)]
    group, item, printed = resolve_label(labels, group)
    values = row_values(frag, r, cells, by_code, first_data_col)
    return group, Row(cells, item, printed, values)


def resolve_row(row: Row, seen: set[str]) -> tuple[str | None, Problem | None]:
    """A row read, and the row codes already taken → (the code to take its values under, or
    None; the problem to report). A row whose label maps to no code, whose values do not line
    up, or whose code was already taken is not taken."""
    prov = row.cells[0].prov
    if row.item is None:
        has_values = row.values is not None and any(
            has_number(cell.text) for cell, _ in row.values.values()
        )
        if has_values or (row.values is None and any(has_number(c.text) for c in row.cells)):
            return None, unmapped_row("requests", row.printed, row.cells[0])
        return None, None
    code = row.item.code
    if row.values is None:
        detail = (
            f"row {code} ({row.printed!r}): its values do not line up with the header columns; "
            "not taken"
        )
        return None, Problem("row.unaligned", "requests", detail, prov, "fail")
    if code in seen:
        detail = f"row {code} printed twice ({row.printed!r}); the first is kept"
        return None, Problem("row.duplicate", "requests", detail, prov)
    return code, None


def row_facts(code: str, row: Row, colmap: ColumnMap) -> list[Fact]:
    """A row taken under row code ``code`` → one fact per column code, in column order."""
    assert row.values is not None  # resolve_row takes no row without values
    return [
        make_fact(
            "requests",
            code,
            column,
            cell,
            read_number(cell.text),
            row.printed,
            colmap.get(cell.col, (None, ""))[1],
            COUNT_UNIT,
            note,
        )
        for column, (cell, note) in row.values.items()
    ]


def requests_version(seen: set[str]) -> str | None:
    """The row codes taken → "2021" when a row only that template has is among them."""
    if any(code in seen for code in S.OTHER_SUBROWS):
        return "2021"
    return None


def resolve_label(labels: list[Cell], group: str | None) -> tuple[str | None, S.Item | None, str]:
    """Label cells of a row (left to right) and the group in force → (new group, row item,
    printed label)."""
    parsed = [parse_label(c.text) for c in labels]
    printed = " / ".join(c.text for c in labels)
    if not parsed:
        return group, None, printed
    for lab in parsed[:-1]:
        g = match(lab, S.REQUEST_GROUPS)
        if g is not None:
            group = g.code
    leaf = parsed[-1]
    item = match_row(leaf, group)
    if item is None:
        g = match(leaf, S.REQUEST_GROUPS)
        if g is not None:
            return g.code, None, printed
        return group, None, printed
    return (item.group if item.group in SUBGROUPS else None), item, printed


def match_row(leaf: Label, group: str | None) -> S.Item | None:
    """Match a row label with the group in force: sub-rows of another group need a near-exact
    match; a numbered sub-row label needs a group."""
    if leaf.kind == "item" or (leaf.kind is None and group in SUBGROUPS):
        pool = [i for i in S.REQUEST_ROWS if i.group == group] if group in SUBGROUPS else []
        hit = match(leaf, pool) if pool else None
        if hit is not None:
            return hit
        hit = match(leaf, [i for i in S.REQUEST_ROWS if i.group in SUBGROUPS])
        return hit if hit is not None and score(leaf.key, hit) >= NEAR_EXACT else None
    pool = [i for i in S.REQUEST_ROWS if i.group not in SUBGROUPS]
    return match(leaf, pool)


def row_values(
    frag: Table, r: int, cells: list[Cell], by_code: dict[str, list[int]], first_data_col: int
) -> Values | None:
    """Code → (cell, note) for row ``r`` (whose distinct cells are ``cells``). Values are read
    under their header columns; a row whose cells are shifted (published text that lost or gained
    a cell) is read by order instead, and says so; None when neither works."""
    picked = values_by_column(frag, r, by_code)
    label_digits = any(has_number(c.text) for c in cells if c.col < first_data_col)
    if picked is not None and not label_digits:
        return picked
    if any(c.prov.bbox is not None for c in cells):
        return None  # a PDF row's places are proven by geometry, never by order
    return values_by_order(cells, by_code)


def values_by_column(frag: Table, r: int, by_code: dict[str, list[int]]) -> Values | None:
    """Code → (cell, "") read under each code's header columns in row ``r``; None when a code's
    cell is missing, ambiguous or holds no number."""
    picked: Values = {}
    width = len(frag.grid[r])
    code_of = codes_by_column(by_code)
    for code, cols in by_code.items():
        cell: Cell | None
        if len(cols) == 1 and cols[0] < width:  # the usual: one column per code
            cell, conflict = frag.origin_cell(r, cols[0]), False
        else:
            cell, conflict = pick_cell([frag.origin_cell(r, c) for c in cols if c < width])
        if cell is None or conflict or not is_numberish(cell.text):
            return None
        if cell.colspan > 1 and straddles(cell, code_of):
            return None  # one value over two codes' columns belongs to neither
        picked[code] = (cell, "")
    return picked


def values_by_order(cells: list[Cell], by_code: dict[str, list[int]]) -> Values | None:
    """Code → (cell, note) from the cells after a row's last label, in column order, when there
    are exactly as many (trailing blanks aside) and one holds a number; else None."""
    last_label = max((i for i, c in enumerate(cells) if not is_numberish(c.text)), default=-1)
    tail = cells[last_label + 1 :]
    k = len(by_code)
    while len(tail) > k and not tail[-1].text.strip():
        tail = tail[:-1]
    if len(tail) != k or not any(has_number(c.text) for c in tail):
        return None
    codes = [code for code, _ in sorted(by_code.items(), key=lambda kv: kv[1][0])]
    return {code: (cell, BY_ORDER) for code, cell in zip(codes, tail, strict=True)}
