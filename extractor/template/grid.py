"""Grid helpers the three table mappers share: a row's cells, header text → column map,
columns carried to a headerless fragment, the cell under a code, and one way to make a fact.

Each is a pure function of the grid it is given, except ``take``, which adds to a mapping.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from ..canonical import Fact, Problem, TableMapping
from ..model import Cell, Table
from ..numbers import Reading, has_number
from . import schema as S
from .labels import match

ColumnMap = dict[int, tuple[S.Item, str]]  # grid column → (item, printed header)

COUNT_UNIT = "件"
SAME_X = 3.0  # points: one column boundary drawn on two pages
HEADER_ROWS_MAX = 6  # a header is found within a table's first rows


def row_cells(table: Table, r: int) -> list[Cell]:
    """The distinct real cells of a row, left to right (a merged cell once)."""
    seen: set[tuple[int, int]] = set()
    out = []
    grid = table.grid
    for cell in grid[r]:
        if cell.origin is not None:
            orow, ocol = cell.origin
            cell = grid[orow][ocol]
        key = (cell.row, cell.col)
        if key not in seen:
            seen.add(key)
            out.append(cell)
    return out


def sliced_strip(cells: list[Cell], r: int) -> bool:
    """Does row ``r`` print nothing of its own (every cell starting in it empty, the rest
    reaching down from rows above)? Such a strip is what a page break cuts off a row whose
    text went to the next page; it is no row of the report, and its blanks are no zeros."""
    return not any(c.text.strip() for c in cells if c.row == r)


def header_end(frag: Table, items: tuple[S.Item, ...], min_hits: int = 2) -> int:
    """Index of the first row after the header (rows naming at least ``min_hits`` columns)."""
    last = -1
    for r in range(min(frag.n_rows, HEADER_ROWS_MAX)):
        cells = row_cells(frag, r)
        if any(has_number(cell.text) for cell in cells):
            continue  # a header row holds no numbers: （六）其他处理 / 3.其他 is a data row
        hits = sum(1 for cell in cells if match(cell.text, items) is not None)
        if hits >= min_hits:
            last = r
    return last + 1


def column_map(frag: Table, header_rows: range, items: tuple[S.Item, ...]) -> ColumnMap:
    """Column index → (item, printed header) from the deepest header text that names an item."""
    out: ColumnMap = {}
    for c in range(frag.n_cols):
        for r in reversed(header_rows):
            text = frag.text(r, c)
            if not text.strip():
                continue
            item = match(text, items)
            if item is not None:
                out[c] = (item, text)
            break
    return out


def columns_by_code(colmap: ColumnMap) -> dict[str, list[int]]:
    """Column map → code → its grid columns, left to right (a header may span several)."""
    out: dict[str, list[int]] = {}
    for c, (item, _) in sorted(colmap.items()):
        out.setdefault(item.code, []).append(c)
    return out


def codes_by_column(by_code: dict[str, list[int]]) -> dict[int, str]:
    """Code → its grid columns (``columns_by_code``) turned round: grid column → code."""
    return {c: code for code, cols in by_code.items() for c in cols}


def straddles(cell: Cell, code_of: Mapping[int, Hashable]) -> bool:
    """Does a value cell span the columns of two codes (``code_of``: grid column → code)? Its
    value then stands under neither alone, and is not taken: a value goes into a column only
    with proof."""
    return len({code_of[c] for c in range(cell.col, cell.col + cell.colspan) if c in code_of}) > 1


def straddling(table: str, cell: Cell) -> Problem:
    detail = f"value cell {cell.text!r} spans the columns of two codes; not taken"
    return Problem("cell.straddles", table, detail, cell.prov, "fail")


def column_spans(table: Table) -> dict[int, tuple[float, float]] | None:
    """Grid column → its x extent, from the table's single-column cells; None for a table
    without geometry (DOCX, HTML, text)."""
    spans: dict[int, tuple[float, float]] = {}
    for row in table.grid:
        for cell in row:
            box = cell.prov.bbox
            if cell.origin is None and cell.colspan == 1 and box is not None:
                spans.setdefault(cell.col, (box[0], box[2]))
    return spans or None


def carry_columns(colmap: ColumnMap, header: Table, frag: Table) -> ColumnMap:
    """The header's column map on a fragment that prints no header. With geometry, a column is
    carried to the fragment's column over the same x extent (proof that the values stand
    under that header); without it, only between grids of as many columns."""
    have, want = column_spans(header), column_spans(frag)
    if have is None or want is None:
        return colmap if frag.n_cols == header.n_cols else {}
    out: ColumnMap = {}
    for c, item in colmap.items():
        if c not in have:
            continue
        x0, x1 = have[c]
        hits = [k for k, (a, b) in want.items() if abs(a - x0) <= SAME_X and abs(b - x1) <= SAME_X]
        if len(hits) == 1:
            out[hits[0]] = item
    return out


def pick_cell(cells: list[Cell]) -> tuple[Cell | None, bool]:
    """Of the cells under one code, the one holding the value; True when several disagree."""
    filled = [c for c in cells if c.text.strip()]
    distinct = {(c.row, c.col) for c in filled}
    if not filled:
        return (cells[0] if cells else None), False
    return filled[0], len(distinct) > 1


def unmapped_row(table: str, printed: str, cell: Cell) -> Problem:
    """A row whose label maps to no code: its numbers are reported, not guessed."""
    detail = f"row label {printed!r} maps to no code; its numbers are not taken"
    return Problem("label.unmapped", table, detail, cell.prov, "fail")


def make_fact(
    table: str,
    row: str,
    column: str,
    cell: Cell,
    reading: Reading,
    printed_row: str,
    printed_column: str,
    default_unit: str,
    note: str = "",
) -> Fact:
    """A cell read under ``table.row.column`` → its Fact, with the official labels; the
    reading's note comes before the mapper's."""
    if reading.note and note:
        note = f"{reading.note}; {note}"
    elif reading.note:
        note = reading.note
    return Fact(  # positional: this runs for every value of every report
        table,
        row,
        column,
        reading.value,
        reading.unit or default_unit,
        cell.text,
        reading.blank,
        S.label_of(table, "row", row),
        S.label_of(table, "column", column),
        printed_row,
        printed_column,
        cell.prov,
        note,
    )


def take(out: TableMapping, fact: Fact) -> None:
    """Add a fact; a cell whose text is not a number is also reported."""
    out.facts.append(fact)
    if fact.value is None:
        out.problems.append(
            Problem(
                "number.unreadable",
                fact.table,
                f"{fact.key}: {fact.raw!r} is not a number",
                fact.prov,
                "fail",
            )
        )
