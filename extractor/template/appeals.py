"""Table 3 (行政复议、行政诉讼情况) fragments → facts under ``appeals.<block>.<result>``.

Stages, per fragment: data rows (those holding numbers) → header rows above them → each column's
block (复议 / 直接起诉 / 复议后起诉) and result (维持 / 纠正 / ...) → one fact per data cell under
both; a number under a column naming no block and result is reported, not taken.
"""

from __future__ import annotations

from ..canonical import Problem, TableMapping
from ..model import Cell, Table
from ..numbers import has_number, read_number
from . import schema as S
from .grid import (
    COUNT_UNIT,
    ColumnMap,
    column_map,
    make_fact,
    row_cells,
    straddles,
    straddling,
    take,
)
from .labels import match


def map_appeals(frags: list[Table]) -> TableMapping:
    """Table 3 → facts under ``appeals.<block>.<result>``."""
    out = TableMapping()
    seen: set[tuple[str, str]] = set()
    for frag in frags:
        rows = data_rows(frag)
        if not rows:
            continue
        header = range(rows[0])
        blocks = appeal_blocks(frag, header)
        results = column_map(frag, header, S.APPEAL_COLUMNS)
        keys = {c: (blocks[c][0], results[c][0]) for c in blocks if c in results}
        for r in rows:
            for cell in own_cells(frag, r):
                if cell.colspan > 1 and straddles(cell, keys):
                    out.problems.append(straddling("appeals", cell))
                    continue
                map_cell(cell, blocks.get(cell.col), results.get(cell.col), seen, out)
    return out


def data_rows(frag: Table) -> list[int]:
    """The rows of a fragment that hold a number; the rows above the first are its header."""
    return [r for r in range(frag.n_rows) if any(has_number(c.text) for c in row_cells(frag, r))]


def own_cells(frag: Table, r: int) -> list[Cell]:
    """The cells of row ``r`` left to right, each once at the column it starts in (a cell
    reaching down from a row above included)."""
    cells = (frag.origin_cell(r, c) for c in range(frag.n_cols))
    return [cell for c, cell in enumerate(cells) if cell.col == c]


def appeal_blocks(frag: Table, header: range) -> ColumnMap:
    """Column → block (复议 / 直接起诉 / 复议后起诉). A block label spans to the right until the
    next non-empty header cell of its row; the deepest row that names a block wins."""
    out: ColumnMap = {}
    for r in header:
        current: tuple[S.Item, str] | None = None
        prev_origin = None
        for c in range(frag.n_cols):
            cell = frag.origin_cell(r, c)
            origin = (cell.row, cell.col)
            if cell.text.strip() and origin != prev_origin:
                item = match(cell.text, S.APPEAL_ROWS)
                current = (item, cell.text) if item is not None else None
            prev_origin = origin
            if current is not None:
                out[c] = current
    return out


def map_cell(
    cell: Cell,
    block: tuple[S.Item, str] | None,
    result: tuple[S.Item, str] | None,
    seen: set[tuple[str, str]],
    out: TableMapping,
) -> None:
    """One data cell under its column's block and result → a fact in ``out``, or a problem: a
    number under a column naming no block and result, or a (block, result) printed twice."""
    if block is None or result is None:
        if has_number(cell.text):
            detail = (
                f"column {cell.col}: header does not name a block and a result; "
                f"value {cell.text!r} not taken"
            )
            out.problems.append(Problem("label.unmapped", "appeals", detail, cell.prov, "fail"))
        return
    key = (block[0].code, result[0].code)
    if key in seen:
        out.problems.append(Problem("cell.duplicate", "appeals", f"{key} printed twice", cell.prov))
        return
    seen.add(key)
    reading = read_number(cell.text)
    take(out, make_fact("appeals", *key, cell, reading, block[1], result[1], COUNT_UNIT))
