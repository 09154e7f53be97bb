"""Pages drawn other than as shown, drawn again as shown: a page whose content is drawn on its
side and turned by the viewer (``/Rotate``: a landscape table page, a scanner's page), or whose
media box does not start at the origin (a page moved or cut by a tool), is drawn again, as a
form, on a page of the size it is shown at, starting at the origin.

PDFium gives character and path coordinates in the page's own space but page sizes as shown,
and its text lines and writing directions follow the drawing: read unturned, a turned page's
text runs down its lines and its table is found on its side, if at all; and PDFium places some
characters of a page whose box starts 300 pt left of the origin 300 pt off.

Only a file with such a page is copied; the copy is read instead of the file (text, tables and
the pdfplumber engine alike), and its boxes are where the page shows them.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium


def drawn_as_shown(page: pdfium.PdfPage) -> bool:
    """Is the page drawn as it is shown: not turned, its media box starting at the origin?"""
    x0, y0, _, _ = page.get_mediabox()
    return not page.get_rotation() and x0 == 0 and y0 == 0


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
