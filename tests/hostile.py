"""Builders of small hostile files for the tests (each built in the test, never stored)."""

from __future__ import annotations


def pdf_file(objects: list[bytes]) -> bytes:
    """Object bodies (object 1 is the catalog) → a PDF with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf_stream(attrs: bytes, data: bytes) -> bytes:
    return b"<< " + attrs + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def page(resources: bytes) -> bytes:
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << "
        + resources
        + b" >> /Contents 4 0 R >>"
    )


def self_painting_form_pdf() -> bytes:
    """A page that paints form X, whose content paints X again (the issue's 831-byte PDF)."""
    return pdf_file(
        [
            CATALOG,
            PAGES,
            page(b"/XObject << /X 5 0 R >> /Font << /F1 6 0 R >>"),
            pdf_stream(b"", b"BT /F1 12 Tf 10 10 Td (Hello) Tj ET /X Do"),
            pdf_stream(
                b"/Type /XObject /Subtype /Form /BBox [0 0 100 100] "
                b"/Resources << /XObject << /X 5 0 R >> >>",
                b"0 0 m 50 50 l S /X Do",
            ),
            FONT,
        ]
    )


def fan_out_forms_pdf(levels: int = 24) -> bytes:
    """Forms each painting the next one twice: the last is painted 2**(levels-1) times."""
    forms = []
    for i in range(levels):
        number = 5 if i == 0 else 6 + i
        if i + 1 < levels:
            attrs = b"/Resources << /XObject << /X %d 0 R >> >>" % (7 + i)
            body = b"0 0 m 50 50 l S /X Do /X Do"
        else:
            attrs, body = b"", b"0 0 m 50 50 l S"
        forms.append(
            (number, pdf_stream(b"/Type /XObject /Subtype /Form /BBox [0 0 1 1] " + attrs, body))
        )
    objects = dict(forms) | {6: FONT}
    head = [CATALOG, PAGES, page(b"/XObject << /X 5 0 R >> /Font << /F1 6 0 R >>")]
    head.append(pdf_stream(b"", b"BT /F1 12 Tf 10 10 Td (Hello) Tj ET /X Do"))
    return pdf_file(head + [objects[n] for n in range(5, 6 + levels)])


def page_tree_loop_pdf() -> bytes:
    """A Pages node whose only kid is a Pages node whose only kid is the first."""
    return pdf_file([CATALOG, PAGES, b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"])


def deep_mhtml(depth: int) -> bytes:
    """A saved web page whose HTML part sits ``depth`` multipart levels down."""
    head = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b0"\r\n\r\n'
    levels = b"".join(
        b'--b%d\r\nContent-Type: multipart/related; boundary="b%d"\r\n\r\n' % (i, i + 1)
        for i in range(depth)
    )
    return head + levels + b"--b%d\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n" % depth
