"""OCR'd text boxes → the document model: boxes placed into the cells of a grid layout found
in the page image (a box running across a column rule cut there), the rest into text lines.

Coordinates: boxes are in pixels of the deskewed page image, rendered at ``OCR_DPI``; what goes
into the model is in PDF points of the deskewed page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Provenance, Table
from ..textutil import join_wrapped
from .pdf_chars import Char, cell_text_from_chars
from .pdf_geometry import GridLayout, grid_table, round_box
from .pdf_pdfium import TextLine

if TYPE_CHECKING:
    import numpy as np

OCR_DPI = 200
SCALE = OCR_DPI / 72  # pixels per PDF point
LOW_CONFIDENCE = 0.9  # below this a value is marked unsure
STAMP_SHARE = 0.02  # a box or cell with this share of stamp ink was read under a stamp
PAD = 3  # pixels around a text box when it is cut out for recognition
CELL_INSET_PT = 2.0  # a cell's ink is looked for this far inside its rules
INK_LEVEL = 128  # grey below this is ink
MIN_CELL_INK = 12  # dark pixels that make an empty-looking cell worth reading
MIN_CELL_PX = 4  # a cell's inside narrower or lower than this (pixels) holds no mark to read
UNREAD = "\ufffd"  # what a cell says for ink read as nothing: no number, and not blank
# a number's characters: each stands apart from the next in ink (columns with no ink between)
NUMBER_TEXT = re.compile(r"[\d.,\-]+")


@dataclass(slots=True)
class Box:
    """A recognised text box in deskewed pixels."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str = ""
    confidence: float = 0.0
    stamped: bool = False

    @property
    def unsure(self) -> bool:
        return self.confidence < LOW_CONFIDENCE or self.stamped


# --- boxes → tables and lines ------------------------------------------------------------------


def split_at_rules(box: Box, layouts: list[GridLayout]) -> list[Box]:
    """A box that runs across a column rule of a table (two cells' text read as one) is cut
    at the rule; a column boundary inside a merged cell is no rule and cuts nothing."""
    cy = (box.top + box.bottom) / 2 / SCALE
    for lay in layouts:
        pos = lay.locate((box.x0 + box.x1) / 2 / SCALE, cy)
        if pos is None:
            continue
        owner = lay.owners()
        row = pos[0]
        cuts = [
            lay.xs[c] * SCALE
            for c in range(1, len(lay.xs) - 1)
            if box.x0 + PAD < lay.xs[c] * SCALE < box.x1 - PAD
            and owner.get((row, c - 1)) != owner.get((row, c))
        ]
        edges = [box.x0, *cuts, box.x1]
        return [Box(a, box.top, b, box.bottom) for a, b in zip(edges, edges[1:], strict=False)]
    return [box]


def _box_pt(b: Box) -> tuple[float, float, float, float]:
    return (
        round(b.x0 / SCALE, 1),
        round(b.top / SCALE, 1),
        round(b.x1 / SCALE, 1),
        round(b.bottom / SCALE, 1),
    )


def stamp_share(stamp: np.ndarray, box: tuple[float, float, float, float]) -> float:
    """Share of a box (PDF points of the deskewed page) covered by stamp ink."""
    h, w = stamp.shape
    x0, y0 = max(0, int(box[0] * SCALE)), max(0, int(box[1] * SCALE))
    x1, y1 = min(w, int(box[2] * SCALE) + 1), min(h, int(box[3] * SCALE) + 1)
    region = stamp[y0:y1, x0:x1]
    return float(region.mean()) if region.size else 0.0


def ink_runs(clean: np.ndarray, box: Box) -> int:
    """Runs of ink across a box of the cleaned page (columns holding ink, between columns
    holding none): the glyphs of a number, each apart from the next."""
    import numpy as np  # like the recogniser: only once a page needs OCR

    h, w = clean.shape
    x0, y0 = max(0, int(box.x0)), max(0, int(box.top))
    x1, y1 = min(w, int(box.x1) + 1), min(h, int(box.bottom) + 1)
    inked = (clean[y0:y1, x0:x1] < INK_LEVEL).any(axis=0).astype(np.int8)
    return int((np.diff(inked, prepend=0) == 1).sum())  # columns where ink starts


def read_in_full(box: Box, clean: np.ndarray) -> str:
    """A recognised box's text, with UNREAD after it when it is a number whose box holds more
    runs of ink than it has characters: a glyph the recogniser left out (a digit lost to a
    smudge, a glyph printed as the font's empty box next to a digit) makes the number another;
    it is no number then. Under a stamp, the stamp's ink left in the box says nothing (such a
    value is flagged anyway)."""
    if box.stamped or not NUMBER_TEXT.fullmatch(box.text):
        return box.text
    return box.text + UNREAD if ink_runs(clean, box) > len(box.text) else box.text


def ink_in_empty_cells(layouts: list[GridLayout], boxes: list[Box], clean: np.ndarray) -> list[Box]:
    """Boxes around the ink of table cells that no text box fell into: the text finder can
    miss a lone short mark (a '1'), which would otherwise read as an empty cell."""
    h, w = clean.shape
    inset = CELL_INSET_PT * SCALE
    out = []
    for lay in layouts:
        owner = lay.owners()
        taken = set()
        for b in boxes:
            pos = lay.locate((b.x0 + b.x1) / 2 / SCALE, (b.top + b.bottom) / 2 / SCALE)
            if pos is not None:
                taken.add(owner.get(pos, pos))
        for r, c, _, _, (x0, y0, x1, y1) in lay.spans:
            if (r, c) in taken:
                continue
            left, top = int(x0 * SCALE + inset), int(y0 * SCALE + inset)
            right, bottom = min(w, int(x1 * SCALE - inset)), min(h, int(y1 * SCALE - inset))
            if right - left < MIN_CELL_PX or bottom - top < MIN_CELL_PX:
                continue
            ys, xs = (clean[top:bottom, left:right] < INK_LEVEL).nonzero()
            if len(xs) >= MIN_CELL_INK:
                out.append(
                    Box(left + xs.min(), top + ys.min(), left + xs.max() + 1, top + ys.max() + 1)
                )
    return out


def layout_to_table(lay: GridLayout, boxes: list[Box], stamp: np.ndarray, page_no: int) -> Table:
    """A grid layout (points) and the boxes read inside it → Table. A cell's confidence is its
    least confident box's; a cell is unsure when a box is, or when a stamp covers the cell
    (even an empty one: the stamp may hide what was printed). Ink read as nothing is UNREAD in
    the cell's text: such a cell is no number, never a blank (which reads as 0)."""
    owner = lay.owners()
    found: dict[tuple[int, int], list[Box]] = {}
    for b in boxes:
        pos = lay.locate((b.x0 + b.x1) / 2 / SCALE, (b.top + b.bottom) / 2 / SCALE)
        if pos is not None:
            found.setdefault(owner.get(pos, pos), []).append(b)
    spans = []
    for r, c, rs, cs, cell_box in lay.spans:
        inside = found.get((r, c), [])
        text = cell_text_from_chars([Char(b.text or UNREAD, *_box_pt(b)) for b in inside])
        stamped = stamp_share(stamp, cell_box) > STAMP_SHARE or any(b.stamped for b in inside)
        unread = any(not b.text or b.text.endswith(UNREAD) for b in inside)
        notes = ["under a stamp"] * stamped + ["ink not read"] * unread
        prov = Provenance(
            page=page_no,
            bbox=round_box(cell_box),
            row=r,
            col=c,
            note="; ".join(notes),
            confidence=min((b.confidence for b in inside), default=None),
            unsure=stamped or unread or any(b.unsure for b in inside),
        )
        spans.append((r, c, rs, cs, text, prov))
    return grid_table(lay, page_no, spans)


def boxes_to_lines(boxes: list[Box]) -> list[TextLine]:
    """Boxes outside tables → text lines, top to bottom: boxes whose middles share a band are
    one line, joined left to right (a space only between Latin words or numbers)."""
    lines: list[list[Box]] = []
    for b in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        mid = (b.top + b.bottom) / 2
        if lines:
            last = lines[-1]
            top, bottom = min(x.top for x in last), max(x.bottom for x in last)
            if top <= mid <= bottom and b.top < bottom:
                last.append(b)
                continue
        lines.append([b])
    out = []
    for group in lines:
        group.sort(key=lambda b: b.x0)
        text = join_wrapped([b.text for b in group]) if len(group) > 1 else group[0].text
        x0, top, x1, bottom = _box_pt(
            Box(
                min(b.x0 for b in group),
                min(b.top for b in group),
                max(b.x1 for b in group),
                max(b.bottom for b in group),
            )
        )
        out.append(
            TextLine(
                text,
                0,
                0,
                x0,
                top,
                x1,
                bottom,
                confidence=min(b.confidence for b in group),
                unsure=any(b.unsure for b in group),
            )
        )
    return out


def boxes_to_page(
    boxes: list[Box], layouts: list[GridLayout], stamp: np.ndarray, page_no: int
) -> tuple[list[TextLine], list[Table]]:
    """A page's recognised boxes → its text lines and tables: a box whose middle lies inside a
    table's frame belongs to that table, read as nothing too (its cell says so); outside
    tables, a box read as nothing is left out."""
    tables, free = [], boxes
    for lay in layouts:
        x0, y0, x1, y1 = (v * SCALE for v in lay.bbox)
        inside = [
            b for b in free if x0 <= (b.x0 + b.x1) / 2 <= x1 and y0 <= (b.top + b.bottom) / 2 <= y1
        ]
        free = [b for b in free if b not in inside]
        tables.append(layout_to_table(lay, inside, stamp, page_no))
    return boxes_to_lines([b for b in free if b.text]), tables
