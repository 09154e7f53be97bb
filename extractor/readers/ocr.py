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
import importlib.util
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pypdfium2 as pdfium

from ..errors import (
    ExtractError,
    MissingDependency,
    NotAReport,
    UnreadableFile,
    library_message,
)
from ..model import Table
from .ocr_layout import (
    PAD,
    SCALE,
    STAMP_SHARE,
    Box,
    boxes_to_page,
    ink_in_empty_cells,
    read_in_full,
    split_at_rules,
)
from .pdf_geometry import rules_to_layouts
from .pdf_pdfium import TextLine

if TYPE_CHECKING:  # numpy, like the recogniser, is loaded only when a page needs OCR
    import numpy as np

GARBAGE_SHARE = 0.3  # a text layer this much garbage is not used
MIN_INK = 0.0005  # share of dark pixels that makes a page worth OCR
INK_PREVIEW_SCALE = 0.25  # the page is looked at for ink at 18 dpi: enough to see any
INK_GREY = 160  # grey below this (0-255) is ink in that look (small text renders grey there)
SAMPLE_CHARS = 4000  # characters of a text layer looked at for garbage
# a text layer read through fonts without a Unicode map (a report printed to PostScript and
# distilled again) is Latin soup, '¡l¢£¤¥U' where 主动公开 is printed: no Chinese (under this
# share of its characters, digits and spaces aside) ...
NO_CHINESE = 0.02
MOJIBAKE_SHARE = 0.1  # ... and this much control characters and Latin-1's upper half
MIN_LETTERS = 20  # ... in at least this many characters (a page number says nothing)
INSTALL_HINT = "install extractor[ocr] to read scanned pages"
# A page scanned on its side: most of its long text boxes (TALL times as long as across; a
# short number's box is about square) stand tall (a vertical label column is a few among
# many wide ones on an upright page) ...
TALL = 1.5
SIDEWAYS_SHARE = 0.6
SIDEWAYS_MIN = 5  # ... and at least this many of them
SIDEWAYS_SAMPLE = 8  # boxes read turned either way to tell which way is up ...
# ... and the way up reads with at least this mean confidence (measured on hongze-2024's table
# pages on their side: 0.99-1.00 the right way, 0.56-0.67 the wrong one); where neither does
# (tall boxes of stacked upright glyphs, a page of vertical labels) the page is left as it is
SIDEWAYS_CONFIDENCE = 0.9
# A page scanned upside down: its text boxes lie across it as an upright page's do. RapidOCR's
# direction classifier (0° or 180°, a few milliseconds a line) is asked of the longest wide
# boxes (on hongze-2024's table pages it named all 16 of each page's longest lines rightly,
# upright and upside down, each with a score of 0.91-1.00) ...
UPSIDE_SAMPLE = 16
UPSIDE_MIN = 3  # ... when there are at least this many ...
UPSIDE_SHARE = 0.6  # ... and the page is turned when this share of them are upside down ...
UPSIDE_SCORE = 0.9  # ... each so named with at least this score (RapidOCR's own threshold)
_CID = re.compile(r"\(cid:\d+\)")


@dataclass(slots=True)
class OcrPage:
    """One page's OCR result in the shapes the PDF reader assembles: free text lines and
    tables (grids with provenance), plus notes for the document."""

    lines: list[TextLine] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    chars: int = 0


# --- does the page need OCR? -----------------------------------------------------------------


_GARBAGE = re.compile("[\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")
_SPACE_OR_DIGIT = re.compile(r"[\s\d]+")
_CHINESE = re.compile("[\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# controls, and Latin-1's upper half but for the signs a Chinese report prints (° ± ² ³ µ · × ÷)
_MOJIBAKE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xa1-\xaf\xb4\xb6\xb8-\xd6\xd8-\xf6\xf8-\xff]"
)


def garbage_share(text: str) -> float:
    """Share of a text layer's visible characters that are garbage: (cid:NN) codes, private-use
    glyphs, U+FFFD, control characters."""
    if not _GARBAGE.search(text) and "(cid:" not in text:
        return 0.0  # the usual good text layer, in one scan
    text = _SPACE.sub("", _CID.sub("\ufffd", text))
    if not text:
        return 0.0
    return len(_GARBAGE.findall(text)) / len(text)


def is_mojibake(text: str) -> bool:
    """Is a text layer Latin soup (NO_CHINESE, MOJIBAKE_SHARE)? A report's page always holds
    some Chinese: a page of numbers, a browser's date and address line, has no soup."""
    if not _MOJIBAKE.search(text):
        return False  # the usual text layer, in one scan
    text = _SPACE_OR_DIGIT.sub("", text)
    if len(text) < MIN_LETTERS:
        return False
    chinese, soup = len(_CHINESE.findall(text)), len(_MOJIBAKE.findall(text))
    return chinese < NO_CHINESE * len(text) and soup >= MOJIBAKE_SHARE * len(text)


def page_has_ink(page: pdfium.PdfPage) -> bool:
    """Does the page show anything (a scan, drawn text)? A tiny grey rendering is enough."""
    img = page.render(scale=INK_PREVIEW_SCALE, grayscale=True).to_numpy()
    return bool((img < INK_GREY).mean() > MIN_INK)


def page_needs_ocr(page: pdfium.PdfPage, text: str) -> bool:
    """No text but ink on the page, or a text layer (``text``, the page's text) that is mostly
    garbage or Latin soup."""
    if not text:
        return page_has_ink(page)
    sample = text[:SAMPLE_CHARS]
    return garbage_share(sample) >= GARBAGE_SHARE or is_mojibake(sample)


OCR_MODULES = ("cv2", "onnxruntime", "rapidocr")


@functools.lru_cache(maxsize=1)
def ocr_available() -> bool:
    """Is the ``ocr`` extra (rapidocr, onnxruntime, OpenCV) installed? Asked without importing
    them: onnxruntime costs ~100 MB and a second to import, paid only when a page needs OCR."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in OCR_MODULES)
    except (ImportError, ValueError):
        return False


def no_text_error() -> ExtractError:
    """The error for a PDF in which no page gave any text."""
    if not ocr_available():
        return MissingDependency(f"the PDF has no text layer (a scan?): {INSTALL_HINT}")
    return NotAReport("the PDF has no text layer and OCR found no text")


# --- the recogniser ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _engine() -> Any:  # a RapidOCR engine: rapidocr is imported only when a page needs OCR
    """One RapidOCR engine per process, models from the wheel. Recognition inputs start at
    96 px wide instead of 320 (numbers are short: three times faster, same readings); the
    direction classifier is asked only where ``upside_down`` calls it (each call names the
    steps it runs: the engine keeps the last call's). onnxruntime's telemetry is off: it would
    write a device id and a database under ``~/.cache/Microsoft`` and ``$TMPDIR`` on import."""
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
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


def _run(step: str, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call the recogniser; its failures become a one-line reason, or MemoryError when it ran
    out of memory (onnxruntime reports that as a runtime error: std::bad_alloc)."""
    try:
        return call(*args, **kwargs)
    except MemoryError:
        raise
    except Exception as exc:  # onnxruntime raises its own exception types
        if any(sign in str(exc) for sign in ("bad_alloc", "Failed to allocate")):
            raise MemoryError(f"OCR {step} ran out of memory") from exc
        raise UnreadableFile(f"OCR {step} failed: {library_message(exc)}") from exc


def detect_boxes(gray: np.ndarray) -> list[Box]:
    """Text boxes of a page (axis-aligned, deskewed pixels)."""
    import cv2

    rgb = cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB)
    out = _run("text detection", _engine(), rgb, use_det=True, use_cls=False, use_rec=False)
    boxes = getattr(out, "boxes", None)
    if boxes is None:
        return []
    return [
        Box(float(q[:, 0].min()), float(q[:, 1].min()), float(q[:, 0].max()), float(q[:, 1].max()))
        for q in boxes
    ]


def recognise(
    boxes: list[Box], gray: np.ndarray, stamp: np.ndarray, keep_empty: bool = False
) -> list[Box]:
    """Read every box from the page image; fill text, confidence and the stamp flag. Boxes
    read as nothing are dropped, or kept (``keep_empty``: ink that should have said something)."""
    import cv2
    import numpy as np

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
    result = _run("recognition", _engine().recognize_txt, crops)
    for b, text, score in zip(boxes, result.txts, result.scores, strict=True):
        b.text = text.strip()
        b.confidence = round(float(score), 3)
        b.text = read_in_full(b, gray)
    return [b for b in boxes if b.text or keep_empty]


# --- one page ------------------------------------------------------------------------------------


def quarter_turn(boxes: list[Box], gray: np.ndarray) -> int:
    """Quarter turns (1: a quarter counter-clockwise, 3: clockwise) that set a page scanned
    on its side upright, 0 for an upright page. On its side most long text boxes stand tall
    (SIDEWAYS_SHARE, at least SIDEWAYS_MIN of them); a sample of them is read turned either
    way, and the way read with more confidence wins if it reads well (SIDEWAYS_CONFIDENCE)."""
    import numpy as np

    tall = [b for b in boxes if b.bottom - b.top > TALL * (b.x1 - b.x0)]
    wide = [b for b in boxes if b.x1 - b.x0 > TALL * (b.bottom - b.top)]
    if len(tall) < SIDEWAYS_MIN or len(tall) < SIDEWAYS_SHARE * (len(tall) + len(wide)):
        return 0
    sample = sorted(tall, key=lambda b: b.top - b.bottom)[:SIDEWAYS_SAMPLE]  # the longest
    crops = [
        np.ascontiguousarray(gray[int(b.top) : int(b.bottom) + 1, int(b.x0) : int(b.x1) + 1])
        for b in sample
    ]
    scores = {}
    for k in (1, 3):
        turned = [np.ascontiguousarray(np.rot90(c, k)) for c in crops]
        result = _run("recognition", _engine().recognize_txt, [_rgb(c) for c in turned])
        scores[k] = sum(float(s) for s in result.scores) / len(sample)
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= SIDEWAYS_CONFIDENCE else 0  # neither way reads: leave it


def upside_down(boxes: list[Box], gray: np.ndarray) -> bool:
    """Was the page scanned upside down? Of its longest wide text boxes (UPSIDE_SAMPLE, at
    least UPSIDE_MIN), most (UPSIDE_SHARE) are named upside down by the direction classifier
    with a score of at least UPSIDE_SCORE."""
    import numpy as np

    wide = [b for b in boxes if b.x1 - b.x0 > TALL * (b.bottom - b.top)]
    if len(wide) < UPSIDE_MIN:
        return False
    sample = sorted(wide, key=lambda b: b.x0 - b.x1)[:UPSIDE_SAMPLE]  # the longest
    turned = 0
    for b in sample:
        crop = gray[int(b.top) : int(b.bottom) + 1, int(b.x0) : int(b.x1) + 1]
        out = _run("direction", _engine(), _rgb(np.ascontiguousarray(crop)), use_det=False,
                   use_cls=True, use_rec=False)  # fmt: skip
        named = getattr(out, "cls_res", None)  # [(label, score)] of the one crop
        label, score = named[0] if named is not None and len(named) else ("", 0.0)
        turned += "180" in str(label) and float(score) >= UPSIDE_SCORE
    return turned >= UPSIDE_SHARE * len(sample)


def page_turn(boxes: list[Box], gray: np.ndarray) -> int:
    """Quarter turns counter-clockwise that set a scanned page upright: on its side
    (``quarter_turn``), upside down (2, ``upside_down``), or upright (0)."""
    return quarter_turn(boxes, gray) or (2 if upside_down(boxes, gray) else 0)


def _rgb(gray: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB)


def ocr_page(page: pdfium.PdfPage, page_no: int) -> OcrPage:
    """Render, clean, deskew, set upright a page scanned on its side or upside down, find
    tables, read text: one page → lines and tables."""
    import numpy as np

    from .ocr_grid import prepare_page, segs_to_points  # OpenCV: only when a page needs OCR

    rgb = page.render(scale=SCALE, rev_byteorder=True).to_numpy()[..., :3]
    img = prepare_page(rgb, SCALE)
    found = detect_boxes(img.gray)
    turn = page_turn(found, img.gray)
    if turn:
        img = prepare_page(np.ascontiguousarray(np.rot90(rgb, turn)), SCALE)
        found = detect_boxes(img.gray)
    layouts = rules_to_layouts(segs_to_points(img.rules, SCALE)) if img.rules else []
    boxes = [piece for b in found for piece in split_at_rules(b, layouts)]
    boxes = recognise(boxes, img.clean, img.stamp)
    missed = ink_in_empty_cells(layouts, boxes, img.clean)
    boxes += recognise(missed, img.clean, img.stamp, keep_empty=True)
    lines, tables = boxes_to_page(boxes, layouts, img.stamp, page_no)
    note = f"p{page_no}: read by OCR{_turn_note(turn)}, turned back {img.skew:+.2f}°"
    return OcrPage(lines, tables, [note], sum(len(b.text) for b in boxes))


def _turn_note(turn: int) -> str:
    """What a page's note says of the quarter turns (``quarter_turn``, 2: ``upside_down``)
    that set it upright."""
    if turn == 2:
        return ", turned the right way up (180°)"
    return f", set upright from its side ({90 * turn}° counter-clockwise)" if turn else ""


def read_page(page: pdfium.PdfPage, text: str, page_no: int) -> OcrPage | None:
    """The hook for the PDF reader (``text``: the page's text layer): None when that text layer
    is good, else the page read by OCR (or, without the extra, an empty page with a note)."""
    if not page_needs_ocr(page, text):
        return None
    if not ocr_available():
        return OcrPage(notes=[f"p{page_no}: no usable text layer; {INSTALL_HINT}"])
    return ocr_page(page, page_no)
