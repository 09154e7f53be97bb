"""PDF → Document. Text comes from PDFium; tables are found from the page's ruling lines, by
PDFium's path objects (engine ``pdfium``, the default) or by pdfplumber (engine ``pdfplumber``,
the reference), and only on pages that have ruling lines.

Tables split across pages are joined here: repeated header rows dropped, a row broken by the page
rejoined, vertical labels read as one label.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium

from ..errors import EmptyFile, EncryptedFile, UnreadableFile
from ..model import Block, Document, Provenance, Table
from . import ocr
from .pdf_chars import Char, cell_text_from_chars, last_line_full, word_gap
from .pdf_geometry import GridLayout, grid_table, round_box, rules_to_layouts
from .pdf_join import join_fragments, renumber
from .pdf_paragraphs import Para, lines_to_paras, paragraph_gap_limit
from .pdf_pdfium import (
    Handle,
    TextLine,
    handle,
    line_pieces,
    page_rules,
    range_chars,
    text_lines,
)
from .pdf_plumber import open_plumber, plumber_layouts
from .pdf_rules import Seg
from .pdf_settings import DEFAULT

ENGINES = ("pdfium", "pdfplumber")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d+\s*(页|/\s*\d+|\s*页\s*共\s*\d+\s*页)?[-—–\s]*$")
MIN_RULES = 4


@dataclass(slots=True)
class _PageTable:
    layout: GridLayout
    page: int
    chars: dict[tuple[int, int], list[Char]] = field(default_factory=dict)
    engine: str = "pdfium"
    beside: list[TextLine] = field(default_factory=list)  # text of a sliced column, no rules


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


def _in_box(line: TextLine, box: tuple[float, float, float, float]) -> bool:
    mid_y = (line.top + line.bottom) / 2
    return box[1] <= mid_y <= box[3] and line.x0 < box[2] and line.x1 > box[0]


def _place_chars(table: _PageTable, chars: list[Char]) -> list[Char]:
    """Put characters into the cells that hold their centres; return those outside the grid."""
    return table.layout.place(chars, table.chars)


def _past_border(
    line: TextLine, lay: GridLayout, open_ends: tuple[bool, bool]
) -> tuple[int, int] | None:
    """The grid place of the last (or first) row's cell whose column holds a line drawn just
    past the table's bottom (or top) border, where the page broke the table there
    (``open_ends``: it continues from the page before, on the page after); None for a line
    beside the table, one that spans columns, one holding a digit (a value is placed only
    inside its cell), or one past a border the table does not continue across (a unit line
    above a table is no header text)."""
    tol = DEFAULT.snap_tol
    if any(ch.isdigit() for ch in line.text):
        return None
    continued, continues = open_ends
    if continues and line.top >= lay.ys[-1] - tol:
        row = len(lay.ys) - 2
    elif continued and line.bottom <= lay.ys[0] + tol:
        row = 0
    else:
        return None
    first, last = lay.locate(line.x0 + tol, lay.ys[row]), lay.locate(line.x1 - tol, lay.ys[row])
    if first is None or last is None or first[1] != last[1]:
        return None
    return row, first[1]


def _page_table_to_table(table: _PageTable, open_ends: tuple[bool, bool]) -> Table:
    """A page's table → Table; ``open_ends``: whether it continues a table of the page before,
    and on the page after (text just past such a border is a sliced cell's)."""
    lay = table.layout
    owner = lay.owners()
    texts: dict[tuple[int, int], list[Char]] = {}
    for pos, chars in table.chars.items():
        home = owner.get(pos, pos)
        if home in texts:
            texts[home] = texts[home] + chars  # a new list: the page table's own stay as read
        else:
            texts[home] = chars
    side: list[TextLine] = []
    for ln in table.beside:  # a sliced cell's text past a border belongs to the cell it left
        place = _past_border(ln, lay, open_ends)
        if place is None:
            side.append(ln)
            continue
        home = owner.get(place, place)
        texts[home] = texts.get(home, []) + [Char(ln.text.strip(), ln.x0, ln.top, ln.x1, ln.bottom)]
    note = "" if table.engine == "pdfium" else f"engine={table.engine}"
    # cells share their edges: round each distinct edge once
    edges = {v for *_, box in lay.spans for v in box}
    rnd = {v: round(v, 1) for v in edges}
    page = table.page
    spans = [
        (
            r,
            c,
            rs,
            cs,
            cell_text_from_chars(held) if (held := texts.get((r, c))) else "",
            # positional (a third of the keyword call's cost, a cell each): the field order is
            # tested (test_pdf_reader: cell provenance)
            Provenance(page, (rnd[x0], rnd[y0], rnd[x1], rnd[y1]), None, None, None, r, c, note),
        )
        for r, c, rs, cs, (x0, y0, x1, y1) in lay.spans
    ]
    uncovered = _uncovered_cells(lay, texts, owner, table.page, note)
    if open_ends[1]:  # the page broke the table below its last row: may a cell go on?
        cells = [(span, texts.get((span[0], span[1]), [])) for span in spans]
        _mark_full_lines(cells + uncovered, len(lay.ys) - 2)
    spans += [span for span, _ in uncovered]
    beside = "".join(ln.text.strip() for ln in sorted(side, key=lambda ln: (ln.x0, ln.top)))
    table_note = "; ".join(
        n
        for n in (note, f"text beside the table on p{table.page}: {beside}" if beside else "")
        if n
    )
    return grid_table(lay, table.page, spans, table_note)


Span = tuple[int, int, int, int, str, Provenance]  # row, col, rowspan, colspan, text, provenance


def _uncovered_cells(
    lay: GridLayout,
    texts: dict[tuple[int, int], list[Char]],
    owner: dict[tuple[int, int], tuple[int, int]],
    page: int,
    note: str,
) -> list[tuple[Span, list[Char]]]:
    """Text in a grid position no cell covers (a cell whose rules a page break left unclosed)
    → a cell holding it (and its characters), boxed by the position's boundaries: the text is
    kept where the page shows it, never dropped (a value dropped there would read as a blank).

    Positions side by side in a row whose text reads as one word across their boundary (a
    value printed over a column boundary that no rule marks in that row) become one cell
    spanning them: the value is not split digit by digit into two columns, and the template
    layer takes no value from a cell that spans the columns of two codes."""
    free = sorted(pos for pos, chars in texts.items() if pos not in owner and chars)
    out = []
    i = 0
    while i < len(free):
        r, c = free[i]
        chars, last = list(texts[(r, c)]), c
        while (
            i + 1 < len(free)
            and free[i + 1] == (r, last + 1)
            and _one_word(texts[(r, last)], texts[(r, last + 1)])
        ):
            i, last = i + 1, last + 1
            chars += texts[(r, last)]
        box = round_box((lay.xs[c], lay.ys[r], lay.xs[last + 1], lay.ys[r + 1]))
        prov = Provenance(page=page, bbox=box, row=r, col=c, note=note)
        out.append(((r, c, 1, last - c + 1, cell_text_from_chars(chars), prov), chars))
        i += 1
    return out


def _mark_full_lines(cells: list[tuple[Span, list[Char]]], last_row: int) -> None:
    """Set ``line_full`` on the provenance of each filled cell that ends in ``last_row``
    (of a table the page broke below it): whether its text may go on on the next page."""
    for (r, _, rs, _, text, prov), chars in cells:
        if text and r + rs - 1 == last_row:
            assert prov.bbox is not None  # every PDF cell has its box
            prov.line_full = last_line_full(chars, prov.bbox[2])


def _one_word(left: list[Char], right: list[Char]) -> bool:
    """Does the text of a grid position run on into the next one to its right as one word
    (their nearest characters on one line, no word gap between them)?"""
    a = max(left, key=lambda ch: ch.x1)
    b = min(right, key=lambda ch: ch.x0)
    one_line = a.top <= (b.top + b.bottom) / 2 <= a.bottom
    return one_line and a.upright and b.upright and not word_gap(a, b)


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

    def tables(self, index: int, lines: list[TextLine], note: str = "") -> list[_PageTable]:
        if self.pdf is None:
            self.pdf = open_plumber(self.data)
        boxes = [(ln.x0, ln.top, ln.x1, ln.bottom) for ln in lines]
        layouts, chars = plumber_layouts(self.pdf, index, boxes)
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
    boxes = [(ln.x0, ln.top, ln.x1, ln.bottom) for ln in lines]
    tables = [_PageTable(lay, page) for lay in rules_to_layouts(rules, DEFAULT, boxes)]
    if not tables and _looks_like_grid(rules):
        return None
    tp = handle(textpage.raw)
    owners = [t.layout.owners() for t in tables]
    for ln in lines:
        for t, owner in zip(tables, owners, strict=True):
            if _in_box(ln, t.layout.bbox):
                if _place_chars(t, _line_chars(tp, ln, height, t.layout, owner)):
                    return None
                break
    return tables


Owners = dict[tuple[int, int], tuple[int, int]]


def _line_chars(
    tp: Handle, line: TextLine, height: float, lay: GridLayout, owner: Owners
) -> list[Char]:
    """A line's characters, a run of Chinese characters as one Char where its box lies inside
    one cell of ``lay`` (so each of its characters would be placed there), char by char else."""
    out: list[Char] = []
    for ch, start in line_pieces(tp, line, height):
        if start < 0 or _in_one_cell(ch, lay, owner):
            out.append(ch)
        else:
            out += range_chars(tp, start, ch.text, height)
    return out


def _in_one_cell(ch: Char, lay: GridLayout, owner: Owners) -> bool:
    """Does the box lie in one cell (a merged cell's positions count as one)? Cells are boxes:
    its top-left and bottom-right corners tell."""
    corners: dict[tuple[int, int], list] = {}
    ends = [(None, ch.x0, ch.top, ch.x0, ch.top), (None, ch.x1, ch.bottom, ch.x1, ch.bottom)]
    if lay.place(ends, corners):
        return False  # a corner outside the table
    return len({owner.get(pos, pos) for pos in corners}) == 1


def read_pdf(data: bytes, source: str, engine: str = "pdfium") -> Document:
    """PDF bytes → Document. With the pdfium engine, a page the fast finder cannot map is read
    with pdfplumber instead, and its cells say so (``engine=pdfplumber (fallback)``)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}; choose one of {ENGINES}")
    pdf = open_pdf(data, source)
    plumber = _Plumber(data)
    try:
        pages: list[_Page] = []
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
                pages.append(_Page(index + 1, height, scanned.lines, scanned.tables))
                continue
            n_chars += len(text)
            lines = text_lines(textpage, height, text)
            rules = page_rules(page)
            tables: list[_PageTable] = []
            if len(rules) >= MIN_RULES:
                if engine == "pdfium":
                    fast = pdfium_tables(textpage, lines, rules, height, index + 1)
                    tables = plumber.tables(index, lines, " (fallback)") if fast is None else fast
                else:
                    tables = plumber.tables(index, lines)
            boxes = [t.layout.bbox for t in tables]
            free = [ln for ln in lines if not any(_in_box(ln, b) for b in boxes)]
            pages.append(_Page(index + 1, height, free, tables))
        if n_chars == 0:
            raise ocr.no_text_error()
        drop = furniture(pages)
        for p in pages:
            p.lines = [ln for ln in p.lines if id(ln) not in drop]
            for t in p.tables:
                if isinstance(t, _PageTable):
                    t.beside = _beside_lines(p.lines, t.layout.bbox)
                    p.lines = [ln for ln in p.lines if ln not in t.beside]
        blocks = _assemble(pages)
        return Document(source, blocks, format="pdf", pages=len(pdf), notes=notes)
    finally:
        plumber.close()
        pdf.close()


@dataclass(slots=True)
class _Page:
    number: int
    height: float
    lines: list[TextLine]  # the text outside tables
    tables: list  # _PageTable, or Table for OCR'd pages


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


def _top(table: _PageTable | Table) -> float:
    """Where a table starts on its page (OCR'd tables come as Tables, with their box)."""
    if isinstance(table, Table):
        return table.prov.bbox[1] if table.prov.bbox else 0.0
    return table.layout.bbox[1]


def _with_tables(
    items: list[Para | tuple[_PageTable | Table, bool]],
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
            item = _page_table_to_table(item, (continued, continues))
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
    items: list[Para | tuple[_PageTable | Table, bool]] = []
    for p in pages:
        paras = lines_to_paras(p.lines, p.number, left, right, em, gap_limit)
        page_items: list[tuple[float, Para | _PageTable | Table]] = [
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
