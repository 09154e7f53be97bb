"""Ruling lines → cells → table grids, and characters → cell text. Pure functions over plain
tuples, shared by both PDF engines. Coordinates are PDF points with the origin top-left.

The pipeline follows pdfplumber's table finder (snap, join, intersect, cells, tables) and adds
the merge-aware grid the document model needs.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

from ..model import Provenance, Table, grid_from_spans
from ..textutil import fix_lookalikes, join_wrapped
from .pdf_settings import DEFAULT, PdfSettings

SNAP = DEFAULT.snap_tol
JOIN = DEFAULT.join_tol
INTERSECT = DEFAULT.intersect_tol
MIN_EDGE = DEFAULT.min_edge
AXIS_TOL = 0.5  # slope allowed for a segment to count as horizontal or vertical
PAGE_SIZED = 0.9  # a fill covering this share of the page both ways is its background


class Seg(NamedTuple):
    """A horizontal (x0 < x1, top == bottom) or vertical (top < bottom, x0 == x1) rule."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.bottom - self.top <= self.x1 - self.x0


class Char(NamedTuple):
    """One glyph with its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    upright: bool = True  # False: the glyph is rotated (vertical text set as rotated runs)
    reverse: bool = False  # rotated so that it reads bottom to top


CellBox = tuple[float, float, float, float]
Point = tuple[float, float]  # x, top
_X0 = itemgetter(1)  # Char.x0, as a sort key
_TOP_LEFT = itemgetter(1, 0)  # a cell box by its top, then its left


def is_white(rgb: tuple[float, ...], s: PdfSettings = DEFAULT) -> bool:
    """An RGB colour (components 0-1) light enough to draw nothing on a white page."""
    return all(v * 255 > s.white_level for v in rgb)


def axis_segments(poly: list[Point]) -> list[Seg]:
    """The horizontal and vertical pieces of a polyline (top-left coordinates)."""
    out = []
    for (x0, y0), (x1, y1) in zip(poly, poly[1:], strict=False):
        if abs(y0 - y1) <= AXIS_TOL and abs(x1 - x0) > AXIS_TOL:
            top = (y0 + y1) / 2
            out.append(Seg(min(x0, x1), top, max(x0, x1), top))
        elif abs(x0 - x1) <= AXIS_TOL and abs(y1 - y0) > AXIS_TOL:
            x = (x0 + x1) / 2
            out.append(Seg(x, min(y0, y1), x, max(y0, y1)))
    return out


def rect_box(poly: list[Point]) -> CellBox | None:
    """The box of a polyline that is an axis-aligned rectangle, else None."""
    if len(poly) < 4:
        return None
    xs = [p[0] for p in poly]
    ys = [p[1] for p in poly]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    on_corners = all(
        min(abs(x - x0), abs(x - x1)) <= AXIS_TOL and min(abs(y - top), abs(y - bottom)) <= AXIS_TOL
        for x, y in poly
    )
    return (x0, top, x1, bottom) if on_corners else None


def thin_fill_rule(box: CellBox, s: PdfSettings = DEFAULT) -> Seg | None:
    """A filled box this thin is a rule drawn as a box: its centre line."""
    x0, top, x1, bottom = box
    w, h = x1 - x0, bottom - top
    if min(w, h) > s.thin_fill or max(w, h) < 3 * s.thin_fill:
        return None
    if w >= h:
        return Seg(x0, (top + bottom) / 2, x1, (top + bottom) / 2)
    return Seg((x0 + x1) / 2, top, (x0 + x1) / 2, bottom)


def path_rules(
    polys: list[list[Point]], stroked: bool, filled: bool, white_fill: bool, fills: Fills
) -> list[Seg]:
    """The rules one path draws, for both PDF engines: a visible stroke's straight pieces, or a
    thin filled box (not white) drawn as a rule. ``stroked`` is False for an invisible (white)
    stroke. Wider filled rectangles are collected in ``fills`` (see fill_grid_rules)."""
    rules: list[Seg] = []
    for poly in polys:
        if stroked:
            rules.extend(axis_segments(poly))
        elif filled and (box := rect_box(poly)) is not None:
            rule = thin_fill_rule(box)
            if rule is not None:
                if not white_fill:
                    rules.append(rule)
            else:
                (fills.white if white_fill else fills.dark).append(box)
    return rules


@dataclass(slots=True)
class Fills:
    """The filled rectangles of a page that are not rules, white and not."""

    white: list[CellBox]
    dark: list[CellBox]


def fill_grid_rules(fills: Fills, page: tuple[float, float]) -> list[Seg]:
    """Rules that cell fills draw: white cells laid on a dark table background, the grid being
    the background showing between them (some WPS and web templates draw tables so). A white
    box on the white page draws nothing (the box behind boxed prose); a page-sized background
    is no table."""
    dark = [
        d
        for d in fills.dark
        if not (d[2] - d[0] >= PAGE_SIZED * page[0] and d[3] - d[1] >= PAGE_SIZED * page[1])
    ]
    rules: list[Seg] = []
    for x0, top, x1, bottom in fills.white:
        if any(d[0] <= x0 and d[1] <= top and x1 <= d[2] and bottom <= d[3] for d in dark):
            rules += [
                Seg(x0, top, x1, top),
                Seg(x0, bottom, x1, bottom),
                Seg(x0, top, x0, bottom),
                Seg(x1, top, x1, bottom),
            ]
    return rules


def _text_beyond(
    y: float, x_lo: float, x_hi: float, boxes: list[CellBox], down: bool, tol: float
) -> float:
    """How far text directly past an open end reaches (a browser draws the rest of a sliced
    row's text just past the border it stops): the farthest edge of the lines within the
    columns that start within half a line (or ``tol``) of ``y``."""
    reach = y
    for x0, top, x1, bottom in boxes:
        if x0 < x_lo - tol or x1 > x_hi + tol:
            continue
        near = max(tol, 0.5 * (bottom - top))
        if down and y - tol <= top <= y + near:
            reach = max(reach, bottom + 1.0)
        elif not down and y - near <= bottom <= y + tol:
            reach = min(reach, top - 1.0)
    return reach


def close_open_ends(
    segs: list[Seg], s: PdfSettings = DEFAULT, text: list[CellBox] | None = None
) -> list[Seg]:
    """Add the border a page break left undrawn: where two or more vertical rules run past the
    last (or before the first) horizontal rule they cross and end together, a horizontal rule
    joins their ends, moved past any text (``text``: line boxes) that runs on just beyond them,
    the verticals extended to meet it. Rules are expected snapped and joined."""
    hs = [h for h in segs if h.horizontal]
    out = list(segs)
    for bottom_end in (True, False):
        ends: list[tuple[float, int]] = []  # (end y, index in out) of each dangling vertical
        for i, v in enumerate(out):
            if v.horizontal:
                continue
            crossing = [
                h.top
                for h in hs
                if h.x0 - s.intersect_tol <= v.x0 <= h.x1 + s.intersect_tol
                and v.top - s.intersect_tol <= h.top <= v.bottom + s.intersect_tol
            ]
            if not crossing:
                continue
            if bottom_end and v.bottom - max(crossing) >= s.open_end_min:
                ends.append((v.bottom, i))
            elif not bottom_end and min(crossing) - v.top >= s.open_end_min:
                ends.append((v.top, i))
        ends.sort()
        group: list[tuple[float, int]] = []
        for end in [*ends, (float("inf"), -1)]:
            if group and end[0] - group[0][0] > s.snap_tol:
                if len(group) >= 2:
                    xs = [out[i].x0 for _, i in group]
                    y = max(e for e, _ in group) if bottom_end else min(e for e, _ in group)
                    y = _text_beyond(y, min(xs), max(xs), text or [], bottom_end, s.snap_tol)
                    for _, i in group:
                        v = out[i]
                        out[i] = (
                            Seg(v.x0, v.top, v.x1, y)
                            if bottom_end
                            else Seg(v.x0, y, v.x1, v.bottom)
                        )
                    out.append(Seg(min(xs), y, max(xs), y))
                group = []
            group.append(end)
    return out


def cluster(values: list[float], tol: float) -> dict[float, float]:
    """Map each value to the mean of its cluster (values within tol of their neighbour)."""
    out: dict[float, float] = {}
    if not values:
        return out
    values = sorted(set(values))
    group = [values[0]]
    for v in values[1:]:
        if v - group[-1] <= tol:
            group.append(v)
        else:
            mean = sum(group) / len(group)
            out.update((g, mean) for g in group)
            group = [v]
    mean = sum(group) / len(group)
    out.update((g, mean) for g in group)
    return out


def snap_segments(segs: list[Seg], tol: float = SNAP) -> list[Seg]:
    """Move nearly collinear rules onto one line."""
    hs = [s for s in segs if s.horizontal]
    vs = [s for s in segs if not s.horizontal]
    ymap = cluster([s.top for s in hs], tol)
    xmap = cluster([s.x0 for s in vs], tol)
    out = [Seg(s.x0, ymap[s.top], s.x1, ymap[s.top]) for s in hs]
    out += [Seg(xmap[s.x0], s.top, xmap[s.x0], s.bottom) for s in vs]
    return out


def join_segments(segs: list[Seg], tol: float = JOIN) -> list[Seg]:
    """Merge collinear rules that overlap or nearly touch into one."""
    out: list[Seg] = []
    by_line: dict[tuple[bool, float], list[Seg]] = defaultdict(list)
    for s in segs:
        by_line[(s.horizontal, s.top if s.horizontal else s.x0)].append(s)
    for (horizontal, _), group in by_line.items():
        if horizontal:
            group.sort(key=lambda s: s.x0)
            cur = group[0]
            for s in group[1:]:
                if s.x0 <= cur.x1 + tol:
                    cur = Seg(cur.x0, cur.top, max(cur.x1, s.x1), cur.bottom)
                else:
                    out.append(cur)
                    cur = s
            out.append(cur)
        else:
            group.sort(key=lambda s: s.top)
            cur = group[0]
            for s in group[1:]:
                if s.top <= cur.bottom + tol:
                    cur = Seg(cur.x0, cur.top, cur.x1, max(cur.bottom, s.bottom))
                else:
                    out.append(cur)
                    cur = s
            out.append(cur)
    return [s for s in out if max(s.x1 - s.x0, s.bottom - s.top) >= MIN_EDGE]


Ids = int | frozenset[int]  # the rule through an intersection; a set where two collinear rules meet


def _joined(a: Ids, b: Ids) -> bool:
    """Do two intersections share a rule?"""
    if type(a) is int and type(b) is int:
        return a == b
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
    hs = [(i, s) for i, s in enumerate(segs) if s.horizontal]
    vs = sorted(((i, s) for i, s in enumerate(segs) if not s.horizontal), key=lambda t: t[1].x0)
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

    for hid, h in hs:
        lo = bisect.bisect_left(vxs, h.x0 - tol)
        hi = bisect.bisect_right(vxs, h.x1 + tol)
        y = h.top
        h_row, v_row = h_at[row_of[y]], v_at[row_of[y]]
        for vid, v in vs[lo:hi]:
            if v.top - tol <= y <= v.bottom + tol:
                i = col_of[v.x0]
                h_row[i] = _add_id(h_row[i], hid)
                v_row[i] = _add_id(v_row[i], vid)
                a, b = find(hid), find(vid)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    cols = [[j for j in range(len(ys)) if h_at[j][i] is not None] for i in range(len(xs))]
    rows = [[i for i, ids in enumerate(h_row) if ids is not None] for h_row in h_at]
    groups: dict[int, list[CellBox]] = defaultdict(list)
    for j, row in enumerate(rows):
        h_row = h_at[j]
        for k, i in enumerate(row[:-1]):  # the last intersection of a row starts no cell
            col = cols[i]
            below = col[bisect.bisect_right(col, j) :]
            corner = _smallest_cell(h_at, v_at, below, row[k + 1 :], j, i) if below else None
            if corner is not None:
                jb, ir = corner
                h = h_row[i]
                groups[find(h if type(h) is int else min(h))].append(  # type: ignore[arg-type]
                    (xs[i], ys[j], xs[ir], ys[jb])
                )
    tables = [sorted(g, key=_TOP_LEFT) for g in groups.values()]
    tables.sort(key=lambda g: (min(c[1] for c in g), min(c[0] for c in g)))
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
        if down != v and (type(down) is int and type(v) is int or not _joined(down, v)):  # type: ignore[arg-type]
            return None  # the vertical rule stops before jb; later ones are not joined either
        bottom_h = h_at[jb][i]
        for ir in right:
            across = h_at[j][ir]
            if across != h and (type(across) is int and type(h) is int or not _joined(across, h)):  # type: ignore[arg-type]
                break
            corner_h = h_at[jb][ir]
            if corner_h is None:
                continue
            corner_v, top_v = v_at[jb][ir], v_at[j][ir]
            if (corner_h == bottom_h or _joined(corner_h, bottom_h)) and (  # type: ignore[arg-type]
                corner_v == top_v or _joined(corner_v, top_v)  # type: ignore[arg-type]
            ):
                return jb, ir
    return None


@dataclass(slots=True)
class GridLayout:
    """Column and row boundaries of a table and its cells as grid spans."""

    xs: list[float]
    ys: list[float]
    spans: list[tuple[int, int, int, int, CellBox]]  # row, col, rowspan, colspan, box

    @property
    def bbox(self) -> CellBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def locate(self, x: float, y: float) -> tuple[int, int] | None:
        """Grid (row, col) containing a point, or None outside the table."""
        return self.locate_all([(x, y)])[0]

    def locate_all(self, points: list[tuple[float, float]]) -> list[tuple[int, int] | None]:
        """Grid (row, col) containing each point, or None outside the table. A point on the
        last boundary belongs to the last row or column."""
        xs, ys = self.xs, self.ys
        x_lo, x_hi, y_lo, y_hi = xs[0], xs[-1], ys[0], ys[-1]
        last_col, last_row = len(xs) - 2, len(ys) - 2
        bisect_right = bisect.bisect_right
        out: list[tuple[int, int] | None] = []
        for x, y in points:
            if not (x_lo <= x <= x_hi and y_lo <= y <= y_hi):
                out.append(None)
                continue
            row, col = bisect_right(ys, y) - 1, bisect_right(xs, x) - 1
            out.append((row if row < last_row else last_row, col if col < last_col else last_col))
        return out

    def owners(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Every grid position a cell covers → that cell's (row, col); a merged cell's covered
        positions map to its top-left one."""
        owner: dict[tuple[int, int], tuple[int, int]] = {}
        for r, c, rs, cs, _ in self.spans:
            if rs == 1 and cs == 1:
                owner.setdefault((r, c), (r, c))
                continue
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    owner.setdefault((rr, cc), (r, c))
        return owner


def cells_to_layout(cells: list[CellBox], tol: float = SNAP) -> GridLayout:
    """Cell boxes → boundaries and (row, col, rowspan, colspan) per cell."""
    xmap = cluster([v for c in cells for v in (c[0], c[2])], tol)
    ymap = cluster([v for c in cells for v in (c[1], c[3])], tol)
    xs = sorted(set(xmap.values()))
    ys = sorted(set(ymap.values()))
    xi = {x: i for i, x in enumerate(xs)}
    yi = {y: i for i, y in enumerate(ys)}
    spans = []
    for x0, y0, x1, y1 in cells:
        c0, c1 = xi[xmap[x0]], xi[xmap[x1]]
        r0, r1 = yi[ymap[y0]], yi[ymap[y1]]
        if c1 > c0 and r1 > r0:
            spans.append((r0, c0, r1 - r0, c1 - c0, (x0, y0, x1, y1)))
    return GridLayout(xs, ys, spans)


def chars_to_lines(chars: list[Char]) -> list[str]:
    """Characters of one cell → its text lines, top to bottom, each left to right.

    Rotated glyphs (vertical text set as rotated runs) read along the column instead.
    """
    rotated = [c for c in chars if not c.upright]
    upright = [c for c in chars if c.upright] if rotated else list(chars)
    lines: list[str] = []
    if upright:
        first = upright[0]
        lo, hi = 2 * first.top, 2 * first.bottom  # compare doubled centres: no division
        if all(lo <= c.top + c.bottom <= hi for c in upright):
            groups = [upright]  # one line: the usual number or short label
        else:
            upright.sort(key=lambda c: c.top + c.bottom)
            groups = []
            top = bottom = 0.0
            for ch in upright:
                mid = (ch.top + ch.bottom) / 2
                # a thin glyph ('一', '—') may carry a box only as tall as its ink: it belongs
                # to a line whose middle it spans, or which spans its middle
                if groups and (top <= mid <= bottom or ch.top <= (top + bottom) / 2 <= ch.bottom):
                    groups[-1].append(ch)
                    if ch.top < top:
                        top = ch.top
                    if ch.bottom > bottom:
                        bottom = ch.bottom
                else:
                    groups.append([ch])
                    top, bottom = ch.top, ch.bottom
        for group in groups:
            group.sort(key=_X0)
            lines.append(_join_chars(group))
    if rotated:
        reverse = sum(c.reverse for c in rotated) > len(rotated) / 2
        rotated.sort(key=lambda c: ((c.x0 + c.x1) / 2, -c.top if reverse else c.top))
        lines.append("".join(c.text for c in rotated))
    return lines


def _join_chars(group: list[Char]) -> str:
    """One line's characters → text; a gap wider than half the glyph height reads as a space."""
    parts = [group[0].text]
    prev = group[0]
    for ch in group[1:]:
        gap = ch.x0 - prev.x1
        if gap > 0.5 * (ch.bottom - ch.top) and gap > 0.5 and parts[-1] != " " and ch.text != " ":
            parts.append(" ")
        parts.append(ch.text)
        prev = ch
    return "".join(parts).strip()


def cell_text_from_chars(chars: list[Char]) -> str:
    """A cell's characters → one string; wrapped and vertical lines rejoined."""
    if not chars:
        return ""
    if len(chars) == 1:  # the usual single digit: no lines to group
        return fix_lookalikes(chars[0].text.strip())
    lines = chars_to_lines(chars)
    return fix_lookalikes(lines[0].strip() if len(lines) == 1 else join_wrapped(lines))


_NEW_ITEM = re.compile(
    r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.．、])"
)


def looks_like_new_item(text: str) -> bool:
    """Does a label start with an enumerator (一、 / （一） / 1.)? Continuations of a wrapped
    label do not."""
    return bool(_NEW_ITEM.match(text))


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
