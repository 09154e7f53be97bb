"""PDF → Document. Text comes from PDFium; tables are found from the page's ruling lines, by
PDFium's path objects (engine ``pdfium``, the default) or by pdfplumber (engine ``pdfplumber``,
the reference), and only on pages that have ruling lines.

Each page's tables come from ``pdf_tables``; here the pages' text and tables are put in
reading order, page furniture dropped, paragraphs joined, and tables split across pages joined
(``pdf_join``).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium

from ..errors import EmptyFile, EncryptedFile, UnreadableFile
from ..model import Block, Document, Table
from . import ocr
from .pdf_join import join_fragments, renumber
from .pdf_paragraphs import Para, lines_to_paras, paragraph_gap_limit
from .pdf_pdfium import (
    TextLine,
    page_height,
    page_rules,
    text_lines,
)
from .pdf_plumber import open_plumber, plumber_layouts
from .pdf_rules import CellBox
from .pdf_settings import DEFAULT
from .pdf_sideways import looks_turned, mixed_glyphs, text_turns
from .pdf_tables import (
    PageTable,
    in_box,
    page_table_to_table,
    pdfium_tables,
    place_chars,
)
from .pdf_upright import drawn_as_shown, hidden, upright_pdf, visible_part

ENGINES = ("pdfium", "pdfplumber")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d+\s*(页|/\s*\d+|\s*页\s*共\s*\d+\s*页)?[-—–\s]*$")
MIN_RULES = 4
REDRAWN = (
    "pages drawn other than as shown (turned, moved, or sized by the page tree) were read as shown"
)
SET_UPRIGHT = "pages whose text runs on their side or upside down were read set upright"
MIXED = (
    "characters that PDFium placed away from where they are drawn (a Chromium page turned by "
    "/Rotate): tables read by pdfplumber, text out of order on "
)


def _beside_lines(lines: list[TextLine], box: tuple[float, float, float, float]) -> list[TextLine]:
    """The lines ``_beside`` a table, those past its border taken one after another (a sliced
    cell's text runs on over several lines), and those past it only where nothing else of the
    page lies beyond them (the table ends or starts the page)."""
    found: list[TextLine] = []
    x0, top, x1, bottom = box
    while True:
        more = [ln for ln in lines if ln not in found and _beside(ln, (x0, top, x1, bottom))]
        if not more:
            break
        found += more
        top = min([top] + [ln.top for ln in more if ln.bottom <= top + DEFAULT.snap_tol])
        bottom = max([bottom] + [ln.bottom for ln in more if ln.top >= bottom - DEFAULT.snap_tol])
    rest = [ln for ln in lines if ln not in found]
    if any(ln.top >= bottom for ln in rest):  # the page goes on below: no text past the bottom
        found = [ln for ln in found if ln.top < box[3]]
    if any(ln.bottom <= top for ln in rest):
        found = [ln for ln in found if ln.bottom > box[1]]
    return found


def _beside(line: TextLine, box: tuple[float, float, float, float]) -> bool:
    """Text of a row-spanning cell that a browser sliced at the page break: a glyph or two
    beside the table within its height (drawn without the cell's borders), or a few glyphs
    right past its bottom or top border within its columns (drawn beyond the border that
    closes the slice)."""
    mid_y = (line.top + line.bottom) / 2
    size = line.bottom - line.top
    tol = DEFAULT.snap_tol
    if box[1] <= mid_y <= box[3]:
        outside = line.x1 <= box[0] + tol or line.x0 >= box[2] - tol
        return outside and line.x1 - line.x0 <= 2.5 * size
    within = box[0] - tol <= line.x0 and line.x1 <= box[2] + tol
    touching = -tol <= line.top - box[3] <= size or -tol <= box[1] - line.bottom <= size
    return within and touching and line.x1 - line.x0 <= 6.5 * size


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

    def tables(
        self, index: int, lines: list[TextLine], visible: CellBox | None, note: str = ""
    ) -> list[PageTable]:
        """pdfplumber's tables on page ``index``, their characters in their cells (``visible``:
        see ``plumber_layouts``)."""
        if self.pdf is None:
            self.pdf = open_plumber(self.data)
        boxes = [(ln.x0, ln.top, ln.x1, ln.bottom) for ln in lines]
        layouts, chars = plumber_layouts(self.pdf, index, boxes, visible)
        tables = [PageTable(lay, index + 1, engine="pdfplumber" + note) for lay in layouts]
        for t in tables:
            place_chars(t, chars)
        return tables

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def read_pdf(
    data: bytes, source: str, engine: str = "pdfium", redrawn: bool = False, turned: bool = False
) -> Document:
    """PDF bytes → Document. With the pdfium engine, a page the fast finder cannot map is read
    with pdfplumber instead, and its cells say so (``engine=pdfplumber (fallback)``). A file
    with a page not drawn as shown is read from a copy drawn as shown (``pdf_upright``; once:
    ``redrawn`` is that copy), and one with a page whose text runs on its side or upside down,
    from a copy with such pages set upright (``pdf_sideways``; once: ``turned``)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}; choose one of {ENGINES}")
    pdf = open_pdf(data, source)
    plumber = _Plumber(data)
    try:
        pages: list[_Page] = []
        n_chars = 0
        notes: list[str] = []
        cut: list[int] = []  # pages with text outside their crop box, which a viewer hides
        mixed: list[int] = []  # pages of a copy whose characters PDFium placed apart (below)
        for index in range(len(pdf)):
            page = pdf[index]
            if not redrawn and not drawn_as_shown(page):  # turned, moved, sized by the tree
                return _read_copy(upright_pdf(pdf), source, engine, REDRAWN)
            height = page_height(page)
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            scanned = ocr.read_page(page, text, index + 1)  # None: the text layer is good
            if scanned is not None:
                n_chars += scanned.chars
                notes += scanned.notes
                pages.append(_Page(index + 1, height, scanned.lines, scanned.tables))
                continue
            n_chars += len(text)
            lines = text_lines(textpage, height, text)
            if not turned and looks_turned(lines) and text_turns(textpage, text):
                later = (pdf[i] for i in range(index + 1, len(pdf)))
                if not redrawn and not all(drawn_as_shown(p) for p in later):
                    # a later page turned by /Rotate, moved...: the turns are told as shown
                    return _read_copy(upright_pdf(pdf), source, engine, REDRAWN)
                turns = _turns(pdf)
                return _read_copy(upright_pdf(pdf, turns), source, engine, SET_UPRIGHT, True)
            if engine == "pdfium" and redrawn and mixed_glyphs(textpage):
                mixed.append(index + 1)
            rules = page_rules(page)
            visible = visible_part(page, redrawn)  # None: the page hides nothing
            if visible is not None:
                kept = [
                    ln for ln in lines if not hidden((ln.x0, ln.top, ln.x1, ln.bottom), visible)
                ]
                rules = [r for r in rules if not hidden(r, visible)]
                if len(kept) < len(lines):
                    lines = kept
                    cut.append(index + 1)
            tables: list[PageTable] = []
            split: dict[int, TextLine] = {}  # a line run out of a table → its text beside it
            if len(rules) >= MIN_RULES:
                if mixed and mixed[-1] == index + 1:
                    # characters PDFium placed away from their glyphs: pdfplumber's places
                    tables = plumber.tables(index, lines, visible, " (fallback)")
                elif engine == "pdfium":
                    fast = pdfium_tables(textpage, lines, rules, height, index + 1, visible)
                    if fast is None:
                        tables = plumber.tables(index, lines, visible, " (fallback)")
                    else:
                        tables, split = fast
                else:
                    tables = plumber.tables(index, lines, visible)
            boxes = [t.layout.bbox for t in tables]
            free = [
                split.get(id(ln), ln)
                for ln in lines
                if id(ln) in split or not any(in_box(ln, b) for b in boxes)
            ]
            pages.append(_Page(index + 1, height, free, tables))
        if n_chars == 0:
            raise ocr.no_text_error()
        if mixed:
            notes.append(MIXED + ", ".join(f"p{n}" for n in mixed))
        if cut:
            pages_cut = ", ".join(f"p{n}" for n in cut)
            notes.append(f"text outside the crop box (hidden when shown) was left out: {pages_cut}")
        drop = furniture(pages)
        for p in pages:
            p.lines = [ln for ln in p.lines if id(ln) not in drop]
            for t in p.tables:
                if isinstance(t, PageTable):
                    t.beside = _beside_lines(p.lines, t.layout.bbox)
                    p.lines = [ln for ln in p.lines if ln not in t.beside]
        blocks = _assemble(pages)
        return Document(source, blocks, format="pdf", pages=len(pdf), notes=notes)
    finally:
        plumber.close()
        pdf.close()


def _read_copy(copy: bytes, source: str, engine: str, note: str, turned: bool = False) -> Document:
    """A copy of the file with pages drawn as shown (``turned``: and set upright) → its
    Document, with the note that says so."""
    doc = read_pdf(copy, source, engine, redrawn=True, turned=turned)
    doc.notes.append(note)
    return doc


def _turns(pdf: pdfium.PdfDocument) -> dict[int, int]:
    """Page index → the quarter turns that set its text upright (``pdf_sideways``), asked of
    every page of a file where one looked turned (a page of a few lines may not look so)."""
    turns = {}
    for index in range(len(pdf)):
        textpage = pdf[index].get_textpage()
        turns[index] = text_turns(textpage, textpage.get_text_range())
    return turns


@dataclass(slots=True)
class _Page:
    number: int
    height: float
    lines: list[TextLine]  # the text outside tables
    tables: list  # PageTable, or Table for OCR'd pages


def _in_margin(line: TextLine, height: float) -> bool:
    band = DEFAULT.margin_band * height
    return line.bottom <= band or line.top >= height - band


def furniture(pages: list[_Page]) -> set[int]:
    """Ids of the lines that are page furniture, not report text: page numbers, and running
    headers and footers (a browser's date, title, address and page count; a letterhead), i.e.
    lines in the top or bottom margin band whose text, digits aside, recurs there on most pages
    (and on two at least)."""
    key = {}
    for p in pages:
        for ln in p.lines:
            if _in_margin(ln, p.height):
                key[id(ln)] = re.sub(r"[\d\s]+", "", ln.text)
    pages_of = Counter(k for p in pages for k in {key[id(ln)] for ln in p.lines if id(ln) in key})
    recurs = max(2, (len(pages) + 1) // 2)  # on most pages: a heading repeated is not furniture
    return {
        id(ln)
        for p in pages
        for ln in p.lines
        if id(ln) in key and (_PAGE_NUMBER.match(ln.text) or pages_of[key[id(ln)]] >= recurs)
    }


def _top(table: PageTable | Table) -> float:
    """Where a table starts on its page (OCR'd tables come as Tables, with their box)."""
    if isinstance(table, Table):
        return table.prov.bbox[1] if table.prov.bbox else 0.0
    return table.layout.bbox[1]


def _with_tables(
    items: list[Para | tuple[PageTable | Table, bool]],
) -> list[Para | tuple[Table, bool]]:
    """Paragraphs and (page table, whether it continues the one before) in reading order →
    the same with each page table made a Table, told whether the page broke it at its top and
    at its bottom (the next item continues it)."""
    out: list[Para | tuple[Table, bool]] = []
    for i, entry in enumerate(items):
        if isinstance(entry, Para):
            out.append(entry)
            continue
        item, continued = entry
        after = items[i + 1] if i + 1 < len(items) else None
        continues = isinstance(after, tuple) and after[1]
        if not isinstance(item, Table):
            item = page_table_to_table(item, (continued, continues))
        out.append((item, continued))
    return out


def _assemble(pages: list[_Page]) -> list[Block]:
    """Per-page lines and tables → ordered blocks, paragraphs and tables joined across pages."""
    all_lines = [ln for p in pages for ln in p.lines]
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
    gap_limit = paragraph_gap_limit([p.lines for p in pages], em)
    # a paragraph, or a page's table and whether it continues the one before
    items: list[Para | tuple[PageTable | Table, bool]] = []
    for p in pages:
        paras = lines_to_paras(p.lines, p.number, left, right, em, gap_limit)
        page_items: list[tuple[float, Para | PageTable | Table]] = [
            (para.lines[0].top, para) for para in paras
        ]
        page_items += [(_top(t), t) for t in p.tables]
        page_items.sort(key=lambda it: it[0])
        for pos, (_, item) in enumerate(page_items):
            if isinstance(item, Para):
                prev = items[-1] if items else None
                if (
                    pos == 0
                    and isinstance(prev, Para)
                    and prev.last_full
                    and not item.first_indented
                ):
                    prev.lines.extend(item.lines)
                    prev.last_full = item.last_full
                    continue
                items.append(item)
            else:
                continues = pos == 0 and bool(items) and isinstance(items[-1], tuple)
                items.append((item, continues))
    blocks: list[Block] = []
    pending: list[tuple[Table, bool]] = []
    for entry in _with_tables(items):
        if isinstance(entry, Para):
            blocks.extend(join_fragments(pending))
            pending = []
            blocks.append(entry.to_paragraph())
        else:
            pending.append(entry)
    blocks.extend(join_fragments(pending))
    n = 0
    for b in blocks:
        if isinstance(b, Table):
            b.index = n
            b.prov.table = n
            renumber(b)
            n += 1
    return blocks
