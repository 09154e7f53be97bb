"""Table 1 (主动公开政府信息情况; one table or one per block) → facts under
``proactive.<row>.<column>``.

Stages, per row: a header row (labels naming columns, no numbers) sets the column map and says
which template it is; a data row's label → row code, then per column code the cell holding the
value → one fact (unit from the header, else the template's). The columns seen decide the
table's template, whose official wording the facts' column labels take.
"""

from __future__ import annotations

from ..canonical import Fact, Problem, TableMapping
from ..model import Cell, Table
from ..numbers import has_number, read_number
from . import schema as S
from .grid import (
    COUNT_UNIT,
    ColumnMap,
    codes_by_column,
    columns_by_code,
    make_fact,
    pick_cell,
    row_cells,
    sliced_strip,
    straddles,
    straddling,
    take,
    unmapped_row,
)
from .labels import match, squash

COLUMNS = S.PROACTIVE_COLUMNS_2021 + S.PROACTIVE_COLUMNS_2019
SHARED_CODES = {i.code for i in S.PROACTIVE_COLUMNS_2021} & {
    i.code for i in S.PROACTIVE_COLUMNS_2019
}
# every (row, column) either template has: a header matched to a column no template gives the
# row (a garbled 上一年项目数量 read as 采购项目数量) names the wrong column for its values
TEMPLATE_CELLS = {
    (row, column)
    for cells in S.PROACTIVE_CELLS.values()
    for row, columns in cells.items()
    for column in columns
}
MONEY_UNIT = "万元"
AMBIGUOUS = "several cells under one header; the first filled one is taken"


def map_proactive(frags: list[Table]) -> TableMapping:
    """Table 1 (one table or one per block) → facts under ``proactive.<row>.<column>``."""
    out = TableMapping()
    versions: set[str] = set()
    seen: set[tuple[str, str]] = set()
    for frag in frags:
        colmap: ColumnMap = {}
        for r in range(frag.n_rows):
            cells = row_cells(frag, r)
            if sliced_strip(cells, r):
                continue
            header = header_columns(frag, r, cells)
            if header is not None:
                colmap = header
                versions |= {column_version(item) for item, _ in colmap.values()}
                continue
            map_row(frag, r, cells, colmap, seen, out)
    out.version = table_version(versions)
    for fact in out.facts:  # the official wording of the report's own template
        fact.column_label = S.label_of("proactive", "column", fact.column, out.version or "2021")
    return out


def header_columns(frag: Table, r: int, cells: list[Cell]) -> ColumnMap | None:
    """Row ``r`` (distinct cells ``cells``) → its column map when it is a header row (a cell
    right of the label names a column, none holds a number); None for a data row."""
    header = {c.col: (match(c.text, COLUMNS), c.text) for c in cells[1:]}
    if not any(item is not None for item, _ in header.values()) or any(
        has_number(c.text) for c in cells[1:]
    ):
        return None
    colmap: ColumnMap = {}
    for c in range(1, frag.n_cols):
        cell = frag.origin_cell(r, c)
        item, text = header.get(cell.col, (None, ""))
        if item is not None:
            colmap[c] = (item, text)
    return colmap


def column_version(item: S.Item) -> str:
    """The template a table-1 column belongs to; "" for a code both templates have (it does
    not tell them apart)."""
    if item.code in SHARED_CODES:
        return ""
    return "2021" if item in S.PROACTIVE_COLUMNS_2021 else "2019"


def table_version(versions: set[str]) -> str | None:
    """The templates the header columns belong to → the table's: one, "mixed", or None."""
    found = versions - {""}
    if len(found) == 1:
        return next(iter(found))
    return "mixed" if found else None


def map_row(
    frag: Table,
    r: int,
    cells: list[Cell],
    colmap: ColumnMap,
    seen: set[tuple[str, str]],
    out: TableMapping,
) -> None:
    """Data row ``r`` under the column map in force → its facts and problems in ``out``.
    ``seen`` holds the (row, column) codes taken; a second one is reported, not taken."""
    label = cells[0]
    row_item = match(label.text, S.PROACTIVE_ROWS)
    if row_item is None:
        if any(has_number(c.text) for c in cells[1:] if c.text.strip()):
            out.problems.append(unmapped_row("proactive", label.text, label))
        return
    by_code = columns_by_code(colmap)
    if not by_code:
        detail = f"row {row_item.code} has no column header"
        out.problems.append(Problem("table.no_header", "proactive", detail, label.prov, "fail"))
        return
    code_of = codes_by_column(by_code)
    straddling_cells: set[tuple[int, int]] = set()  # each reported once, not once per code
    for code, col, cell, conflict in row_values(frag, r, by_code):
        if cell.colspan > 1 and straddles(cell, code_of):
            if (cell.row, cell.col) not in straddling_cells:
                straddling_cells.add((cell.row, cell.col))
                out.problems.append(straddling("proactive", cell))
            continue
        if (row_item.code, code) not in TEMPLATE_CELLS:
            if has_number(cell.text):
                out.problems.append(outside_template(row_item.code, code, cell, colmap[col][1]))
            continue
        if (row_item.code, code) in seen:
            detail = f"{row_item.code}.{code} printed twice"
            out.problems.append(Problem("cell.duplicate", "proactive", detail, cell.prov))
            continue
        seen.add((row_item.code, code))
        fact = cell_fact(row_item.code, code, cell, label.text, colmap[col][1], conflict)
        take(out, fact)
        if conflict:
            detail = f"{fact.key}: {AMBIGUOUS}"
            out.problems.append(Problem("cell.ambiguous", "proactive", detail, cell.prov, "fail"))


def outside_template(row: str, code: str, cell: Cell, header: str) -> Problem:
    """A value under a column that no template gives its row: not taken, reported."""
    detail = (
        f"{row}: value {cell.text!r} under {header!r} ({code}), a column no template gives "
        "this row; not taken"
    )
    return Problem("cell.outside_template", "proactive", detail, cell.prov, "fail")


def row_values(
    frag: Table, r: int, by_code: dict[str, list[int]]
) -> list[tuple[str, int, Cell, bool]]:
    """Row ``r`` → per column code (code, its first header column, the cell holding the value,
    whether several cells under the header disagree); a code with no cell right of the label
    is left out."""
    out = []
    for code, cols in by_code.items():
        cand = [cell for cell in (frag.origin_cell(r, c) for c in cols) if cell.col > 0]
        cell, conflict = pick_cell(cand)
        if cell is not None:
            out.append((code, cols[0], cell, conflict))
    return out


def cell_fact(
    row: str, column: str, cell: Cell, printed_row: str, printed_column: str, conflict: bool
) -> Fact:
    """A table-1 cell → its fact, the unit from its header or else the template's."""
    money = (row, column) in S.MONEY_COLUMNS
    unit = header_unit(printed_column) or (MONEY_UNIT if money else COUNT_UNIT)
    note = AMBIGUOUS if conflict else ""
    reading = read_number(cell.text)
    return make_fact(
        "proactive", row, column, cell, reading, printed_row, printed_column, unit, note
    )


def header_unit(text: str) -> str:
    """A column header's printed unit: 万元, 元, or "" when it names none."""
    s = squash(text)
    if MONEY_UNIT in s:
        return MONEY_UNIT
    if "元" in s:
        return "元"
    return ""
