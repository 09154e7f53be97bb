"""What PDFium gives us, as plain tuples: ruling lines from path objects, text lines and
character boxes from the text page."""

from __future__ import annotations

import ctypes
import math
import re
import struct
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from .pdf_chars import Char
from .pdf_rules import Fills, Seg, fill_grid_rules, is_white, path_rules
from .pdf_settings import DEFAULT

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


# Raw PDFium functions re-declared without argument conversion, for the per-object and
# per-character loops: about half the cost of pypdfium2's typed calls. Call these only with
# ``Handle`` objects, ``byref`` out-parameters (allocated once, below) and small int indices.
# They keep the GIL (PYFUNCTYPE): each does microseconds of work, and releasing and taking
# the lock back cost a seventh of a call (the reader runs in one thread).
_V, _I, _U, _F = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_float


class Handle(ctypes.c_void_p):
    """A PDFium handle. As a c_void_p subclass it is returned as is (not turned into an int),
    so it passes back into the untyped calls as a pointer."""


def _untyped(func: Any, restype: Any = _I) -> Any:
    """A C function as a prototype with no argument types (ctypes converts nothing: the
    callers pass handles, ints and byref out-parameters as they are)."""
    proto: Any = ctypes.PYFUNCTYPE(restype)(_address(func))
    proto.argtypes = None
    return proto


def _address(func: Any) -> int:
    address = ctypes.cast(func, _V).value
    if address is None:
        raise RuntimeError("PDFium function not found")
    return address


_count_objects = _untyped(raw.FPDFPage_CountObjects)
_get_object = _untyped(raw.FPDFPage_GetObject, Handle)
_form_count_objects = _untyped(raw.FPDFFormObj_CountObjects)
# its index is an unsigned long: typed, so the int is widened properly
_form_get_object = ctypes.PYFUNCTYPE(Handle, _V, ctypes.c_ulong)(
    _address(raw.FPDFFormObj_GetObject)
)
_get_type = _untyped(raw.FPDFPageObj_GetType)
_get_matrix = _untyped(raw.FPDFPageObj_GetMatrix)
_get_draw_mode = _untyped(raw.FPDFPath_GetDrawMode)
_get_stroke_color = _untyped(raw.FPDFPageObj_GetStrokeColor)
_get_fill_color = _untyped(raw.FPDFPageObj_GetFillColor)
_count_segments = _untyped(raw.FPDFPath_CountSegments)
_get_segment = _untyped(raw.FPDFPath_GetPathSegment, Handle)
_segment_point = _untyped(raw.FPDFPathSegment_GetPoint)
_segment_type = _untyped(raw.FPDFPathSegment_GetType)
_segment_close = _untyped(raw.FPDFPathSegment_GetClose)
# out-parameters reused by every call, each read back with one unpack (a field or .value read
# each costs more)
_MATRIX = raw.FS_MATRIX()
_MATRIX_REF = ctypes.byref(_MATRIX)
_MATRIX_VALUES = struct.Struct("6f").unpack_from
_MODE = (_I * 2)()
_MODE_REFS = tuple(ctypes.byref(_MODE, 4 * k) for k in range(2))
_MODE_VALUES = struct.Struct("2i").unpack_from
_RGBA = (_U * 4)()
_RGBA_REFS = tuple(ctypes.byref(_RGBA, 4 * k) for k in range(4))
_RGBA_VALUES = struct.Struct("4I").unpack_from
_POINT = (_F * 2)()
_POINT_REFS = tuple(ctypes.byref(_POINT, 4 * k) for k in range(2))
_POINT_VALUES = struct.Struct("2f").unpack_from


def handle(raw_handle) -> Handle:  # a pypdfium2 raw handle
    """A pypdfium2 page or text page handle as a ``Handle`` for the untyped calls."""
    return Handle(ctypes.cast(raw_handle, _V).value)


def _matrix(obj: Handle) -> Matrix:
    if not _get_matrix(obj, _MATRIX_REF):
        return _IDENTITY
    return _MATRIX_VALUES(_MATRIX)


def _is_white(getter, obj: Handle) -> bool:  # ctypes getter
    if not getter(obj, *_RGBA_REFS):
        return False
    r, g, b, a = _RGBA_VALUES(_RGBA)
    return a == 0 or is_white((r / 255, g / 255, b / 255))


def _path_points(obj: Handle, m: Matrix, height: float) -> list[list[tuple[float, float]]]:
    """Subpaths of a path object as polylines in page space, top-left coordinates (the page
    ``height`` turns PDF's y up into y down); curves are dropped."""
    subpaths: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    start: tuple[float, float] | None = None
    buf, values = _POINT, _POINT_VALUES
    x_ref, y_ref = _POINT_REFS
    a, b, c, d, e, f = m
    moveto, lineto = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO
    for i in range(_count_segments(obj)):
        seg = _get_segment(obj, i)
        _segment_point(seg, x_ref, y_ref)
        px, py = values(buf)
        point = (a * px + c * py + e, height - (b * px + d * py + f))
        kind = _segment_type(seg)
        if kind == moveto:
            if len(current) > 1:
                subpaths.append(current)
            current, start = [point], point
        elif kind == lineto:
            current.append(point)
        else:  # a Bézier point: not a rule; end the polyline here
            if len(current) > 1:
                subpaths.append(current)
            current = [point]
        if _segment_close(seg) and start is not None:
            current.append(start)
    if len(current) > 1:
        subpaths.append(current)
    return subpaths


def _object_rules(obj: Handle, m: Matrix, height: float, fills: Fills) -> list[Seg]:
    """Rules drawn by one path object (``path_rules`` says what counts)."""
    _get_draw_mode(obj, *_MODE_REFS)
    fillmode, stroke = _MODE_VALUES(_MODE)
    stroked = bool(stroke) and not _is_white(_get_stroke_color, obj)
    filled = fillmode != 0
    if not (stroked or filled):
        return []
    white_fill = filled and _is_white(_get_fill_color, obj)
    return path_rules(_path_points(obj, m, height), stroked, filled, white_fill, fills)


def page_height(page: pdfium.PdfPage) -> float:
    """The page's media box height: top-left coordinates count down from its top. Not the size
    it is shown at: a crop box cut 20 pt off the bottom would put every line 20 pt up (and
    apart from where pdfplumber, which counts from the media box, puts it). Pages whose media
    box does not start at the origin, or is not their own, are drawn again first
    (``pdf_upright``)."""
    return page.get_mediabox()[3]


def page_rules(page: pdfium.PdfPage) -> list[Seg]:
    """Every horizontal and vertical rule drawn on a page (top-left coordinates).

    What a path draws is decided by ``pdf_geometry.path_rules``, shared with the pdfplumber
    engine. Paths inside form XObjects are placed through the form's matrix. Raw PDFium calls:
    text objects are skipped without building wrappers.
    """
    _, _, width, height = page.get_mediabox()  # counted from its top, as ``page_height`` says
    rules: list[Seg] = []
    fills = Fills([], [])
    stack = [(handle(page.raw), _IDENTITY, _count_objects, _get_object)]
    get_type, path, form = _get_type, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
    seen = 0
    while stack and seen < 100_000:
        container, outer, count, get = stack.pop()
        n = count(container)
        seen += n
        for i in range(n):
            obj = get(container, i)
            kind = get_type(obj)
            if kind == path:
                m = _matrix(obj)
                rules.extend(
                    _object_rules(
                        obj, m if outer is _IDENTITY else _compose(m, outer), height, fills
                    )
                )
            elif kind == form:
                m = _compose(_matrix(obj), outer)
                stack.append((obj, m, _form_count_objects, _form_get_object))
    if fills.white and fills.dark:
        rules += fill_grid_rules(fills, (width, height))
    return rules


@dataclass(slots=True)
class TextLine:
    """One line of page text as PDFium segments it, with the range of its characters; a line
    read by OCR carries the recogniser's confidence and whether it is unsure (None, False on a
    text layer)."""

    text: str
    start: int
    end: int
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float | None = None
    unsure: bool = False


_char_box_raw = _untyped(raw.FPDFText_GetCharBox)
_loose_char_box = _untyped(raw.FPDFText_GetLooseCharBox)
_is_generated = _untyped(raw.FPDFText_IsGenerated)
_char_angle = _untyped(raw.FPDFText_GetCharAngle, _F)
# out-parameters as above: _char_box's four doubles (left, right, bottom, top) in one array,
# the loose box an FS_RECTF (left, top, right, bottom)
_BOX = (ctypes.c_double * 4)()
_BOX_REFS = tuple(ctypes.byref(_BOX, 8 * k) for k in range(4))
_BOX_VALUES = struct.Struct("4d").unpack_from
_RECT = raw.FS_RECTF()
_RECT_REF = ctypes.byref(_RECT)
_RECT_VALUES = struct.Struct("4f").unpack_from
_STACKED = DEFAULT.stacked_glyph  # read once: both are used per character
_SAME_LINE = DEFAULT.run_same_line


def _char_box(tp: Handle, i: int, height: float) -> tuple[float, float, float, float] | None:
    """Tight box of character ``i`` of a text page, top-left coordinates."""
    if not _char_box_raw(tp, i, *_BOX_REFS):
        return None
    left, right, bottom, top = _BOX_VALUES(_BOX)
    return (left, height - top, right, height - bottom)


def text_lines(
    textpage: pdfium.PdfTextPage, height: float, text: str | None = None
) -> list[TextLine]:
    """The page's text (``text``, when already read) split into PDFium's lines, each with a box
    from its end characters."""
    if text is None:
        text = textpage.get_text_range()
    lines: list[TextLine] = []
    pos = 0
    tp = handle(textpage.raw)
    for piece in text.split("\r\n"):
        start, end = pos, pos + len(piece)
        pos = end + 2
        stripped = piece.strip()
        if not stripped:
            continue
        first = start + (len(piece) - len(piece.lstrip()))
        last = start + len(piece.rstrip()) - 1
        a = _char_box(tp, first, height)
        b = _char_box(tp, last, height)
        if a is None or b is None:
            continue
        lines.append(
            TextLine(
                piece,
                start,
                end,
                min(a[0], b[0]),
                min(a[1], b[1]),
                max(a[2], b[2]),
                max(a[3], b[3]),
            )
        )
    return lines


def _direction(tp: Handle, line: TextLine) -> tuple[bool, bool]:
    """(upright, reverse) of a line: one direction per line, as PDFium starts a new line where
    the writing direction changes; ``reverse``: rotated to read bottom to top."""
    angle = _char_angle(tp, line.start + len(line.text) - len(line.text.lstrip()))
    upright = angle < 0 or abs(math.sin(angle)) < 0.5
    return upright, (not upright) and math.sin(angle) > 0


def range_chars(
    tp: Handle, start: int, text: str, height: float, upright: bool = True, reverse: bool = False
) -> list[Char]:
    """The characters ``text`` of a text page from index ``start``, each with its box;
    generated spaces and line breaks skipped.

    The loose box (font ascent to descent) groups lines well, but for stacked vertical glyphs
    PDFium reports it as large as the unscaled font size; then the tight box is used (only then:
    the tight box of '，' and '。' sits low and would split them onto a line of their own).
    """
    out: list[Char] = []
    rect, rect_ref, values, new = _RECT, _RECT_REF, _RECT_VALUES, tuple.__new__
    is_generated, loose_box = _is_generated, _loose_char_box
    for i, ch in zip(range(start, start + len(text)), text, strict=True):
        if ch in " \r\n" and is_generated(tp, i) == 1:
            continue
        if not loose_box(tp, i, rect_ref):
            continue
        x0, top, x1, bottom = values(rect)
        top, bottom = height - top, height - bottom
        if bottom - top > _STACKED:
            tight = _char_box(tp, i, height)
            if tight is not None and bottom - top > 3 * max(tight[3] - tight[1], 1.0):
                x0, top, x1, bottom = tight
        out.append(new(Char, (ch, x0, top, x1, bottom, upright, reverse)))  # Char, built fast
    return out


# Runs of Chinese characters and punctuation a line's characters may be read as one Char: no
# space inside (PDFium puts one where a gap is), no digit (no number to split), no dash or
# slash (no zero mark: －, ／ and — are left out)
_RUN = re.compile(
    "[\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff0c\uff0e\uff1a-\uff65“”‘’]{3,}"
)


def _loose_box(tp: Handle, i: int, height: float) -> tuple[float, float, float, float] | None:
    """Loose box (origin to advance, font ascent to descent) of character ``i``, top-left."""
    if not _loose_char_box(tp, i, _RECT_REF):
        return None
    left, top, right, bottom = _RECT_VALUES(_RECT)
    return (left, height - top, right, height - bottom)


def _run_char(tp: Handle, start: int, text: str, height: float) -> Char | None:
    """A run of characters as one Char from its first character's left and its last one's
    right, at the first one's height (so the gaps to the characters around it, and the heights
    they are judged by, are those reading char by char gives), or None when the ends are not
    on one line, left to right, in one size."""
    a = _loose_box(tp, start, height)
    b = _loose_box(tp, start + len(text) - 1, height)
    if a is None or b is None or a[3] - a[1] > _STACKED or b[0] < a[0]:
        return None
    size = a[3] - a[1]
    if abs(a[1] - b[1]) > _SAME_LINE * size or abs(a[3] - b[3]) > _SAME_LINE * size:
        return None
    return Char(text, a[0], a[1], b[2], a[3])


def line_pieces(tp: Handle, line: TextLine, height: float) -> list[tuple[Char, int]]:
    """A line's characters (``range_chars``), but each run of three or more Chinese
    characters (``_RUN``) on an upright line as one Char, with the text index of its first
    character (-1 for a single character). The caller reads a run char by char
    (``range_chars``) when its box is not inside one cell."""
    upright, reverse = _direction(tp, line)
    if not upright:
        return [(c, -1) for c in range_chars(tp, line.start, line.text, height, False, reverse)]
    out: list[tuple[Char, int]] = []
    pos, text = 0, line.text
    for m in _RUN.finditer(text):
        run = m.group()
        out += [(c, -1) for c in range_chars(tp, line.start + pos, text[pos : m.start()], height)]
        whole = _run_char(tp, line.start + m.start(), run, height)
        if whole is None:
            out += [(c, -1) for c in range_chars(tp, line.start + m.start(), run, height)]
        else:
            out.append((whole, line.start + m.start()))
        pos = m.end()
    out += [(c, -1) for c in range_chars(tp, line.start + pos, text[pos:], height)]
    return out
