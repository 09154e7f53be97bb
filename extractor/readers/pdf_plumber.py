"""The reference engine: pdfplumber's table finder, fed the rules ``pdf_geometry.path_rules``
reads from pdfplumber's own objects (the same rule semantics as the fast path, found by an
independent parser and cell finder)."""

from __future__ import annotations

import io
import math
from typing import Any

from .pdf_chars import Char
from .pdf_geometry import GridLayout, cells_to_layout
from .pdf_rules import (
    CellBox,
    Fills,
    Point,
    Seg,
    close_open_ends,
    fill_grid_rules,
    is_white,
    join_segments,
    path_rules,
    snap_segments,
)
from .pdf_settings import DEFAULT
from .pdf_upright import hidden

GLYPH_EDGE = DEFAULT.glyph_edge


def _rgb(color: Any) -> tuple[float, ...] | None:
    """A pdfplumber colour (gray, RGB or CMYK, 0-1) → RGB; None when unknown (a pattern)."""
    if isinstance(color, (int, float)):
        return (float(color),) * 3
    if not isinstance(color, (tuple, list)) or not all(isinstance(v, (int, float)) for v in color):
        return None
    if len(color) == 1:
        return (float(color[0]),) * 3
    if len(color) == 3:
        return tuple(float(v) for v in color)
    if len(color) == 4:
        c, m, y, k = color
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def _white(color: Any) -> bool:
    rgb = _rgb(color)
    return rgb is not None and is_white(rgb)


def _points(obj: dict) -> list[Point]:
    if obj["object_type"] == "rect":
        x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
        return [(x0, top), (x1, top), (x1, bottom), (x0, bottom), (x0, top)]
    return [(float(x), float(y)) for x, y in obj.get("pts") or []]


def object_rules(obj: dict, fills: Fills) -> list[Seg]:
    """The rules one pdfplumber line, rect or curve draws."""
    stroked = bool(obj.get("stroke")) and not _white(obj.get("stroking_color"))
    filled = bool(obj.get("fill"))
    if obj["object_type"] == "line":  # pdfplumber calls every two-point path a line
        stroked = stroked or not filled
    poly = _points(obj)
    return path_rules([poly], stroked, filled, _white(obj.get("non_stroking_color")), fills)


def page_rules(page: Any, chars: list[Char]) -> list[Seg]:
    """Every rule pdfplumber's objects draw on a page (top-left coordinates), but pieces of
    glyph outlines (``in_a_glyph``; ``chars``: the page's characters)."""
    fills = Fills([], [])
    objects = [obj for kind in ("line", "rect", "curve") for obj in page.objects.get(kind, [])]
    pieces = in_a_glyph(objects, chars)
    rules = [
        r for i, obj in enumerate(objects) if i not in pieces for r in object_rules(obj, fills)
    ]
    return rules + fill_grid_rules(fills, (float(page.width), float(page.height)))


def in_a_glyph(objects: list[dict], chars: list[Char]) -> set[int]:
    """Indexes of the glyph-sized objects (``glyph_box`` both ways at most) that lie within a
    character's box, give or take GLYPH_EDGE: pieces of a glyph's outline drawn as a path.
    pdfminer gives each subpath of a path as an object of its own, so the fast path's test
    (``glyph_outline``: a path of many points) sees only pieces here; the character drawn
    there tells instead. A border that text runs over reaches past the character."""
    tol, size = GLYPH_EDGE, DEFAULT.glyph_box
    small = [
        (i, o)
        for i, o in enumerate(objects)
        if o["x1"] - o["x0"] <= size and o["bottom"] - o["top"] <= size
    ]
    if not small:
        return set()
    boxes = [(c.x0 - tol, c.top - tol, c.x1 + tol, c.bottom + tol) for c in chars]
    return {
        i
        for i, o in small
        if any(
            a <= o["x0"] and b <= o["top"] and o["x1"] <= c and o["bottom"] <= d
            for a, b, c, d in boxes
        )
    }


def _edge(seg: Seg) -> dict:
    return {
        "object_type": "line",
        "x0": seg.x0,
        "x1": seg.x1,
        "top": seg.top,
        "bottom": seg.bottom,
        "width": seg.x1 - seg.x0,
        "height": seg.bottom - seg.top,
    }


def plumber_layouts(
    pdf: Any, index: int, text: list[CellBox] | None = None, visible: CellBox | None = None
) -> tuple[list[GridLayout], list[Char]]:
    """pdfplumber's table finder on one page, on the page's rules (open ends closed as the fast
    path closes them), and the page's characters; with ``visible`` (the part of the page a
    viewer shows, where it hides any), only the rules and characters not wholly outside it."""
    page = pdf.pages[index]
    chars = [plumber_char(c) for c in page.chars]
    rules = page_rules(page, chars)
    if visible is not None:
        rules = [r for r in rules if not hidden(r, visible)]
        chars = [c for c in chars if not hidden(c[1:5], visible)]
    rules = close_open_ends(join_segments(snap_segments(rules)), text=text)
    hs = [_edge(r) for r in rules if r.horizontal]
    vs = [_edge(r) for r in rules if not r.horizontal]
    layouts: list[GridLayout] = []
    if hs and vs:
        found = page.find_tables(
            {
                "vertical_strategy": "explicit",
                "horizontal_strategy": "explicit",
                "explicit_vertical_lines": vs,
                "explicit_horizontal_lines": hs,
            }
        )
        layouts = [cells_to_layout(t.cells) for t in found]
        layouts = [lay for lay in layouts if len(lay.xs) > 2 and len(lay.ys) > 1]
    return layouts, chars


def plumber_char(c: dict) -> Char:
    """A pdfplumber character → Char. An upright glyph's box holds its baseline; a box that
    does not is moved up or down until its bottom sits on it. pdfminer places a box by the
    font's descent, which it misreads where a font's units are not the usual thousandths:
    it scales no Type 3 font bbox (pdfminer.six #1127), and read the Type 1 fonts pdftocairo
    embeds a whole line low. Those put the text a row too high or too low. Upright is read
    from the matrix, within ``upright_sine`` (``turned``); a turned glyph that reads bottom to
    top is ``reverse``, as PDFium's are."""
    top, bottom = c["top"], c["bottom"]
    matrix = c.get("matrix")
    a, b, cc, d, _, baseline = matrix or (1, 0, 0, 1, 0, c["y0"])
    upright = not turned(matrix) if matrix else bool(c.get("upright", True))
    square = abs(b) + abs(cc) <= DEFAULT.matrix_noise * (abs(a) + abs(d))
    if square and a > 0 and d > 0 and not c["y0"] <= baseline <= c["y1"]:
        off = c["y0"] - baseline  # PDF y runs up, top and bottom down
        top, bottom = top + off, bottom + off
    return Char(c["text"], c["x0"], top, c["x1"], bottom, upright, not upright and b > 0)


def turned(matrix: tuple[float, ...]) -> bool:
    """Is a glyph's baseline, (a, b) of its text matrix, turned by more than ``upright_sine``
    (PDFium's measure: the angle of the baseline alone, a slant for italics aside)?"""
    a, b = matrix[0], matrix[1]
    return abs(b) > DEFAULT.upright_sine * math.hypot(a, b)


def open_plumber(data: bytes) -> Any:
    import pdfplumber

    return pdfplumber.open(io.BytesIO(data))
