"""Pages drawn other than as shown, as tools write them: a page's drawing turned on its side with
``/Rotate`` set so that a viewer shows it as before (a landscape table page, a scanner's page),
or moved with its media box and cut by a crop box. Used by the producer sweep (``build_sweep``)
and by the tests' minimal reproductions (``tests/pdf_synth.py``).
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium


def turned(data: bytes, rotation: int) -> bytes:
    """The PDF as a producer writes a page it turns: each page's drawing turned the other way
    on a page of the turned size, and ``/Rotate`` set so that a viewer shows it as before."""

    src, out = pdfium.PdfDocument(data), pdfium.PdfDocument.new()
    for index in range(len(src)):
        w, h = src[index].get_size()
        form = src.page_as_xobject(index, out).as_pageobject()
        m = pdfium.PdfMatrix()
        if rotation == 90:  # shown turned a quarter clockwise: drawn a quarter anticlockwise
            m, size = m.rotate(90, ccw=True).translate(h, 0), (h, w)
        elif rotation == 180:
            m, size = m.rotate(180).translate(w, h), (w, h)
        else:
            m, size = m.rotate(90, ccw=False).translate(0, w), (h, w)
        form.transform(m)
        page = out.new_page(*size)
        page.insert_obj(form)
        page.gen_content()
        page.set_rotation(rotation)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def moved(
    data: bytes, dx: float, dy: float, crop: tuple[float, float, float, float] = (0, 0, 0, 0)
) -> bytes:
    """The PDF with each page's space moved by (dx, dy): its drawing and its media box with it,
    so that a viewer shows the same page; ``crop``: a crop box that much inside the media box
    (left, bottom, right, top), as tools that trim margins write."""

    src, out = pdfium.PdfDocument(data), pdfium.PdfDocument.new()
    for index in range(len(src)):
        w, h = src[index].get_size()
        form = src.page_as_xobject(index, out).as_pageobject()
        form.transform(pdfium.PdfMatrix().translate(dx, dy))
        page = out.new_page(w, h)
        page.insert_obj(form)
        page.gen_content()
        page.set_mediabox(dx, dy, w + dx, h + dy)
        if any(crop):
            left, bottom, right, top = crop
            page.set_cropbox(dx + left, dy + bottom, w + dx - right, h + dy - top)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()
