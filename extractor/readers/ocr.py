"""OCR for PDF pages without a usable text layer (scans, image-only pages, garbage text).

A page needs OCR when it shows ink but PDFium finds no text on it, or when its text is mostly
garbage ((cid:NN), private-use glyphs, U+FFFD). Such a page is rendered (pypdfium2), red stamps
are lifted, the skew is measured and undone, the table rules are found in the image and turned
into the same grid layouts the PDF reader builds from vector rules; text boxes are found and read
by RapidOCR (``rapidocr`` + ``onnxruntime``, the ``ocr`` extra; its models ship in the wheel) and
each is placed into its cell or into a text line.

Every OCR'd cell and line carries the recogniser's confidence; a value read with low confidence,
or from under a stamp, is marked ``unsure``. Boxes are in PDF points of the deskewed page (the
page as printed). Without the extra, such a page is skipped with a note, and a PDF with no text
at all fails with a reason that names ``extractor[ocr]``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pypdfium2 as pdfium

from ..errors import ExtractError, MissingDependency, NotAReport
from ..model import Provenance, Table, grid_from_spans
from ..textutil import join_wrapped
from .pdf_geometry import Char, GridLayout, cell_text_from_chars
from .pdf_pdfium import TextLine

OCR_DPI = 200
SCALE = OCR_DPI / 72  # pixels per PDF point
LOW_CONFIDENCE = 0.9  # below this a value is marked unsure
GARBAGE_SHARE = 0.3  # a text layer this much garbage is not used
MIN_INK = 0.0005  # share of dark pixels that makes a page worth OCR
STAMP_SHARE = 0.02  # a box with this share of stamp ink was read under a stamp
SAMPLE_CHARS = 4000  # characters of a text layer looked at for garbage
PAD = 3  # pixels around a text box when it is cut out for recognition
INSTALL_HINT = "install extractor[ocr] to read scanned pages"
_CID = re.compile(r"\(cid:\d+\)")


@dataclass(slots=True)
class OcrLine(TextLine):
    """A text line read by OCR, with the recogniser's confidence."""

    confidence: float = 1.0
    unsure: bool = False


@dataclass(slots=True)
class OcrPage:
    """One page's OCR result in the shapes the PDF reader assembles: free text lines and
    tables (grids with provenance), plus notes for the document."""

    lines: list[OcrLine] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    chars: int = 0


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


# --- does the page need OCR? -----------------------------------------------------------------


def _bad_char(ch: str) -> bool:
    code = ord(ch)
    if ch == "\ufffd" or 0xE000 <= code <= 0xF8FF or code >= 0xF0000:
        return True
    return unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn")


def garbage_share(text: str) -> float:
    """Share of a text layer's visible characters that are garbage: (cid:NN) codes, private-use
    glyphs, U+FFFD, control or unassigned characters."""
    text = _CID.sub("\ufffd", text)
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    return sum(map(_bad_char, visible)) / len(visible)


def page_has_ink(page: pdfium.PdfPage) -> bool:
    """Does the page show anything (a scan, drawn text)? A tiny grey rendering is enough."""
    img = page.render(scale=0.25, grayscale=True).to_numpy()
    return bool((img < 160).mean() > MIN_INK)


def page_needs_ocr(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> bool:
    """No text but ink on the page, or a text layer that is mostly garbage."""
    n = textpage.count_chars()
    if n == 0:
        return page_has_ink(page)
    return garbage_share(textpage.get_text_range(0, min(n, SAMPLE_CHARS))) >= GARBAGE_SHARE


def ocr_available() -> bool:
    """Is the ``ocr`` extra (rapidocr, onnxruntime, OpenCV) installed?"""
    try:
        import cv2  # noqa: F401
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


def no_text_error() -> ExtractError:
    """The error for a PDF in which no page gave any text."""
    if not ocr_available():
        return MissingDependency(f"the PDF has no text layer (a scan?): {INSTALL_HINT}")
    return NotAReport("the PDF has no text layer and OCR found no text")


# --- the recogniser ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _engine():  # noqa: ANN202 - rapidocr is imported lazily
    """One RapidOCR engine per process, models from the wheel. Recognition inputs start at
    96 px wide instead of 320 (numbers are short: three times faster, same readings); the
    direction classifier is off (pages are upright)."""
    from rapidocr import RapidOCR

    return RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.use_cls": False,
            "Det.limit_type": "max",
            "Det.limit_side_len": 1280,
            "Rec.rec_img_shape": [3, 48, 96],
            "Rec.rec_batch_num": 6,
        }
    )


def detect_boxes(gray: np.ndarray) -> list[Box]:
    """Text boxes of a page (axis-aligned, deskewed pixels)."""
    import cv2

    out = _engine()(cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB), use_cls=False, use_rec=False)
    boxes = getattr(out, "boxes", None)
    if boxes is None:
        return []
    return [
        Box(float(q[:, 0].min()), float(q[:, 1].min()), float(q[:, 0].max()), float(q[:, 1].max()))
        for q in boxes
    ]


def recognise(boxes: list[Box], gray: np.ndarray, stamp: np.ndarray) -> list[Box]:
    """Read every box from the page image; fill text, confidence and the stamp flag."""
    import cv2

    if not boxes:
        return []
    h, w = gray.shape
    crops = []
    for b in boxes:
        x0, y0 = max(0, int(b.x0) - PAD), max(0, int(b.top) - PAD)
        x1, y1 = min(w, int(b.x1) + PAD + 1), min(h, int(b.bottom) + PAD + 1)
        crop = gray[y0:y1, x0:x1]
        if crop.shape[0] >= 1.5 * crop.shape[1]:
            crop = np.rot90(crop)  # a tall box: text set vertically
        crops.append(cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_GRAY2RGB))
        b.stamped = bool(stamp[y0:y1, x0:x1].mean() > STAMP_SHARE) if crop.size else False
    result = _engine().recognize_txt(crops)
    for b, text, score in zip(boxes, result.txts, result.scores, strict=True):
        b.text = unicodedata.normalize("NFKC", text).strip() if text.isascii() else text.strip()
        b.confidence = round(float(score), 3)
    return [b for b in boxes if b.text]


# --- boxes → tables and lines ------------------------------------------------------------------


def split_at_rules(box: Box, layouts: list[GridLayout]) -> list[Box]:
    """A box that runs across a column rule of a table (two cells' text read as one) is cut
    at the rule; a column boundary inside a merged cell is no rule and cuts nothing."""
    cy = (box.top + box.bottom) / 2 / SCALE
    for lay in layouts:
        pos = lay.locate((box.x0 + box.x1) / 2 / SCALE, cy)
        if pos is None:
            continue
        owner = _owner(lay)
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


def _owner(lay: GridLayout) -> dict[tuple[int, int], tuple[int, int]]:
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r, c, rs, cs, _ in lay.spans:
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                owner.setdefault((rr, cc), (r, c))
    return owner


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


def _round_box(box: tuple[float, ...]) -> tuple[float, float, float, float]:
    return tuple(round(v, 1) for v in box)  # type: ignore[return-value]


def layout_to_table(lay: GridLayout, boxes: list[Box], stamp: np.ndarray, page_no: int) -> Table:
    """A grid layout (points) and the boxes read inside it → Table. A cell's confidence is its
    least confident box's; a cell is unsure when a box is, or when a stamp covers the cell
    (even an empty one: the stamp may hide what was printed)."""
    owner = _owner(lay)
    found: dict[tuple[int, int], list[Box]] = {}
    for b in boxes:
        pos = lay.locate((b.x0 + b.x1) / 2 / SCALE, (b.top + b.bottom) / 2 / SCALE)
        if pos is not None:
            found.setdefault(owner.get(pos, pos), []).append(b)
    spans = []
    for r, c, rs, cs, cell_box in lay.spans:
        inside = found.get((r, c), [])
        text = cell_text_from_chars([Char(b.text, *_box_pt(b)) for b in inside])
        stamped = stamp_share(stamp, cell_box) > STAMP_SHARE or any(b.stamped for b in inside)
        prov = Provenance(
            page=page_no,
            bbox=_round_box(cell_box),
            row=r,
            col=c,
            note="under a stamp" if stamped else "",
            confidence=min((b.confidence for b in inside), default=None),
            unsure=stamped or any(b.unsure for b in inside),
        )
        spans.append((r, c, rs, cs, text, prov))
    grid = grid_from_spans(spans, len(lay.ys) - 1, len(lay.xs) - 1)
    for row in grid:  # positions no cell box covers still get a page and a box
        for cell in row:
            if cell.prov.page is None:
                box = (
                    lay.xs[cell.col],
                    lay.ys[cell.row],
                    lay.xs[cell.col + 1],
                    lay.ys[cell.row + 1],
                )
                cell.prov = Provenance(
                    page=page_no, bbox=_round_box(box), row=cell.row, col=cell.col
                )
    return Table(grid, Provenance(page=page_no, bbox=_round_box(lay.bbox)))


def boxes_to_lines(boxes: list[Box]) -> list[OcrLine]:
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
            OcrLine(
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


def line_confidence(lines: list[TextLine]) -> tuple[float | None, bool]:
    """(least confidence, any unsure) over a paragraph's lines; (None, False) without OCR."""
    conf = [ln.confidence for ln in lines if isinstance(ln, OcrLine)]
    if not conf:
        return None, False
    return min(conf), any(ln.unsure for ln in lines if isinstance(ln, OcrLine))


# --- one page ------------------------------------------------------------------------------------


def ocr_page(page: pdfium.PdfPage, page_no: int) -> OcrPage:
    """Render, clean, deskew, find tables, read text: one page → lines and tables."""
    from .ocr_grid import prepare_page, segs_to_points
    from .pdf import rules_to_layouts

    rgb = page.render(scale=SCALE, rev_byteorder=True).to_numpy()
    img = prepare_page(rgb[..., :3], SCALE)
    layouts = rules_to_layouts(segs_to_points(img.rules, SCALE)) if img.rules else []
    boxes = [piece for b in detect_boxes(img.clean) for piece in split_at_rules(b, layouts)]
    boxes = recognise(boxes, img.clean, img.stamp)
    tables, free = [], list(boxes)
    for lay in layouts:
        x0, y0, x1, y1 = (v * SCALE for v in lay.bbox)
        inside = [
            b for b in free if x0 <= (b.x0 + b.x1) / 2 <= x1 and y0 <= (b.top + b.bottom) / 2 <= y1
        ]
        free = [b for b in free if b not in inside]
        tables.append(layout_to_table(lay, inside, img.stamp, page_no))
    note = f"p{page_no}: read by OCR, turned back {img.skew:+.2f}°"
    return OcrPage(boxes_to_lines(free), tables, [note], sum(len(b.text) for b in boxes))


def read_page(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, page_no: int) -> OcrPage | None:
    """The hook for the PDF reader: None when the page's own text layer is good, else the
    page read by OCR (or, without the extra, an empty page with a note)."""
    if not page_needs_ocr(page, textpage):
        return None
    if not ocr_available():
        return OcrPage(notes=[f"p{page_no}: no usable text layer; {INSTALL_HINT}"])
    return ocr_page(page, page_no)
