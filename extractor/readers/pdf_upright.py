"""Pages shown turned (``/Rotate``) made upright: a page whose content is drawn on its side and
turned by the viewer (a landscape table page, a scanner's page) is drawn again, as a form, on a
page of the size it is shown at, turned so that it reads as shown. PDFium gives character and
path coordinates in the page's own space but page sizes as shown, and its text lines and
writing directions follow the drawing: read unturned, such a page's text runs down its lines and
its table is found on its side, if at all.

Only a file with a turned page is copied; the copy is read instead of the file (text, tables and
the pdfplumber engine alike), and its boxes are where the page shows them.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium


def upright_pdf(pdf: pdfium.PdfDocument) -> bytes:
    """A copy of the document with every turned page drawn upright; the other pages as they are."""
    out = pdfium.PdfDocument.new()
    for index in range(len(pdf)):
        page = pdf[index]
        rotation = page.get_rotation()
        if not rotation:
            out.import_pages(pdf, [index])
            continue
        # PDFium makes the page a form as it is shown: turned, its origin at the bottom left
        form = pdf.page_as_xobject(index, out).as_pageobject()
        shown = out.new_page(page.get_width(), page.get_height())  # the size as shown
        shown.insert_obj(form)
        shown.gen_content()
    buf = io.BytesIO()
    out.save(buf)
    out.close()
    return buf.getvalue()
