"""Structural checks on a PDF before PDFium loads its pages: some shapes make PDFium recurse
without end, abort the process (SIGABRT) or paint one form millions of times.

- a page tree that loops (a Pages node among its own descendants);
- a form XObject that paints itself, directly or through others;
- forms that fan out: a form that paints another twice, which paints another twice, ... 24
  levels paint the last one 16 million times.

The object graph is walked with pdfminer.six (installed with pdfplumber): the page tree, each
page's XObject resources, and for each form XObject the names its content stream paints
(``/Name Do``). A PDF that pdfminer cannot parse is left to PDFium (which repairs more).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from ..errors import UnreadableFile

MAX_FORM_PAINTS = 100_000  # form paints one page may cost, nested ones counted per use
MAX_PAGE_NODES = 1_000_000  # nodes of a page tree (the largest real PDFs have ~100,000 pages)
_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")
_HEX = re.compile(r"#([0-9A-Fa-f]{2})")


class UnsafePdf(UnreadableFile):
    """A PDF whose structure would crash or hang the PDF library."""


# A form XObject is a stream, and a stream's dictionary is never inside an object stream: it
# stands in the file's bytes, where /Subtype /Form spells the name /Form, unless the name is
# written with #xx escapes or the value is an indirect reference. Without any of these the file
# has no form XObject, and PDFium itself copes with a page tree that loops (the page fails to
# load), so the walk below, which costs milliseconds, is not needed. One pattern for the three,
# so the file's bytes are searched once (a search for "Form" and then this pattern took twice
# as long).
_FORM_INDIRECT_SUBTYPE_OR_ESCAPED_NAME = re.compile(
    rb"/(?:Form|Subtype\s*\d|[A-Za-z]{0,16}#[0-9A-Fa-f]{2})"
)


def may_hold_forms(data: bytes) -> bool:
    """Could the PDF hold a form XObject (see above)? True is only a maybe."""
    return _FORM_INDIRECT_SUBTYPE_OR_ESCAPED_NAME.search(data) is not None


def check_pdf(data: bytes) -> None:
    """PDF bytes → None, or UnsafePdf with the reason (see the module docstring)."""
    if not may_hold_forms(data):
        return
    try:
        catalog, resolve = _open(data)
    except UnsafePdf:
        raise
    except Exception:  # pdfminer cannot parse it: PDFium may, and will say so
        return
    try:
        for resources in _pages(resolve(catalog.get("Pages")), resolve):
            _check_page(resources, resolve)
    except (UnsafePdf, MemoryError):
        raise
    except RecursionError:
        raise UnsafePdf("the PDF's objects nest too deeply") from None
    except Exception:  # a broken object: PDFium will say what is wrong
        return


def _open(data: bytes) -> tuple[dict, Any]:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    doc = PDFDocument(PDFParser(io.BytesIO(data)))
    return doc.catalog, resolve1


def _pages(root: Any, resolve: Any) -> Iterator[dict]:
    """The page tree → each page's resources (inherited ones included); UnsafePdf if it loops."""
    stack: list[tuple[Any, dict | None, frozenset[int]]] = [(root, None, frozenset())]
    nodes = 0
    while stack:
        ref, inherited, above = stack.pop()
        node = resolve(ref)
        objid = getattr(ref, "objid", None)
        if objid is not None and objid in above:
            raise UnsafePdf("the PDF's page tree loops (a page node contains itself)")
        nodes += 1
        if nodes > MAX_PAGE_NODES or not isinstance(node, dict):
            if nodes > MAX_PAGE_NODES:
                raise UnsafePdf(f"the PDF's page tree has more than {MAX_PAGE_NODES:,} nodes")
            continue
        resources = resolve(node.get("Resources")) or inherited
        kids = resolve(node.get("Kids"))
        if isinstance(kids, list):
            path = above | {objid} if objid is not None else above
            stack.extend((kid, resources, path) for kid in reversed(kids))
        else:
            yield resources if isinstance(resources, dict) else {}


def _check_page(resources: dict, resolve: Any) -> None:
    """Every form XObject of a page's resources, counted as painted once: UnsafePdf if they
    loop or fan out past MAX_FORM_PAINTS."""
    memo: dict[int, int] = {}
    total = 0
    for ref in _xobjects(resources, resolve).values():
        total += _paints(ref, resources, resolve, memo, frozenset())
        if total > MAX_FORM_PAINTS:
            raise UnsafePdf(_FAN_OUT)


_FAN_OUT = f"the PDF's forms fan out (more than {MAX_FORM_PAINTS:,} form paints on a page)"


def _paints(ref: Any, inherited: dict, resolve: Any, memo: dict[int, int], above: frozenset) -> int:
    """How many form paints painting ``ref`` costs (itself and everything it paints)."""
    objid = getattr(ref, "objid", None)
    if objid is not None and objid in above:
        raise UnsafePdf("the PDF has a form XObject that paints itself (a loop)")
    if objid is not None and objid in memo:
        return memo[objid]
    form = resolve(ref)
    attrs = getattr(form, "attrs", None)
    if not isinstance(attrs, dict) or _name(attrs.get("Subtype")) != "Form":
        return 0
    resources = resolve(attrs.get("Resources"))
    resources = resources if isinstance(resources, dict) else inherited
    children = _xobjects(resources, resolve)
    count = 1
    path = above | {objid} if objid is not None else above
    for name in _painted_names(form):
        child = children.get(name)
        if child is not None:
            count += _paints(child, resources, resolve, memo, path)
            if count > MAX_FORM_PAINTS:
                raise UnsafePdf(_FAN_OUT)
    if objid is not None:
        memo[objid] = count
    return count


def _xobjects(resources: dict, resolve: Any) -> dict[str, Any]:
    xobjects = resolve(resources.get("XObject")) if isinstance(resources, dict) else None
    return xobjects if isinstance(xobjects, dict) else {}


def _painted_names(form: Any) -> list[str]:
    """The XObject names a form's content stream paints (``/Name Do``), once per use."""
    data = form.get_data()
    return [
        _HEX.sub(lambda m: chr(int(m.group(1), 16)), m.decode("latin-1")) for m in _DO.findall(data)
    ]


def _name(value: Any) -> str | None:
    name = getattr(value, "name", value)
    if isinstance(name, bytes):
        name = name.decode("latin-1")
    return name if isinstance(name, str) else None
