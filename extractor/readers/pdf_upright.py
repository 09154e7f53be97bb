"""How a page is shown, and pages drawn other than as shown drawn again as shown.

A page whose content is drawn on its side and turned by the viewer (``/Rotate``: a landscape
table page, a scanner's page), whose media box does not start at the origin (a page moved or
cut by a tool), or that has no media box of its own (it inherits the page tree's, which PDFium
does not read: crbug.com/pdfium/1786, it gives US Letter instead) is drawn again, as a form, on
a page of the size it is shown at, starting at the origin, with a media box of its own.

PDFium gives character and path coordinates in the page's own space but page sizes as shown,
and its text lines and writing directions follow the drawing: read unturned, a turned page's
text runs down its lines and its table is found on its side, if at all; and PDFium places some
characters of a page whose box starts 300 pt left of the origin 300 pt off.

Only a file with such a page is copied; the copy is read instead of the file (text, tables and
the pdfplumber engine alike), and its boxes are where the page shows them.

A viewer shows only what lies in the page's crop box; PDFium's text page and pdfplumber's
characters hold the text outside it too. ``visible_part`` is the part a viewer shows where it
hides anything; ``hidden`` tells a box it shows nothing of, ``within`` one it shows whole.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium

from .pdf_rules import CellBox


def drawn_as_shown(page: pdfium.PdfPage) -> bool:
    """Is the page drawn as it is shown: not turned, its media box its own (PDFium reads no
    media box a page inherits from its page tree, crbug.com/pdfium/1786, and gives US Letter
    instead) and starting at the origin?"""
    box = page.get_mediabox(fallback_ok=False)
    return box is not None and not page.get_rotation() and box[0] == 0 and box[1] == 0


def upright_pdf(pdf: pdfium.PdfDocument, turns: dict[int, int] | None = None) -> bytes:
    """A copy of the document with every page that is not ``drawn_as_shown`` drawn as shown,
    and turned a quarter anticlockwise ``turns[index]`` times (a page whose text runs on its
    side, 1 or 3, or upside down, 2, set upright: ``pdf_sideways``); the other pages as they
    are."""
    out = pdfium.PdfDocument.new()
    for index in range(len(pdf)):
        page = pdf[index]
        turn = (turns or {}).get(index, 0)
        if drawn_as_shown(page) and not turn:
            out.import_pages(pdf, [index])
            continue
        # PDFium makes the page a form as it is shown: turned, its box's corner at the origin
        form = pdf.page_as_xobject(index, out).as_pageobject()
        w, h = page.get_width(), page.get_height()  # the size as shown
        if turn:
            form.transform(_turn_matrix(turn, w, h))
        shown = out.new_page(*((h, w) if turn % 2 else (w, h)))
        shown.insert_obj(form)
        shown.gen_content()
    buf = io.BytesIO()
    out.save(buf)
    out.close()
    return buf.getvalue()


def _turn_matrix(turn: int, w: float, h: float) -> pdfium.PdfMatrix:
    """The matrix that turns a page of w × h a quarter anticlockwise ``turn`` times onto a page
    starting at the origin, written exactly: ``PdfMatrix.rotate`` leaves cos 90° = 6e-17 where
    0 belongs, and PDFium then breaks every character of the page onto a line of its own."""
    if turn == 1:
        return pdfium.PdfMatrix(0, 1, -1, 0, h, 0)  # (x, y) → (h - y, x)
    if turn == 2:
        return pdfium.PdfMatrix(-1, 0, 0, -1, w, h)  # (x, y) → (w - x, h - y)
    return pdfium.PdfMatrix(0, -1, 1, 0, 0, w)  # (x, y) → (y, w - x)


def visible_part(page: pdfium.PdfPage, redrawn: bool = False) -> CellBox | None:
    """The part of a page drawn as shown that a viewer shows (its crop box within its media
    box: PDFium's page box, which unlike ``get_cropbox`` takes a crop box the page inherits),
    in the top-left coordinates the reader counts from the media box's top-left corner; None
    where it is the whole media box, unless the page was ``redrawn`` (its drawing may then run
    past the page)."""
    mx0, my0, mx1, my1 = page.get_mediabox()
    bx0, by0, bx1, by1 = page.get_bbox()
    part = (bx0 - mx0, my1 - by1, bx1 - mx0, my1 - by0)
    return part if redrawn or part != (0.0, 0.0, mx1 - mx0, my1 - my0) else None


def hidden(box: CellBox, shown: CellBox) -> bool:
    """Does a box (a text line's, a character's, a rule) lie wholly outside the ``shown`` part
    of its page, so that a viewer shows none of it?"""
    return box[2] <= shown[0] or box[0] >= shown[2] or box[3] <= shown[1] or box[1] >= shown[3]


def within(box: CellBox, shown: CellBox) -> bool:
    """Does a box lie wholly inside the ``shown`` part of its page?"""
    return box[0] >= shown[0] and box[2] <= shown[2] and box[1] >= shown[1] and box[3] <= shown[3]
