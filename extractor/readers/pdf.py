"""PDF → Document. Text comes from PDFium; tables are found from the page's ruling lines, by
PDFium's path objects (engine ``pdfium``, the default) or by pdfplumber (engine ``pdfplumber``,
the reference), and only on pages that have ruling lines.

Tables split across pages are joined here: repeated header rows dropped, a row broken by the page
rejoined, vertical labels read as one label.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field, replace

import pypdfium2 as pdfium

from ..errors import EmptyFile, EncryptedFile, UnreadableFile
from ..model import Block, Document, Paragraph, Provenance, Table
from ..textutil import clean_inline, fix_lookalikes, join_wrapped
from . import ocr
from .pdf_geometry import (
    Char,
    GridLayout,
    Seg,
    cell_text_from_chars,
    cells_to_layout,
    grid_table,
    join_segments,
    looks_like_new_item,
    round_box,
    segments_to_cell_groups,
    snap_segments,
)
from .pdf_pdfium import TextLine, handle, line_chars, page_rules, text_lines

ENGINES = ("pdfium", "pdfplumber")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d+\s*(页|/\s*\d+|\s*页\s*共\s*\d+\s*页)?[-—–\s]*$")
MIN_RULES = 4


@dataclass(slots=True)
class _Para:
    lines: list[TextLine]
    page: int
    first_indented: bool
    last_full: bool = False

    def to_paragraph(self) -> Paragraph:
        text = fix_lookalikes(join_wrapped([ln.text for ln in self.lines]))
        box = (
            min(ln.x0 for ln in self.lines),
            min(ln.top for ln in self.lines),
            max(ln.x1 for ln in self.lines),
            max(ln.bottom for ln in self.lines),
        )
        confidence, unsure = ocr.line_confidence(self.lines)
        prov = Provenance(page=self.page, bbox=round_box(box), confidence=confidence, unsure=unsure)
        return Paragraph(clean_inline(text), prov)


@dataclass(slots=True)
class _PageTable:
    layout: GridLayout
    page: int
    chars: dict[tuple[int, int], list[Char]] = field(default_factory=dict)
    engine: str = "pdfium"


def rules_to_layouts(rules: list[Seg]) -> list[GridLayout]:
    """Ruling lines of a page → table layouts; one-column frames (boxed prose) are not tables."""
    groups = segments_to_cell_groups(join_segments(snap_segments(rules)))
    layouts = [cells_to_layout(group) for group in groups]
    return [lay for lay in layouts if len(lay.xs) > 2 and len(lay.ys) > 1]


def _in_box(line: TextLine, box: tuple[float, float, float, float]) -> bool:
    mid_y = (line.top + line.bottom) / 2
    return box[1] <= mid_y <= box[3] and line.x0 < box[2] and line.x1 > box[0]


def _place_chars(table: _PageTable, chars: list[Char]) -> list[Char]:
    """Put characters into the cells that hold their centres; return those outside the grid."""
    stray = []
    cells = table.chars
    centres = [((ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2) for ch in chars]
    for ch, pos in zip(chars, table.layout.locate_all(centres), strict=True):
        if pos is None:
            stray.append(ch)
        elif pos in cells:
            cells[pos].append(ch)
        else:
            cells[pos] = [ch]
    return stray


def _page_table_to_table(pt: _PageTable) -> Table:
    lay = pt.layout
    owner = lay.owners()
    texts: dict[tuple[int, int], list[Char]] = {}
    for pos, chars in pt.chars.items():
        home = owner.get(pos, pos)
        if home in texts:
            texts[home] = texts[home] + chars  # a new list: the page table's own stay as read
        else:
            texts[home] = chars
    note = "" if pt.engine == "pdfium" else f"engine={pt.engine}"
    # cells share their edges: round each distinct edge once
    edges = {v for *_, box in lay.spans for v in box}
    rnd = {v: round(v, 1) for v in edges}
    spans = [
        (
            r,
            c,
            rs,
            cs,
            cell_text_from_chars(texts.get((r, c), [])),
            Provenance(
                page=pt.page, bbox=(rnd[x0], rnd[y0], rnd[x1], rnd[y1]), row=r, col=c, note=note
            ),
        )
        for r, c, rs, cs, (x0, y0, x1, y1) in lay.spans
    ]
    return grid_table(lay, pt.page, spans, note)


def _pdfplumber_layouts(plumber_pdf, page_index: int) -> tuple[list[GridLayout], list[Char]]:  # noqa: ANN001
    """The reference engine: pdfplumber's table finder and characters on one page."""
    page = plumber_pdf.pages[page_index]

    def is_rule_like(obj: dict) -> bool:
        if obj.get("object_type") != "rect":
            return True
        thin = min(obj["width"], obj["height"]) <= 2.0
        white = obj.get("non_stroking_color") in ((1,), (1, 1, 1), [1], [1, 1, 1], (1.0, 1.0, 1.0))
        return bool(obj.get("stroke")) or (thin and not white)

    filtered = page.filter(is_rule_like)
    found = filtered.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
    layouts = [cells_to_layout(t.cells) for t in found]
    layouts = [lay for lay in layouts if len(lay.xs) > 2 and len(lay.ys) > 1]
    chars = [
        Char(c["text"], c["x0"], c["top"], c["x1"], c["bottom"], bool(c.get("upright", True)))
        for c in page.chars
    ]
    return layouts, chars


def _lines_to_paras(
    lines: list[TextLine], page: int, left: float, right: float, em: float, gap_limit: float
) -> list[_Para]:
    """Lines of one page → paragraphs: a new one at an indented line, after a short line, or after
    a vertical gap wider than ``gap_limit``."""
    paras: list[_Para] = []
    prev: TextLine | None = None
    for ln in lines:
        indented = ln.x0 > left + 0.8 * em
        gap = prev is not None and ln.top - prev.bottom > gap_limit
        if prev is None or indented or gap or paras[-1].last_full is False:
            paras.append(_Para([ln], page, indented))
        else:
            paras[-1].lines.append(ln)
        paras[-1].last_full = ln.x1 >= right - 1.5 * em
        prev = ln
    return paras


def paragraph_gap_limit(pages: list[list[TextLine]], em: float) -> float:
    """The vertical gap between lines that starts a new paragraph: 1.2 em, or, in a document set
    with wide fixed line spacing (公文 are often set at a fixed 28 pt), 0.8 em more than the
    usual gap between consecutive lines."""
    gaps = [
        b.top - a.bottom
        for lines in pages
        for a, b in zip(lines, lines[1:], strict=False)
        if b.top >= a.bottom
    ]
    usual = statistics.median(gaps) if gaps else 0.0
    return max(1.2 * em, usual + 0.8 * em)


def _join_fragments(tables: list[tuple[Table, bool]]) -> list[Table]:
    """Join a table that ends a page with the one starting the next when their columns line up.

    ``tables`` holds (table, continues) where ``continues`` says the table
    opens its page with nothing before it and the previous table closed the previous page.
    """
    out: list[Table] = []
    for table, continues in tables:
        if out and continues and _columns_match(out[-1], table):
            out[-1] = _append_fragment(out[-1], table)
        else:
            out.append(table)
    return out


def _col_edges(table: Table) -> list[float]:
    edges = {round(c.prov.bbox[0]) for row in table.grid for c in row if c.prov.bbox}
    edges |= {round(c.prov.bbox[2]) for row in table.grid for c in row if c.prov.bbox}
    return sorted(edges)


def _columns_match(a: Table, b: Table) -> bool:
    if a.n_cols != b.n_cols:
        return False
    ea, eb = _col_edges(a), _col_edges(b)
    return len(ea) == len(eb) and all(abs(x - y) <= 3 for x, y in zip(ea, eb, strict=True))


def _norm_row(table: Table, r: int) -> tuple[str, ...]:
    return tuple(re.sub(r"\s+", "", table.text(r, c)) for c in range(table.n_cols))


def _append_fragment(first: Table, cont: Table) -> Table:
    """Rows of ``cont`` appended to ``first``: repeated header rows dropped, a row broken by the
    page rejoined to the row before it."""
    start = 0
    while (
        start < min(4, cont.n_rows - 1, first.n_rows)
        and _norm_row(cont, start) == _norm_row(first, start)
        and any(_norm_row(cont, start))
    ):
        start += 1
    notes = [f"dropped {start} repeated header row(s) on p{cont.pages[0]}"] if start else []
    removed = start
    last = first.n_rows - 1
    if start < cont.n_rows and _is_continuation(cont.grid[start]):
        for cell in cont.grid[start]:
            if cell.origin is None and cell.text:
                target = first.origin_cell(last, cell.col)
                target.text = join_wrapped([target.text, cell.text])
                p = target.prov
                target.prov = replace(p, note=f"continued on p{cell.prov.page}")
        notes.append(f"rejoined a row broken by the page on p{cont.grid[start][0].prov.page}")
        removed += 1
    shift = first.n_rows - removed
    grid = [list(row) for row in first.grid]
    for row in cont.grid[removed:]:
        for cell in row:
            if cell.origin is not None:
                orow, ocol = cell.origin
                if orow >= removed:
                    cell.origin = (orow + shift, ocol)
                elif orow == removed - 1 and removed > start:  # into the rejoined row
                    target = first.grid[last][ocol]
                    cell.origin = target.origin or (last, ocol)
                else:
                    cell.origin = None
            cell.row += shift
        grid.append(list(row))
    note = "; ".join(n for n in [first.prov.note, *notes] if n)
    return Table(grid, Provenance(page=first.prov.page, bbox=first.prov.bbox, note=note))


def _is_continuation(row: list) -> bool:  # noqa: ANN001
    """A row the page broke off: some text, no digits, and no label opening a new item."""
    texts = [c.text for c in row if c.origin is None and c.text]
    if not texts or any(re.search(r"\d", t) for t in texts):
        return False
    return not any(looks_like_new_item(t) for t in texts)


def open_pdf(data: bytes, source: str) -> pdfium.PdfDocument:
    """Open PDF bytes with PDFium, turning its failures into one-line reasons."""
    if not data:
        raise EmptyFile("the file is empty")
    if not data.lstrip()[:1024].find(b"%PDF") >= 0:
        raise UnreadableFile("not a PDF (no %PDF header)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise EncryptedFile("the PDF is password-protected (encrypted)") from exc
        raise UnreadableFile(f"not a readable PDF ({exc})") from exc


class _Plumber:
    """pdfplumber on the same bytes, opened on first use (reference engine and fallback)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf = None

    def tables(self, index: int, note: str = "") -> list[_PageTable]:
        if self.pdf is None:
            import io

            import pdfplumber

            self.pdf = pdfplumber.open(io.BytesIO(self.data))
        layouts, chars = _pdfplumber_layouts(self.pdf, index)
        tables = [_PageTable(lay, index + 1, engine="pdfplumber" + note) for lay in layouts]
        for t in tables:
            _place_chars(t, chars)
        return tables

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def _looks_like_grid(rules: list[Seg]) -> bool:
    """At least three horizontal and three vertical rules: a table should be there."""
    h = sum(1 for r in rules if r.horizontal)
    return h >= 3 and len(rules) - h >= 3


def pdfium_tables(
    textpage: pdfium.PdfTextPage, lines: list[TextLine], rules: list[Seg], height: float, page: int
) -> list[_PageTable] | None:
    """The fast finder on one page; None when it cannot map the page (a grid of rules but no
    table found, or text inside a table that falls in no cell), so the caller falls back."""
    tables = [_PageTable(lay, page) for lay in rules_to_layouts(rules)]
    if not tables and _looks_like_grid(rules):
        return None
    tp = handle(textpage.raw)
    for ln in lines:
        for t in tables:
            if _in_box(ln, t.layout.bbox):
                if _place_chars(t, line_chars(tp, ln, height)):
                    return None
                break
    return tables


def read_pdf(data: bytes, source: str, engine: str = "pdfium") -> Document:
    """PDF bytes → Document. With the pdfium engine, a page the fast finder cannot map is read
    with pdfplumber instead, and its cells say so (``engine=pdfplumber (fallback)``)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}; choose one of {ENGINES}")
    pdf = open_pdf(data, source)
    plumber = _Plumber(data)
    try:
        pages: list[tuple[int, list[TextLine], list[_PageTable | Table]]] = []
        n_chars = 0
        notes: list[str] = []
        for index in range(len(pdf)):
            page = pdf[index]
            height = page.get_height()
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            scanned = ocr.read_page(page, text, index + 1)  # None: the text layer is good
            if scanned is not None:
                n_chars += scanned.chars
                notes += scanned.notes
                lines = [ln for ln in scanned.lines if not _PAGE_NUMBER.match(ln.text)]
                pages.append((index + 1, lines, scanned.tables))
                continue
            n_chars += len(text)
            lines = [
                ln for ln in text_lines(textpage, height, text) if not _PAGE_NUMBER.match(ln.text)
            ]
            rules = page_rules(page)
            tables: list[_PageTable] = []
            if len(rules) >= MIN_RULES:
                if engine == "pdfium":
                    fast = pdfium_tables(textpage, lines, rules, height, index + 1)
                    tables = fast if fast is not None else plumber.tables(index, " (fallback)")
                else:
                    tables = plumber.tables(index)
            boxes = [t.layout.bbox for t in tables]
            free = [ln for ln in lines if not any(_in_box(ln, b) for b in boxes)]
            pages.append((index + 1, free, tables))
        if n_chars == 0:
            raise ocr.no_text_error()
        blocks = _assemble(pages)
        return Document(source, blocks, format="pdf", pages=len(pdf), notes=notes)
    finally:
        plumber.close()
        pdf.close()


def _top(table: _PageTable | Table) -> float:
    """Where a table starts on its page (OCR'd tables come as Tables)."""
    return table.prov.bbox[1] if isinstance(table, Table) else table.layout.bbox[1]  # type: ignore[index]


def _assemble(pages: list[tuple[int, list[TextLine], list[_PageTable | Table]]]) -> list[Block]:
    """Per-page lines and tables → ordered blocks, paragraphs and tables joined across pages."""
    all_lines = [ln for _, lines, _ in pages for ln in lines]
    if all_lines:
        left = (
            min(ln.x0 for ln in all_lines if len(ln.text.strip()) > 8)
            if any(len(ln.text.strip()) > 8 for ln in all_lines)
            else min(ln.x0 for ln in all_lines)
        )
        right = max(ln.x1 for ln in all_lines)
        em = statistics.median(ln.bottom - ln.top for ln in all_lines)
    else:
        left, right, em = 0.0, 0.0, 10.0
    gap_limit = paragraph_gap_limit([lines for _, lines, _ in pages], em)
    items: list[object] = []  # _Para or (Table, continues)
    for page_no, lines, tables in pages:
        paras = _lines_to_paras(lines, page_no, left, right, em, gap_limit)
        page_items: list[tuple[float, object]] = [(p.lines[0].top, p) for p in paras]
        page_items += [(_top(t), t) for t in tables]
        page_items.sort(key=lambda it: it[0])
        for pos, (_, item) in enumerate(page_items):
            if isinstance(item, _Para):
                prev = items[-1] if items else None
                if (
                    pos == 0
                    and isinstance(prev, _Para)
                    and prev.last_full
                    and not item.first_indented
                ):
                    prev.lines.extend(item.lines)
                    prev.last_full = item.last_full
                    continue
                items.append(item)
            else:
                table = item if isinstance(item, Table) else _page_table_to_table(item)  # type: ignore[arg-type]
                continues = pos == 0 and bool(items) and isinstance(items[-1], tuple)
                items.append((table, continues))
    blocks: list[Block] = []
    pending: list[tuple[Table, bool]] = []
    for item in items:
        if isinstance(item, _Para):
            blocks.extend(_join_fragments(pending))
            pending = []
            blocks.append(item.to_paragraph())
        else:
            table, continues = item  # type: ignore[misc]
            pending.append((table, continues))
    blocks.extend(_join_fragments(pending))
    n = 0
    for b in blocks:
        if isinstance(b, Table):
            b.index = n
            b.prov.table = n
            for row in b.grid:
                for cell in row:
                    if cell.origin is None:
                        cell.prov.table, cell.prov.row, cell.prov.col = n, cell.row, cell.col
            n += 1
    return blocks
