"""Pages whose text runs on its side or upside down, and is shown so: a landscape table page
put in on its side, a page turned by a tool that turned its drawing rather than setting
``/Rotate``. PDFium finds no table in such a page (its cells' text reads down the columns),
and the report's tables were lost (reported missing).

``looks_turned`` is the cheap look every page gets, at the text lines the reader has made
anyway; ``text_turns`` the closer look a page that looks turned gets, at where neighbouring
characters stand (and, for an upside-down word whose characters PDFium sets in the order they
are shown, which way their baselines point). ``pdf_upright.upright_pdf`` draws the pages set
upright; the reader reads that copy instead, and every page of it is turned as its own text
tells (a page of a few lines may not look turned, and an upright page is left as it is).
"""

from __future__ import annotations

import ctypes
import math

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from .pdf_pdfium import TextLine, _char_box, handle
from .pdf_settings import DEFAULT, PdfSettings


def looks_turned(lines: list[TextLine], settings: PdfSettings = DEFAULT) -> bool:
    """Does a page's text look turned? Of its first ``turn_lines`` lines of two characters or
    more, those holding ``turned_share`` of their characters stand taller than wide (on its
    side), or ``turned_share`` of them stand above the line before them (upside down: PDFium
    keeps the drawing's order of lines, which goes on up such a page; within a line it sets
    words left to right as shown, so a line's ends do not tell)."""
    chars = tall = seen = rising = 0
    limit = settings.turn_lines
    above = -math.inf  # the top of the line before (none: nothing is above it)
    for ln in lines:
        n = ln.end - ln.start
        if n < 2:
            continue
        if seen == limit:
            break
        chars += n
        seen += 1
        if ln.bottom - ln.top > ln.x1 - ln.x0:
            tall += n
        if ln.bottom <= above:
            rising += 1
        above = ln.top
    share = settings.turned_share
    return tall > share * chars or (seen > 1 and rising >= share * (seen - 1))


def text_turns(textpage: pdfium.PdfTextPage, text: str, settings: PdfSettings = DEFAULT) -> int:
    """Quarter turns anticlockwise that set a page's text upright (``text``: the text page's),
    from a sample of neighbouring characters spread over the page (``turn_sample``): where the
    second of most stands below the first, 1 (the text reads top to bottom); left of it, 2
    (upside down); above it, 3; right of it, 0. The glyphs must agree: most of the first
    characters' baselines point that way (characters of upright glyphs stacked one under
    another, a column of vertical text, are not a page on its side). Where the characters
    stand left to right but the glyphs point left, 2: PDFium sets the characters of an
    upside-down word in the order they are shown when each is placed apart (Chromium)."""
    tp, n = handle(textpage.raw), min(len(text), textpage.count_chars())
    ways = [0, 0, 0, 0]  # pairs whose second character stands right of, below, left of, above
    glyphs = [0, 0, 0, 0]  # first characters whose baseline points right, down, left, up
    matrix = raw.FS_MATRIX()
    for start in range(0, n - 1, max(1, n // settings.turn_sample)):
        i = next((k for k in range(start, min(start + 8, n - 1)) if _pair(text, k)), None)
        a, b = (None, None) if i is None else (_char_box(tp, i, 0.0), _char_box(tp, i + 1, 0.0))
        if a is None or b is None:
            continue
        dx = (b[0] + b[2] - a[0] - a[2]) / 2
        dy = (b[1] + b[3] - a[1] - a[3]) / 2  # top-left coordinates: dy > 0 is down the page
        if abs(dx) >= abs(dy):
            ways[0 if dx >= 0 else 2] += 1
        else:
            ways[1 if dy > 0 else 3] += 1
        if raw.FPDFText_GetMatrix(textpage.raw, i, ctypes.byref(matrix)):
            glyphs[_baseline_way(matrix)] += 1
    way = _most(ways)
    glyph = _most(glyphs)
    if way is None or glyph is None:
        return 0
    if glyph == way or (way == 0 and glyph == 2):
        return glyph
    return 0


def mixed_glyphs(textpage: pdfium.PdfTextPage, settings: PdfSettings = DEFAULT) -> bool:
    """Do ``mixed_share`` of a page's characters at least point another way than most (their
    baselines to the left, up or down the page where most point right)? In a copy of a page
    Chromium printed and a viewer turned (``/Rotate``), drawn as shown, PDFium places such
    characters away from where they are drawn (``PdfSettings.mixed_share``)."""
    matrix = raw.FS_MATRIX()
    ways = [0, 0, 0, 0]  # characters whose baseline points right, down, left, up
    for i in range(textpage.count_chars()):
        if raw.FPDFText_GetMatrix(textpage.raw, i, ctypes.byref(matrix)):
            ways[_baseline_way(matrix)] += 1
    return sum(ways) - max(ways) >= settings.mixed_share * sum(ways) > 0


def _baseline_way(matrix: raw.FS_MATRIX) -> int:
    """A character's matrix → the way its baseline points: 0 right, 1 down, 2 left, 3 up (in
    PDF space, y up)."""
    x, y = matrix.a, matrix.b
    return 0 if x > abs(y) else 2 if x < -abs(y) else 1 if y < 0 else 3


def _most(counts: list[int]) -> int | None:
    """The way more than half the counts go, if any."""
    best = max(range(4), key=lambda k: counts[k])
    return best if counts[best] > sum(counts) / 2 else None


def _pair(text: str, i: int) -> bool:
    """Are characters ``i`` and ``i + 1`` of a page's text both printed (no space, no line
    break)?"""
    return not text[i].isspace() and not text[i + 1].isspace()
