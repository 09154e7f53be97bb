"""HTML: a report saved from a government site (navigation, headers and footers around it) or a
bare report fragment → paragraphs and tables in document order.

The report's content area is found by the usual content ids/classes (zoom, TRS_Editor, content,
article, ...) and by where the text is; the article's headline is kept when it sits outside that
area. Table grids come from ``colspan``/``rowspan``; ``<br>`` and block elements inside a cell are
line breaks; ``&nbsp;`` alone is a blank cell. Provenance: the element's source line, a running
paragraph index, and table/row/column for cells.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from ..errors import EmptyFile, NotAReport, UnreadableFile
from ..model import Block, Document, Paragraph, Provenance, Table, grid_from_spans
from ..textutil import clean_inline, fix_lookalikes
from .text import decode_text

# fmt: off
SKIP = frozenset({
    "script", "style", "noscript", "head", "title", "meta", "link", "iframe", "object", "embed",
    "select", "option", "button", "input", "textarea", "svg", "template", "map", "area", "audio",
    "video", "canvas",
})
BLOCK = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
    "header", "footer", "nav", "aside", "main", "blockquote", "pre", "center", "dl", "dt", "dd",
    "form", "fieldset", "address", "figure", "figcaption", "hr", "caption", "tr", "td", "th",
    "tbody", "thead", "tfoot", "table",
})
# fmt: on
CONTENT_HINTS = ("zoom", "trs_", "content", "article", "detail", "zhengwen", "正文")
HEADLINE_HINT = re.compile(r"title|biaoti|headline", re.I)
DESCEND_SHARE = 0.75  # descend into a child holding at least this share of the text
CANDIDATE_SHARE = 0.5  # a hinted element must hold at least this share of the page's text
NESTED_SHARE = 0.9  # an inner hinted element replaces an outer one holding little more
HEADLINE_CHARS = (4, 120)  # a headline's length: a few words to one long title, not a paragraph
CHARSET_HEAD = 4096  # bytes of the page looked at for its declared charset (in <head>)
_WS = re.compile(r"[ \t\r\n\f]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
_GB = ("gb2312", "gbk", "gb18030", "x-gbk", "gb_2312-80", "cp936", "euc-cn")


# --- bytes → text ------------------------------------------------------------------------------


def declared_charset(data: bytes) -> str | None:
    """The charset the page declares (BOM, XML declaration, ``<meta charset>`` or
    ``http-equiv``) as a Python codec name, or None. GB2312/GBK are read as GB18030 (their
    superset: pages declared GB2312 often hold GBK characters)."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:CHARSET_HEAD]
    m = _XML_ENCODING.match(head) or _CHARSET.search(head)
    if not m:
        return None
    return codec_name(m.group(1).decode("ascii"))


def codec_name(charset: str) -> str | None:
    """A charset label → Python codec name; GB2312/GBK → GB18030 (their superset)."""
    name = charset.strip().lower()
    if name in _GB:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, source: str, charset: str | None = None) -> str:
    """Page bytes → str: the charset given (by the MIME header of a saved page) or declared
    when it decodes cleanly, else sniffed (UTF-8, then GB18030, then UTF-16)."""
    declared = (codec_name(charset) if charset else None) or declared_charset(data)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # mislabelled pages exist; sniff instead
    return decode_text(data, source)


# --- element helpers ---------------------------------------------------------------------------


def _tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _hints(el: etree._Element) -> str:
    return f"{el.get('id', '')} {el.get('class', '')}".lower()


def _own_rows(table: etree._Element) -> list[etree._Element]:
    return table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")


def _row_cells(tr: etree._Element) -> list[etree._Element]:
    return tr.xpath("./td | ./th")


def is_layout_table(table: etree._Element) -> bool:
    """A table used for page layout, not data: one cell, or a cell holding another table."""
    cells = [td for tr in _own_rows(table) for td in _row_cells(tr)]
    return len(cells) <= 1 or any(td.xpath(".//table") for td in cells)


def _text_weights(root: etree._Element) -> dict[etree._Element, int]:
    """Element → characters of visible text inside it, link text not counted (navigation
    is mostly links)."""
    weights: dict[etree._Element, int] = {}

    def visit(el: etree._Element, in_link: bool) -> int:
        tag = _tag(el)
        if tag in SKIP or not tag:
            return 0
        link = in_link or tag == "a"
        total = 0 if link else len((el.text or "").strip())
        for child in el:
            total += visit(child, link)
            if not link:
                total += len((child.tail or "").strip())
        weights[el] = total
        return total

    visit(root, False)
    return weights


def _descent_children(el: etree._Element) -> list[etree._Element]:
    if _tag(el) == "table":
        if not is_layout_table(el):
            return []
        return [td for tr in _own_rows(el) for td in _row_cells(tr)]
    return [c for c in el if _tag(c) and _tag(c) not in SKIP]


def _hinted(el: etree._Element) -> bool:
    """Does the element's id or class name it as the content (zoom, TRS_Editor, content...)?"""
    return any(h in token for token in _hints(el).split() for h in CONTENT_HINTS)


def _holds_blocks(el: etree._Element) -> bool:
    """A container of paragraphs and tables (or a layout table), not a paragraph itself."""
    if _tag(el) == "table":
        return is_layout_table(el)
    return any(_tag(c) in BLOCK for c in el)


def content_root(body: etree._Element) -> etree._Element:
    """The element holding the report. A content-hinted element holding at least half of the
    page's text wins (the innermost of nested ones that keeps nearly all of it); otherwise go
    down from ``<body>`` while one child holds most of the text (never into a data table)."""
    weights = _text_weights(body)
    total = weights.get(body, 0) or 1
    hinted = [
        el
        for el, w in weights.items()
        if w >= CANDIDATE_SHARE * total and _tag(el) not in ("table", "tr", "tbody") and _hinted(el)
    ]
    if hinted:
        outer = max(weights[el] for el in hinted)
        return min(
            (el for el in hinted if weights[el] >= NESTED_SHARE * outer), key=weights.__getitem__
        )
    node = body
    while True:
        kids = _descent_children(node)
        if not kids:
            return node
        big = max(kids, key=lambda k: weights.get(k, 0))
        if weights.get(big, 0) < DESCEND_SHARE * weights.get(node, 0):
            return node
        if not _holds_blocks(big):
            return node  # a paragraph or a data table is part of the content, not its area
        node = big


def headline(doc: etree._Element, root: etree._Element) -> etree._Element | None:
    """The article's headline when it sits before the content area, outside it: the last
    title-classed or ``<h1>`` element before it (else the last ``<h2>``), not a link."""
    skip = set(root.iter()) | set(root.iterancestors())
    best: tuple[int, etree._Element] | None = None
    for el in doc.iter():
        if el is root:
            break
        tag = _tag(el)
        if el in skip or not tag or tag in SKIP or el.xpath("ancestor-or-self::a"):
            continue
        rank = 2 if tag == "h1" or HEADLINE_HINT.search(_hints(el)) else int(tag == "h2")
        outranked = best is not None and rank < best[0]
        shortest, longest = HEADLINE_CHARS
        if rank and not outranked and shortest <= len(clean_inline(el.text_content())) <= longest:
            best = (rank, el)
    return best[1] if best else None


# --- text --------------------------------------------------------------------------------------


def _flat(text: str | None) -> str:
    return _WS.sub(" ", text) if text else ""


def element_lines(el: etree._Element) -> list[str]:
    """Visible text of an element as lines: ``<br>`` and block elements break lines, source
    whitespace collapses, ``&nbsp;`` counts as a space."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        tag = _tag(node)
        if tag in SKIP or not tag:
            return
        if tag == "br":
            parts.append("\n")
            return
        block = tag in BLOCK
        if block:
            parts.append("\n")
        parts.append(_flat(node.text))
        for child in node:
            visit(child)
            parts.append(_flat(child.tail))
        if block:
            parts.append("\n")

    parts.append(_flat(el.text))
    for child in el:
        visit(child)
        parts.append(_flat(child.tail))
    lines = [clean_inline(fix_lookalikes(line)) for line in "".join(parts).split("\n")]
    return [line for line in lines if line]


def _span(value: str | None, default: int = 1) -> int:
    m = re.match(r"\s*(\d+)", value or "")
    return min(int(m.group(1)), 1000) if m else default


def table_to_grid(table: etree._Element, index: int) -> Table:
    """A ``<table>`` → Table, ``colspan``/``rowspan`` placed as the HTML table model does
    (a cell starts at the first column its row has free)."""
    rows = _own_rows(table)
    n_rows = len(rows)
    taken: set[tuple[int, int]] = set()
    spans = []
    for r, tr in enumerate(rows):
        c = 0
        for td in _row_cells(tr):
            while (r, c) in taken:
                c += 1
            cs = max(1, _span(td.get("colspan")))
            rs = _span(td.get("rowspan"))
            rs = n_rows - r if rs == 0 else max(1, min(rs, n_rows - r))
            text = "\n".join(element_lines(td))
            prov = Provenance(line=td.sourceline, table=index, row=r, col=c)
            spans.append((r, c, rs, cs, text, prov))
            taken.update((rr, cc) for rr in range(r, r + rs) for cc in range(c, c + cs))
            c += cs
    n_cols = max((c + 1 for _, c in taken), default=0)
    grid = grid_from_spans(spans, n_rows, n_cols)
    return Table(grid, Provenance(line=table.sourceline, table=index), index)


@dataclass(slots=True)
class _Place:
    """Where the walk of a content area stands: paragraphs and tables so far, the source line
    of the paragraph being gathered."""

    para: int = 0
    table: int = 0
    line: int | None = None


def content_to_blocks(root: etree._Element, first: etree._Element | None = None) -> list[Block]:
    """The content area (and a headline before it) → paragraphs and tables in order."""
    blocks: list[Block] = []
    buf: list[str] = []
    state = _Place()

    def flush() -> None:
        for line in "".join(buf).split("\n"):
            text = clean_inline(fix_lookalikes(line))
            if text:
                prov = Provenance(line=state.line, para=state.para)
                blocks.append(Paragraph(text, prov))
        if any(p.strip() for p in buf):
            state.para += 1
        buf.clear()
        state.line = None

    def add(text: str | None, el: etree._Element) -> None:
        flat = _flat(text)
        if flat:
            if state.line is None and flat.strip():
                state.line = el.sourceline
            buf.append(flat)

    def visit(el: etree._Element) -> None:
        tag = _tag(el)
        if tag in SKIP or not tag:
            return
        if tag == "br":
            buf.append("\n")
            return
        if tag == "table" and not is_layout_table(el):
            flush()
            for caption in el.xpath("./caption"):
                add(caption.text_content(), caption)
                flush()
            blocks.append(table_to_grid(el, state.table))
            state.table += 1
            return
        block = tag in BLOCK
        if block:
            flush()
        add(el.text, el)
        for child in el:
            visit(child)
            add(child.tail, el)
        if block:
            flush()

    if first is not None:
        visit(first)
        flush()
    visit(root)
    flush()
    return blocks


def read_html(data: bytes, source: str, charset: str | None = None) -> Document:
    """HTML bytes → Document (``charset``: what the page was served or saved with, if known)."""
    if not data.strip():
        raise EmptyFile("the file is empty")
    text = _XML_DECL.sub("", decode_html(data, source, charset), count=1)
    try:
        doc = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableFile(f"not readable HTML ({exc})") from exc
    body = doc.find("body")
    if body is None:
        body = doc
    root = content_root(body)
    head = headline(doc, root)
    blocks = content_to_blocks(root, head)
    if head is not None and len(blocks) > 1 and blocks[0].text == getattr(blocks[1], "text", ""):
        del blocks[0]  # the content repeats the headline
    if not blocks:
        raise NotAReport("the page holds no text")
    return Document(source=source, blocks=blocks, format="html")
