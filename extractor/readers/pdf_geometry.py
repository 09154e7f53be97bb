"""Ruling lines → cells → table grids. Pure functions over plain tuples, shared by both PDF
engines. Coordinates are PDF points with the origin top-left.

The pipeline follows pdfplumber's table finder (snap, join, intersect, cells, tables) and adds
the merge-aware grid the document model needs. What counts as a rule is ``pdf_rules``; how a
cell's characters become its text is ``pdf_chars``.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Provenance, Table, grid_from_spans
from .pdf_rules import CellBox, Seg, close_open_ends, cluster, join_segments, snap_segments
from .pdf_settings import DEFAULT, PdfSettings

SNAP = DEFAULT.snap_tol
INTERSECT = DEFAULT.intersect_tol


# anything boxed as a Char is: (text or None, x0, top, x1, bottom, ...)
Boxed = tuple[Any, ...]
Ids = int | frozenset[int]  # the rule through an intersection; a set where two collinear rules meet


def _joined(a: Ids | None, b: Ids | None) -> bool:
    """Do two intersections share a rule? (None: no intersection there, so no.)"""
    if type(a) is int and type(b) is int:
        return a == b
    if a is None or b is None:
        return False
    sa = a if isinstance(a, frozenset) else frozenset((a,))
    return not sa.isdisjoint(b if isinstance(b, frozenset) else (b,))


def _add_id(ids: Ids | None, new: int) -> Ids:
    if ids is None or ids == new:
        return new
    return (ids if isinstance(ids, frozenset) else frozenset((ids,))) | {new}


def segments_to_cell_groups(segs: list[Seg], tol: float = INTERSECT) -> list[list[CellBox]]:
    """Rules → cells grouped into tables: cells whose rules cross one another belong together.
    Tables come top to bottom, their cells by top, then left.

    pdfplumber's method: an intersection is where a horizontal and a vertical rule cross (within
    ``tol``); a cell is the smallest rectangle whose four corners are intersections joined by
    rules. Intersections sit on the grid of distinct rule positions, each holding the id of the
    rule through it either way (a set of ids where two collinear rules reach one crossing rule).
    """
    hs: list[tuple[int, Seg]] = []
    vs: list[tuple[int, Seg]] = []
    for i, s in enumerate(segs):
        (hs if s.horizontal else vs).append((i, s))
    vs.sort(key=lambda t: t[1].x0)
    vxs = [s.x0 for _, s in vs]
    xs = sorted(set(vxs))
    ys = sorted({s.top for _, s in hs})
    col_of = {x: i for i, x in enumerate(xs)}
    row_of = {y: j for j, y in enumerate(ys)}
    h_at: list[list[Ids | None]] = [[None] * len(xs) for _ in ys]  # [row][col]
    v_at: list[list[Ids | None]] = [[None] * len(xs) for _ in ys]
    parent: dict[int, int] = {}  # rule id → a rule it crosses; roots are absent

    def find(i: int) -> int:
        while i in parent:
            i = parent[i]
        return i

    # each vertical as (id, the y range it crosses within tol, its column): read once
    v_reach = [(vid, v.top - tol, v.bottom + tol, col_of[v.x0]) for vid, v in vs]
    for hid, h in hs:
        lo = bisect.bisect_left(vxs, h.x0 - tol)
        hi = bisect.bisect_right(vxs, h.x1 + tol)
        y = h.top
        h_row, v_row = h_at[row_of[y]], v_at[row_of[y]]
        a = find(hid)  # the root of h's group, kept as h joins others
        for vid, v_top, v_bottom, i in v_reach[lo:hi]:
            if v_top <= y <= v_bottom:
                ids = h_row[i]  # mostly None: the first rule through this crossing
                h_row[i] = hid if ids is None else _add_id(ids, hid)
                ids = v_row[i]
                v_row[i] = vid if ids is None else _add_id(ids, vid)
                b = vid  # find(vid), inline: a call a crossing
                while b in parent:
                    b = parent[b]
                if a != b:
                    a, b = min(a, b), max(a, b)
                    parent[b] = a
    root = {hid: find(hid) for hid, _ in hs}  # each horizontal's table, now all are joined
    cols = [[j for j in range(len(ys)) if h_at[j][i] is not None] for i in range(len(xs))]
    rows = [[i for i, ids in enumerate(h_row) if ids is not None] for h_row in h_at]
    groups: dict[int, list[CellBox]] = defaultdict(list)
    for j, row in enumerate(rows):
        h_row, v_row = h_at[j], v_at[j]
        for k, i in enumerate(row[:-1]):  # the last intersection of a row starts no cell
            col = cols[i]
            b = bisect.bisect_right(col, j)
            if b == len(col):
                continue
            # the usual cell, closed by the next crossings down and right: _smallest_cell's
            # first candidate, its tests by equality only (which it also accepts)
            jb, ir = col[b], row[k + 1]
            h_below = h_at[jb]
            corner_h = h_below[ir]
            if (
                corner_h is not None
                and v_at[jb][i] == v_row[i]
                and h_row[ir] == h_row[i]
                and corner_h == h_below[i]
                and v_at[jb][ir] == v_row[ir]
            ):
                corner: tuple[int, int] | None = (jb, ir)
            else:
                corner = _smallest_cell(h_at, v_at, col[b:], row[k + 1 :], j, i)
            if corner is not None:
                jb, ir = corner
                ids = h_row[i]
                rule = ids if isinstance(ids, int) else min(ids or (0,))  # never None here
                groups[root[rule]].append((xs[i], ys[j], xs[ir], ys[jb]))
    # each group's cells came row by row from the top, left to right: ordered by top, then left
    tables = list(groups.values())
    tables.sort(key=lambda g: (g[0][1], min(c[0] for c in g)))
    return tables


def _smallest_cell(
    h_at: list[list[Ids | None]],
    v_at: list[list[Ids | None]],
    below: list[int],
    right: list[int],
    j: int,
    i: int,
) -> tuple[int, int] | None:
    """(row, col) of the bottom-right corner of the cell whose top-left intersection is (j, i),
    given the rows of the intersections below it and the columns of those to its right."""
    # ids are mostly single ints: compare those inline, sets only through _joined
    h, v = h_at[j][i], v_at[j][i]
    for jb in below:
        down = v_at[jb][i]
        if down != v and (type(down) is int and type(v) is int or not _joined(down, v)):
            return None  # the vertical rule stops before jb; later ones are not joined either
        bottom_h = h_at[jb][i]
        for ir in right:
            across = h_at[j][ir]
            if across != h and (type(across) is int and type(h) is int or not _joined(across, h)):
                break
            corner_h = h_at[jb][ir]
            if corner_h is None:
                continue
            corner_v, top_v = v_at[jb][ir], v_at[j][ir]
            if (corner_h == bottom_h or _joined(corner_h, bottom_h)) and (
                corner_v == top_v or _joined(corner_v, top_v)
            ):
                return jb, ir
    return None


@dataclass(slots=True)
class GridLayout:
    """Column and row boundaries of a table and its cells as grid spans."""

    xs: list[float]
    ys: list[float]
    spans: list[tuple[int, int, int, int, CellBox]]  # row, col, rowspan, colspan, box
    _owners: dict[tuple[int, int], tuple[int, int]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def bbox(self) -> CellBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def locate(self, x: float, y: float) -> tuple[int, int] | None:
        """Grid (row, col) containing a point, or None outside the table; a point on the last
        boundary belongs to the last row or column (as ``place`` puts a centre)."""
        xs, ys = self.xs, self.ys
        if not (xs[0] <= x <= xs[-1] and ys[0] <= y <= ys[-1]):
            return None
        row, col = bisect.bisect_right(ys, y) - 1, bisect.bisect_right(xs, x) - 1
        return min(row, len(ys) - 2), min(col, len(xs) - 2)

    def place(self, items: Iterable[Boxed], cells: dict[tuple[int, int], list]) -> list:
        """Put each item (a tuple whose fields 1-4 are its box x0, top, x1, bottom: a Char) into
        ``cells`` under the grid (row, col) holding its centre; return the items outside the
        table. A centre on the last boundary belongs to the last row or column. One loop, no
        call per item: every character of a table goes through it."""
        xs, ys = self.xs, self.ys
        x_lo, x_hi, y_lo, y_hi = xs[0], xs[-1], ys[0], ys[-1]
        last_col, last_row = len(xs) - 2, len(ys) - 2
        bisect_right = bisect.bisect_right
        outside = []
        for item in items:
            x, y = (item[1] + item[3]) / 2, (item[2] + item[4]) / 2
            if not (x_lo <= x <= x_hi and y_lo <= y <= y_hi):
                outside.append(item)
                continue
            row, col = bisect_right(ys, y) - 1, bisect_right(xs, x) - 1
            pos = (row if row < last_row else last_row, col if col < last_col else last_col)
            held = cells.get(pos)
            if held is None:
                cells[pos] = [item]
            else:
                held.append(item)
        return outside

    def owners(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Every grid position a cell covers → that cell's (row, col); a merged cell's covered
        positions map to its top-left one. Worked out once (a layout does not change)."""
        if self._owners is not None:
            return self._owners
        owner: dict[tuple[int, int], tuple[int, int]] = {}
        for r, c, rs, cs, _ in self.spans:
            if rs == 1 and cs == 1:
                owner.setdefault((r, c), (r, c))
                continue
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    owner.setdefault((rr, cc), (r, c))
        self._owners = owner
        return owner


def cells_to_layout(cells: list[CellBox], tol: float = SNAP) -> GridLayout:
    """Cell boxes → boundaries and (row, col, rowspan, colspan) per cell."""
    xmap = cluster([c[0] for c in cells] + [c[2] for c in cells], tol)
    ymap = cluster([c[1] for c in cells] + [c[3] for c in cells], tol)
    xs = sorted(set(xmap.values()))
    ys = sorted(set(ymap.values()))
    xi = {x: i for i, x in enumerate(xs)}
    yi = {y: i for i, y in enumerate(ys)}
    col = {v: xi[x] for v, x in xmap.items()}  # a cell edge → its boundary's index
    row = {v: yi[y] for v, y in ymap.items()}
    spans = []
    for box in cells:
        x0, y0, x1, y1 = box
        c0, c1, r0, r1 = col[x0], col[x1], row[y0], row[y1]
        if c1 > c0 and r1 > r0:
            spans.append((r0, c0, r1 - r0, c1 - c0, box))
    return GridLayout(xs, ys, spans)


def round_box(box: tuple[float, ...]) -> tuple[float, float, float, float]:
    """A box to 0.1 pt, as provenance keeps it."""
    x0, top, x1, bottom = box
    return (round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))


def grid_table(
    lay: GridLayout,
    page: int,
    spans: list[tuple[int, int, int, int, str, Provenance]],
    note: str = "",
) -> Table:
    """A table layout and its cells' (row, col, rowspan, colspan, text, provenance) → Table;
    positions no cell box covers still get the page and their box."""
    xs, ys = lay.xs, lay.ys

    def empty(r: int, c: int) -> Provenance:
        box = (xs[c], ys[r], xs[c + 1], ys[r + 1])
        return Provenance(page=page, bbox=round_box(box), row=r, col=c)

    grid = grid_from_spans(spans, len(ys) - 1, len(xs) - 1, empty)
    return Table(grid, Provenance(page=page, bbox=round_box(lay.bbox), note=note))


def rules_to_layouts(
    rules: list[Seg], s: PdfSettings = DEFAULT, text: list[CellBox] | None = None
) -> list[GridLayout]:
    """Ruling lines of a page → table layouts (open ends closed, past the ``text`` line boxes
    that run on beyond them); one-column frames (boxed prose) are not tables."""
    segs = close_open_ends(join_segments(snap_segments(rules, s.snap_tol), s.join_tol), s, text)
    groups = segments_to_cell_groups(segs, s.intersect_tol)
    layouts = [cells_to_layout(group, s.snap_tol) for group in groups]
    return [lay for lay in layouts if len(lay.xs) > 2 and len(lay.ys) > 1]
