"""How a page is shown. Pages drawn other than as shown, drawn again as shown: a page whose content is drawn on its
side and turned by the viewer (``/Rotate``: a landscape table page, a scanner's page), or whose
media box does not start at the origin (a page moved or cut by a tool), is drawn again, as a
form, on a page of the size it is shown at, starting at the origin.

PDFium gives character and path coordinates in the page's own space but page sizes as shown,
and its text lines and writing directions follow the drawing: read unturned, a turned page's
text runs down its lines and its table is found on its side, if at all; and PDFium places some
characters of a page whose box starts 300 pt left of the origin 300 pt off.

Only a file with such a page is copied; the copy is read instead of the file (text, tables and
the pdfplumber engine alike), and its boxes are where the page shows them.

A viewer shows only what lies in the page's crop box; PDFium's text page and pdfplumber's
characters hold the text outside it too. ``shown_box`` is the part a viewer shows; ``hidden``
tells a box it shows nothing of, ``within`` one it shows whole.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium

Box = tuple[float, float, float, float]  # x0, top, x1, bottom: top-left coordinates


def drawn_as_shown(page: pdfium.PdfPage) -> bool:
    """Is the page drawn as it is shown: not turned, its media box its own (PDFium reads no
    media box a page inherits from its page tree, crbug.com/pdfium/1786, and gives US Letter
    instead) and starting at the origin?"""
    box = page.get_mediabox(fallback_ok=False)
    return box is not None and not page.get_rotation() and box[0] == 0 and box[1] == 0


def upright_pdf(pdf: pdfium.PdfDocument) -> bytes:
    """A copy of the document with every page that is not ``drawn_as_shown`` drawn as shown;
    the other pages as they are."""
    out = pdfium.PdfDocument.new()
    for index in range(len(pdf)):
        page = pdf[index]
        if drawn_as_shown(page):
            out.import_pages(pdf, [index])
            continue
        # PDFium makes the page a form as it is shown: turned, its box's corner at the origin
        form = pdf.page_as_xobject(index, out).as_pageobject()
        shown = out.new_page(page.get_width(), page.get_height())  # the size as shown
        shown.insert_obj(form)
        shown.gen_content()
    buf = io.BytesIO()
    out.save(buf)
    out.close()
    return buf.getvalue()


def shown_box(page: pdfium.PdfPage) -> Box:
    """The part of the page a viewer shows (its crop box within its media box: PDFium's page
    box, which unlike ``get_cropbox`` takes a box the page inherits from the page tree), in
    the top-left coordinates the reader counts from the media box's top-left corner (the
    page's own: see ``drawn_as_shown``)."""
    mx0, _, _, my1 = page.get_mediabox()
    bx0, by0, bx1, by1 = page.get_bbox()
    return (bx0 - mx0, my1 - by1, bx1 - mx0, my1 - by0)


def hidden(box: Box, shown: Box) -> bool:
    """Does a box (a text line's, a character's) lie wholly outside the ``shown`` part of its
    page, so that a viewer shows none of it?"""
    return box[2] <= shown[0] or box[0] >= shown[2] or box[3] <= shown[1] or box[1] >= shown[3]


def within(box: Box, shown: Box) -> bool:
    """Does a box lie wholly inside the ``shown`` part of its page?"""
    return box[0] >= shown[0] and box[2] <= shown[2] and box[1] >= shown[1] and box[3] <= shown[3]


def cropped(page: pdfium.PdfPage, shown: Box) -> bool:
    """Does the page's crop box (``shown``) cut anything off its media box?"""
    x0, y0, x1, y1 = page.get_mediabox()
    return shown != (0.0, 0.0, x1 - x0, y1 - y0)
