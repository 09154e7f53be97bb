"""Pages drawn other than as shown, as tools write them: a page's drawing turned on its side with
``/Rotate`` set so that a viewer shows it as before (a landscape table page, a scanner's page),
or moved with its media box and cut by a crop box; or sized once, on the page tree, which its
pages inherit. Used by the producer sweep (``build_sweep``) and by the tests' minimal
reproductions (``tests/pdf_synth.py``).
"""

from __future__ import annotations

import io
import re

import pypdfium2 as pdfium


def turned(
    data: bytes, rotation: int, shown_upright: bool = True, pages: set[int] | None = None
) -> bytes:
    """The PDF as a producer writes a page it turns: each page's drawing (or only ``pages``',
    by index) turned the other way on a page of the turned size, and ``/Rotate`` set so that a
    viewer shows it as before; or, not ``shown_upright``, left on its side or upside down (a
    landscape page put in on its side)."""

    src, out = pdfium.PdfDocument(data), pdfium.PdfDocument.new()
    for index in range(len(src)):
        if pages is not None and index not in pages:
            out.import_pages(src, [index])
            continue
        w, h = src[index].get_size()
        form = src.page_as_xobject(index, out).as_pageobject()
        # written exactly, as Word and LibreOffice write a turn ("0 1 -1 0 cm"): a matrix made
        # by PdfMatrix.rotate holds cos 90° = 6e-17 where 0 belongs
        if rotation == 90:  # shown turned a quarter clockwise: drawn a quarter anticlockwise
            m, size = pdfium.PdfMatrix(0, 1, -1, 0, h, 0), (h, w)
        elif rotation == 180:
            m, size = pdfium.PdfMatrix(-1, 0, 0, -1, w, h), (w, h)
        else:
            m, size = pdfium.PdfMatrix(0, -1, 1, 0, 0, w), (h, w)
        form.transform(m)
        page = out.new_page(*size)
        page.insert_obj(form)
        page.gen_content()
        if shown_upright:
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


def boxes_on_the_page_tree(data: bytes, keys: tuple[str, ...] = ("MediaBox",)) -> bytes:
    """The PDF as producers that give the page size once, on the page tree, write it: the
    pages' boxes ``keys`` moved to the ``/Pages`` node, from which they inherit them, and the
    cross-reference table written again. For a file with one ``/Pages`` node, a classic
    cross-reference table and no object streams (reportlab, Chromium, LibreOffice), whose pages
    have one size; ValueError for any other."""
    if b"/ObjStm" in data or b"/XRef" in data or len(re.findall(rb"/Type\s*/Pages\b", data)) != 1:
        raise ValueError("not a PDF whose objects can be rewritten in place")
    for key in keys:
        pattern = re.compile(rb"/%s\s*\[([^\]]*)\]" % key.encode())
        found = list(pattern.finditer(data))
        if len({tuple(float(v) for v in m.group(1).split()) for m in found}) != 1:
            raise ValueError(f"the pages' /{key} differ, or there is none")
        box = b"/%s [%s]" % (key.encode(), found[0].group(1).strip())
        pages = re.compile(rb"/Type\s*/Pages\b")
        data = pages.sub(b"/Type /Pages " + box, pattern.sub(b"", data), count=1)
    head = data[: data.rindex(b"\nxref") + 1]
    offsets: dict[int, int] = {}
    for m in re.finditer(rb"(?m)^(\d+) 0 obj\b", head):
        offsets.setdefault(int(m.group(1)), m.start())
    count = max(offsets) + 1
    rows = [b"%010d 00000 n \n" % offsets[i] if i in offsets else b"0000000000 65535 f \n"
            for i in range(1, count)]  # fmt: skip
    xref = b"xref\n0 %d\n0000000000 65535 f \n" % count + b"".join(rows)
    trailer = data[data.rindex(b"trailer") : data.rindex(b"startxref")]
    trailer = re.sub(rb"/Size\s+\d+", b"/Size %d" % count, re.sub(rb"/Prev\s+\d+", b"", trailer))
    return head + xref + trailer + b"startxref\n%d\n%%%%EOF\n" % len(head)
