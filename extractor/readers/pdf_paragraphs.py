"""A PDF's text lines → paragraphs: a new one at an indented line, after a short line, or
after a vertical gap wider than the document's usual one."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from ..model import Paragraph, Provenance
from ..textutil import clean_inline, fix_lookalikes, join_wrapped
from .pdf_geometry import round_box
from .pdf_pdfium import TextLine


@dataclass(slots=True)
class Para:
    lines: list[TextLine]
    page: int
    first_indented: bool
    last_full: bool = False

    def to_paragraph(self) -> Paragraph:
        text = fix_lookalikes(join_wrapped([ln.text for ln in self.lines]))
        box = (
            min(ln.x0 for ln in self.lines),
            min(ln.top for ln in self.lines),
            max(ln.x1 for ln in self.lines),
            max(ln.bottom for ln in self.lines),
        )
        confidence, unsure = lines_confidence(self.lines)
        prov = Provenance(page=self.page, bbox=round_box(box), confidence=confidence, unsure=unsure)
        return Paragraph(clean_inline(text), prov)


def lines_confidence(lines: list[TextLine]) -> tuple[float | None, bool]:
    """(least confidence, any unsure) over a paragraph's lines; (None, False) without OCR."""
    conf = [ln.confidence for ln in lines if ln.confidence is not None]
    if not conf:
        return None, False
    return min(conf), any(ln.unsure for ln in lines)


def lines_to_paras(
    lines: list[TextLine], page: int, left: float, right: float, em: float, gap_limit: float
) -> list[Para]:
    """Lines of one page → paragraphs: a new one at an indented line, after a short line, or after
    a vertical gap wider than ``gap_limit``."""
    paras: list[Para] = []
    prev: TextLine | None = None
    for ln in lines:
        indented = ln.x0 > left + 0.8 * em
        gap = prev is not None and ln.top - prev.bottom > gap_limit
        if prev is None or indented or gap or paras[-1].last_full is False:
            paras.append(Para([ln], page, indented))
        else:
            paras[-1].lines.append(ln)
        paras[-1].last_full = ln.x1 >= right - 1.5 * em
        prev = ln
    return paras


def paragraph_gap_limit(pages: list[list[TextLine]], em: float) -> float:
    """The vertical gap between lines that starts a new paragraph: 1.2 em, or, in a document set
    with wide fixed line spacing (公文 are often set at a fixed 28 pt), 0.8 em more than the
    usual gap between consecutive lines."""
    gaps = [
        b.top - a.bottom
        for lines in pages
        for a, b in zip(lines, lines[1:], strict=False)
        if b.top >= a.bottom
    ]
    usual = statistics.median(gaps) if gaps else 0.0
    return max(1.2 * em, usual + 0.8 * em)
