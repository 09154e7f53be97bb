"""Ruling lines of a page: what a path draws (shared by both PDF engines), snapped and joined,
with the borders a page break left undrawn closed. Coordinates are PDF points, origin top-left.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from .pdf_settings import DEFAULT, PdfSettings

SNAP = DEFAULT.snap_tol
JOIN = DEFAULT.join_tol
MIN_EDGE = DEFAULT.min_edge
INSIDE = DEFAULT.fill_inside
GLYPH_POINTS, GLYPH_BOX = DEFAULT.glyph_points, DEFAULT.glyph_box
AXIS_TOL = 0.5  # slope allowed for a segment to count as horizontal or vertical
PAGE_SIZED = 0.98  # a fill covering this share of the page both ways is its background (a table
# filling a page within narrow margins covers less)
CellBox = tuple[float, float, float, float]
Point = tuple[float, float]  # x, top


class Seg(NamedTuple):
    """A horizontal (x0 < x1, top == bottom) or vertical (top < bottom, x0 == x1) rule."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.bottom - self.top <= self.x1 - self.x0


def is_white(rgb: tuple[float, ...], s: PdfSettings = DEFAULT) -> bool:
    """An RGB colour (components 0-1) light enough to draw nothing on a white page."""
    return min(rgb) * 255 > s.white_level  # every component above the level


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
    stroke. Wider filled rectangles are collected in ``fills`` (see fill_grid_rules). A glyph's
    outline drawn as a path (``glyph_outline``) draws none."""
    rules: list[Seg] = []
    if glyph_outline(polys):
        return rules
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


def glyph_outline(polys: list[list[Point]]) -> bool:
    """Is the path a glyph's outline: at least ``glyph_points`` points, all within a square of
    ``glyph_box`` (see ``PdfSettings``)?"""
    points = [pt for poly in polys for pt in poly]
    if len(points) < GLYPH_POINTS:
        return False
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return max(xs) - min(xs) <= GLYPH_BOX and max(ys) - min(ys) <= GLYPH_BOX


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
        if any(
            d[0] - INSIDE <= x0
            and d[1] - INSIDE <= top
            and x1 <= d[2] + INSIDE
            and bottom <= d[3] + INSIDE
            for d in dark
        ):
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
    hs = sorted((h for h in segs if h.horizontal), key=lambda h: h.top)
    ys = [h.top for h in hs]
    tol = s.intersect_tol

    def closed_at(x: float, y: float) -> bool:  # a horizontal rule crosses x at y
        lo, hi = bisect.bisect_left(ys, y - tol), bisect.bisect_right(ys, y + tol)
        return any(h.x0 - tol <= x <= h.x1 + tol for h in hs[lo:hi])

    spans: dict[int, tuple[float, float]] = {}  # vertical's index → (first, last) crossing y
    for i, v in enumerate(segs):
        if v.horizontal or (closed_at(v.x0, v.top) and closed_at(v.x0, v.bottom)):
            continue  # the usual rule, closed at both ends
        lo, hi = bisect.bisect_left(ys, v.top - tol), bisect.bisect_right(ys, v.bottom + tol)
        crossing = [h.top for h in hs[lo:hi] if h.x0 - tol <= v.x0 <= h.x1 + tol]
        if crossing:
            spans[i] = (min(crossing), max(crossing))
    out = list(segs)
    for bottom_end in (True, False):
        ends: list[tuple[float, int]] = []  # (end y, index in out) of each dangling vertical
        for i, (first, last) in spans.items():
            v = out[i]
            if bottom_end and v.bottom - last >= s.open_end_min:
                ends.append((v.bottom, i))
            elif not bottom_end and first - v.top >= s.open_end_min:
                ends.append((v.top, i))
        ends.sort()
        group: list[tuple[float, int]] = []
        for end in [*ends, (float("inf"), -1)]:
            if group and end[0] - group[0][0] > s.snap_tol:
                if len(group) >= 2:
                    xs = [out[i].x0 for _, i in group]
                    y = max(e for e, _ in group) if bottom_end else min(e for e, _ in group)
                    ended = y
                    y = _text_beyond(y, min(xs), max(xs), text or [], bottom_end, s.snap_tol)
                    x_lo, x_hi = min(xs) - s.snap_tol, max(xs) + s.snap_tol
                    for i, v in enumerate(out):  # every vertical ending there reaches the new end
                        if v.horizontal or not x_lo <= v.x0 <= x_hi:
                            continue
                        if bottom_end and abs(v.bottom - ended) <= s.snap_tol:
                            out[i] = Seg(v.x0, v.top, v.x1, y)
                        elif not bottom_end and abs(v.top - ended) <= s.snap_tol:
                            out[i] = Seg(v.x0, y, v.x1, v.bottom)
                    out.append(Seg(min(xs), y, max(xs), y))
                group = []
            group.append(end)
    return out


def cluster(values: list[float], tol: float) -> dict[float, float]:
    """Map each value to the mean of its cluster (values within tol of their neighbour)."""
    out: dict[float, float] = {}
    values = sorted(set(values))
    start = 0
    for end in range(1, len(values) + 1):  # a cluster ends where the next value is too far
        if end == len(values) or values[end] - values[end - 1] > tol:
            group = values[start:end]
            mean = sum(group) / len(group)
            for g in group:
                out[g] = mean
            start = end
    return out


def snap_segments(segs: list[Seg], tol: float = SNAP) -> list[Seg]:
    """Move nearly collinear rules onto one line."""
    hs: list[Seg] = []
    vs: list[Seg] = []
    for s in segs:
        (hs if s.horizontal else vs).append(s)
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
        horizontal = s.horizontal
        by_line[(horizontal, s.top if horizontal else s.x0)].append(s)
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
