"""Builders of small hostile files for the tests (each built in the test, never stored)."""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Iterator


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


# --- a seeded mutator: broken copies of real files ------------------------------------------------

MUTATIONS = ("flip", "truncate", "delete", "duplicate", "insert", "splice_number")


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One broken copy of ``data``: bytes flipped, cut off, a slice deleted, duplicated or
    filled with junk, or a number in the file replaced by a huge or negative one."""
    how = rng.choice(MUTATIONS)
    n = len(data)
    at = rng.randrange(n)
    if how == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 16)):
            out[rng.randrange(n)] = rng.randrange(256)
        return bytes(out)
    if how == "truncate":
        return data[:at]
    span = rng.randint(1, max(1, n // 20))
    if how == "delete":
        return data[:at] + data[at + span :]
    if how == "duplicate":
        return data[:at] + data[at : at + span] * rng.randint(2, 8) + data[at:]
    if how == "insert":
        return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))) + data[at:]
    numbers = [m.start() for m in re.finditer(rb"\d+", data[at : at + 4096])]
    if not numbers:
        return data[:at]
    start = at + rng.choice(numbers)
    end = start + len(re.match(rb"\d+", data[start:]).group())
    return data[:start] + rng.choice([b"99999999999", b"-1", b"0", b"4294967296"]) + data[end:]


def mutate_zip_member(data: bytes, rng: random.Random) -> bytes:
    """A zip-based file (DOCX) with one member's bytes mutated and the package rebuilt, so the
    damage reaches the XML parser instead of stopping at the zip's CRC."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    victim = rng.choice([n for n in names if n.endswith(".xml")] or names)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name in names:
            body = src.read(name)
            out.writestr(name, mutate(body, rng) if name == victim else body)
    return buf.getvalue()


def mutants(seeds: dict[str, bytes], count: int, seed: int = 11) -> Iterator[tuple[str, bytes]]:
    """``count`` (name, bytes) mutants of the seed files (name → bytes), reproducible."""
    rng = random.Random(seed)
    names = sorted(seeds)
    for i in range(count):
        name = names[i % len(names)]
        data = seeds[name]
        suffix = name.rsplit(".", 1)[-1]
        if suffix == "docx" and rng.random() < 0.7:
            body = mutate_zip_member(data, rng)
        else:
            body = mutate(data, rng)
        yield f"case-{i:04d}-{name}", body
