"""Tables split across pages → one table, for every producer.

Fragments of one table on consecutive pages are joined by their column structure: the outer
edges must line up and the column boundaries of one fragment must all be boundaries of the other
(a fragment whose rows merge some columns has fewer). Both fragments are then laid on the union
of their boundaries, so that every cell keeps the column its position proves, whether or not
the header repeats on the next page. A fragment that stands further across its page (mirrored
margins: a document set for double-sided printing moves its even pages' text block) joins when
one shift lines up both outer edges and its boundaries then match; its x is read through that
shift (its cells' provenance keeps their place on their page).

A repeated header (the next fragment's first rows equal the table's first rows) is dropped. A row
broken by the page is rejoined only on evidence from the cells: the first row of the next
fragment holds no value at all (no number and no zero mark), each of its filled cells continues
a filled cell of the row before in the same column whose last line of text is full (it wrapped
there: ``Provenance.line_full``; a short label such as 行政强制 after 行政处罚 is a row of its
own), none opens a new item (一、 （一） 1.), and the row before holds the values, or, for a
header row broken by the page (结果 | 维持 in narrow columns: neither row holds a value), every
cell it continues is known to end on a full line. Anything else starts a new row.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from ..model import Provenance, Table, grid_from_spans
from ..numbers import is_value
from ..textutil import join_wrapped
from .pdf_chars import looks_like_new_item
from .pdf_rules import cluster
from .pdf_settings import DEFAULT, PdfSettings

_HEADER_ROWS_MAX = 4  # a repeated header is at most this many rows


@dataclass(slots=True)
class Span:
    """A real cell laid on a joined table's columns."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    prov: Provenance


Shifts = dict[int, float]  # page → what takes its x onto the frame of the table's first page


def column_edges(
    table: Table, tol: float = DEFAULT.snap_tol, shifts: Shifts | None = None
) -> list[float]:
    """The x boundaries of a table's cells, left to right, each page's moved by its shift
    (``shifts``); boundaries within ``tol`` of each other (one rule, read on two pages) are
    one."""
    edges: set[float] = set()
    shifts = shifts or {}
    for row in table.grid:
        for cell in row:
            if cell.origin is None and cell.prov.bbox is not None:
                shift = shifts.get(cell.prov.page or 0, 0.0)
                edges.add(cell.prov.bbox[0] + shift)
                edges.add(cell.prov.bbox[2] + shift)
    return sorted(set(cluster(list(edges), tol).values()))


def _matches(edge: float, others: list[float], tol: float) -> bool:
    return any(abs(edge - o) <= tol for o in others)


def union_edges(a: list[float], b: list[float], tol: float) -> list[float] | None:
    """Boundaries of two fragments of one table, or None when they are not one table.

    A fragment may lack boundaries the other has: its rows merge those columns, or a column
    sliced by the page drew no rules on it (a browser leaves a row-spanning cell's borders off
    the next page). So the two are one table when at least three boundaries and one outer edge
    are shared and either one's boundaries are all the other's, or each has at most a quarter
    of its boundaries (and at least one) that the other lacks; the union of both is then the
    table's."""
    if len(a) < 3 or len(b) < 3:
        return None
    only_a = [x for x in a if not _matches(x, b, tol)]
    only_b = [x for x in b if not _matches(x, a, tol)]
    shared = len(a) - len(only_a)
    outer = abs(a[0] - b[0]) <= tol or abs(a[-1] - b[-1]) <= tol
    if shared < 3 or not outer:
        return None
    nested = not only_a or not only_b  # one lays on the other's columns
    if not nested and (len(only_a) > max(1, len(a) // 4) or len(only_b) > max(1, len(b) // 4)):
        return None
    return sorted(a + only_b)


def shifted_union(a: list[float], b: list[float], tol: float) -> tuple[list[float], float] | None:
    """Boundaries of two fragments of one table printed at different places across the page
    (mirrored margins: a document set for double-sided printing moves its even pages' text
    block): when one shift lines up both outer edges (the table is as wide on both pages) and
    the boundaries then make one table (``union_edges``) → (those boundaries, the shift that
    takes ``b``'s x onto ``a``'s), else None."""
    if not a or not b:
        return None
    shift = a[0] - b[0]
    if abs(shift) <= tol or abs(a[-1] - (b[-1] + shift)) > tol:
        return None
    edges = union_edges(a, [x + shift for x in b], tol)
    return None if edges is None else (edges, shift)


def _col_index(x: float, edges: list[float]) -> int:
    """The index of the boundary nearest ``x`` (``edges`` sorted; the first of two as near)."""
    i = bisect_left(edges, x)
    if i == 0:
        return 0
    if i == len(edges) or x - edges[i - 1] <= edges[i] - x:
        return i - 1
    return i


def table_spans(
    table: Table, edges: list[float], first_row: int = 0, shifts: Shifts | None = None
) -> list[Span]:
    """The real cells of a table on the columns ``edges``, rows moved down by ``first_row``,
    each cell's x moved by its page's shift (``shifts``) to find its columns (its provenance
    keeps its place on its page)."""
    shifts = shifts or {}
    edges = sorted(edges)
    col_of: dict[float, int] = {}  # cells share their edges: each x looked up once
    spans = []
    for row in table.grid:
        for cell in row:
            box = cell.prov.bbox
            if cell.origin is not None or box is None:
                continue
            shift = shifts.get(cell.prov.page or 0, 0.0)
            x0, x1 = box[0] + shift, box[2] + shift
            c0 = col_of.get(x0)
            if c0 is None:
                c0 = col_of[x0] = _col_index(x0, edges)
            c1 = col_of.get(x1)
            if c1 is None:
                c1 = col_of[x1] = _col_index(x1, edges)
            spans.append(
                Span(cell.row + first_row, c0, cell.rowspan, max(1, c1 - c0), cell.text, cell.prov)
            )
    return spans


def _row_texts(spans: list[Span], row: int, n_cols: int) -> tuple[str, ...]:
    out = [""] * n_cols
    for s in spans:
        if s.row <= row < s.row + s.rowspan:
            for c in range(s.col, min(s.col + s.colspan, n_cols)):
                out[c] = re.sub(r"\s+", "", s.text)
    return tuple(out)


def repeated_header_rows(first: list[Span], cont: list[Span], n_first: int, n_cols: int) -> int:
    """How many of the next fragment's first rows repeat the table's first rows."""
    n_cont = 1 + max((s.row + s.rowspan - 1 for s in cont), default=-1)
    first = [s for s in first if s.row < _HEADER_ROWS_MAX]  # the rows compared, at most
    cont = [s for s in cont if s.row < _HEADER_ROWS_MAX]
    start = 0
    while start < min(_HEADER_ROWS_MAX, n_cont - 1, n_first):
        mine = _row_texts(cont, start, n_cols)
        if not any(mine) or mine != _row_texts(first, start, n_cols):
            break
        start += 1
    return start


def broken_row(before: list[Span], after: list[Span]) -> bool:
    """Is ``after`` (the first row of the next fragment) the rest of ``before`` (the last row
    of the table)? Only when its cells say so: see the module's description."""
    filled = [s for s in after if s.text.strip()]
    if not filled or any(is_value(s.text) or looks_like_new_item(s.text) for s in filled):
        return False
    # a header row (no value in it) is broken only where each cell's last line is known full
    header = not any(is_value(s.text) for s in before)
    for s in filled:  # each continues a label cell of the same columns, whose text is open
        above = [b for b in before if b.col < s.col + s.colspan and s.col < b.col + b.colspan]
        if len(above) != 1 or (above[0].col, above[0].colspan) != (s.col, s.colspan):
            return False
        if not above[0].text.strip() or is_value(above[0].text):
            return False
        full = above[0].prov.line_full
        if full is False or (header and full is not True):  # the text ended there
            return False
    return True


def continued_merges(before: list[Span], after: list[Span]) -> list[tuple[Span, Span]]:
    """Header cells that span two header rows, broken by the page (自然 | 人): where neither
    row holds a value, the next row has cells under a wider cell of the row before (it is a
    header row of its own) and cells of exactly the extent of the cell above, some with text.
    Those continue the cell above: (cell above, its rest) pairs; none when that is not so."""
    if any(is_value(s.text) for s in before + after):
        return []
    pairs, narrower = [], False
    for s in after:
        above = [b for b in before if b.col < s.col + s.colspan and s.col < b.col + b.colspan]
        if len(above) != 1:
            return []
        b = above[0]
        if (b.col, b.colspan) == (s.col, s.colspan):
            pairs.append((b, s))
        elif b.col <= s.col and s.col + s.colspan <= b.col + b.colspan:
            narrower = True
        else:
            return []
    if not narrower or not any(s.text.strip() for _, s in pairs):
        return []
    return pairs


def _row_spans(spans: list[Span], row: int) -> list[Span]:
    """The cells covering a row."""
    return [s for s in spans if s.row <= row < s.row + s.rowspan]


def _rejoin(spans: list[Span], last: int, after: list[Span], page: int | None) -> None:
    """Append the texts of the broken row's rest (``after``) to the cells of row ``last``; a
    cell of the rest that spans further rows extends the cell it joins."""
    before = _row_spans(spans, last)
    for s in after:
        target = next((b for b in before if b.col <= s.col < b.col + b.colspan), None)
        if target is None:
            continue
        if s.text.strip():
            target.text = join_wrapped([target.text, s.text])
            target.prov = replace(target.prov, note=f"continued on p{page}")
        if s.rowspan > 1 and target.row + target.rowspan - 1 == last:
            target.rowspan += s.rowspan - 1


def stack(first: Table, cont: Table, edges: list[float], shifts: Shifts | None = None) -> Table:
    """Two fragments on the columns ``edges`` (each page's x moved by its shift, ``shifts``)
    → one table: the repeated header dropped, a row broken by the page rejoined."""
    n_cols = len(edges) - 1
    spans = table_spans(first, edges, shifts=shifts)
    n_first = first.n_rows
    rest = table_spans(cont, edges, shifts=shifts)
    start = repeated_header_rows(spans, rest, n_first, n_cols)
    page = cont.pages[0] if cont.pages else None
    notes = [f"dropped {start} repeated header row(s) on p{page}"] if start else []
    if shift := (shifts or {}).get(page or 0, 0.0):
        side = "left" if shift > 0 else "right"
        notes.append(f"p{page} prints the table {abs(shift):.1f} pt further {side}")
    rest = [s for s in rest if s.row >= start]
    for s in rest:
        s.row -= start
    first_row = [s for s in rest if s.row == 0]
    removed = 0
    if first_row and broken_row(_row_spans(spans, n_first - 1), first_row):
        _rejoin(spans, n_first - 1, first_row, page)
        rest = [s for s in rest if s.row != 0]
        removed = 1
        notes.append(f"rejoined a row broken by the page on p{page}")
    elif first_row and (merged := continued_merges(_row_spans(spans, n_first - 1), first_row)):
        for above, below in merged:  # a row-spanning header cell broken by the page
            above.text = join_wrapped([above.text, below.text])
            above.rowspan += below.rowspan
            rest.remove(below)
        notes.append(f"rejoined {len(merged)} header cell(s) broken by the page on p{page}")
    for s in rest:
        s.row += n_first - removed
    spans += rest
    n_rows = max(n_first, 1 + max((s.row + s.rowspan - 1 for s in rest), default=-1))
    note = "; ".join(n for n in [first.prov.note, *notes] if n)
    return spans_to_table(
        spans, n_rows, edges, Provenance(first.prov.page, first.prov.bbox, note=note)
    )


def spans_to_table(spans: list[Span], n_rows: int, edges: list[float], prov: Provenance) -> Table:
    """Cells on joined columns → a Table; a position no cell covers keeps its row's page."""
    page_of = {s.row: s.prov.page for s in spans}
    grid = grid_from_spans(
        [(s.row, s.col, s.rowspan, s.colspan, s.text, s.prov) for s in spans],
        n_rows,
        len(edges) - 1,
        lambda r, c: Provenance(page=page_of.get(r), row=r, col=c),
    )
    return Table(grid, prov)


def join_fragments(
    tables: list[tuple[Table, bool]], settings: PdfSettings = DEFAULT
) -> list[Table]:
    """Tables in reading order, each with whether it opens its page right after the previous
    table closed the previous one → tables with the fragments of each joined."""
    out: list[Table] = []
    shifts: Shifts = {}  # out[-1]'s pages → what takes their x onto its first page's
    for table, continues in tables:
        if out and continues:
            tol = settings.join_tol
            a, b = column_edges(out[-1], tol, shifts), column_edges(table, tol)
            edges, shift = union_edges(a, b, tol), 0.0
            if edges is None and (moved := shifted_union(a, b, tol)) is not None:
                edges, shift = moved
            if edges is not None:
                shifts.update((p, shift) for p in table.pages)
                out[-1] = stack(out[-1], table, edges, shifts)
                continue
        out.append(table)
        shifts = {}
    return out


def renumber(table: Table) -> Table:
    """Cells' provenance row/column set from their grid place (after joining)."""
    for row in table.grid:
        for cell in row:
            if cell.origin is None:
                cell.prov.table, cell.prov.row, cell.prov.col = table.index, cell.row, cell.col
    return table
