"""A page's tables: the fast finder's tables on one page (its grids, each line's characters
placed into their cells), and each page table made a Table (cell texts, the text of places no
cell covers, whether a cell's last line is full where the page broke the table)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pypdfium2 as pdfium

from ..model import Provenance, Table
from ..numbers import is_value
from .pdf_chars import Char, cell_text_from_chars, last_line_full, word_gap
from .pdf_geometry import GridLayout, grid_table, round_box, rules_to_layouts
from .pdf_pdfium import Handle, TextLine, handle, line_pieces, range_chars
from .pdf_rules import CellBox, Seg
from .pdf_settings import DEFAULT
from .pdf_upright import hidden, within


@dataclass(slots=True)
class PageTable:
    layout: GridLayout
    page: int
    chars: dict[tuple[int, int], list[Char]] = field(default_factory=dict)
    engine: str = "pdfium"
    beside: list[TextLine] = field(default_factory=list)  # text of a sliced column, no rules


def in_box(line: TextLine, box: tuple[float, float, float, float]) -> bool:
    mid_y = (line.top + line.bottom) / 2
    return box[1] <= mid_y <= box[3] and line.x0 < box[2] and line.x1 > box[0]


def place_chars(table: PageTable, chars: list[Char]) -> list[Char]:
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


def page_table_to_table(table: PageTable, open_ends: tuple[bool, bool]) -> Table:
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
            # positional, (page, bbox, line, para, table, row, col, note): a third of the keyword
            # call's cost, a cell each. A test checks page, bbox and the fields left empty;
            # table, row and col are set again once the table is joined (pdf_join.renumber)
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


def looks_like_grid(rules: list[Seg]) -> bool:
    """At least three horizontal and three vertical rules: a table should be there."""
    h = sum(1 for r in rules if r.horizontal)
    return h >= 3 and len(rules) - h >= 3


Split = dict[int, TextLine]  # id of a line that runs out of a table → its text outside it


def pdfium_tables(
    textpage: pdfium.PdfTextPage,
    lines: list[TextLine],
    rules: list[Seg],
    height: float,
    page: int,
    visible: CellBox | None = None,
) -> tuple[list[PageTable], Split] | None:
    """The fast finder on one page, and the text of lines that run out of a table (``Split``);
    None when it cannot map the page (a grid of rules but no table found, or a line whose
    characters outside its table are no mere text beside it), so the caller falls back.
    ``visible``: the part of the page a viewer shows, where it hides any; characters of a line
    that runs out of it are not placed (a viewer hides them)."""
    boxes = [(ln.x0, ln.top, ln.x1, ln.bottom) for ln in lines]
    tables = [PageTable(lay, page) for lay in rules_to_layouts(rules, DEFAULT, boxes)]
    if not tables and looks_like_grid(rules):
        return None
    tp = handle(textpage.raw)
    owners = [t.layout.owners() for t in tables]
    split: Split = {}
    for ln in lines:
        for t, owner in zip(tables, owners, strict=True):
            if in_box(ln, t.layout.bbox):
                chars = _line_chars(tp, ln, height, t.layout, owner)
                if visible is not None and not within((ln.x0, ln.top, ln.x1, ln.bottom), visible):
                    chars = [c for c in chars if not hidden(c[1:5], visible)]
                outside = place_chars(t, chars)
                if outside:
                    rest = text_beside(outside, t.layout.bbox)
                    if rest is None:
                        return None
                    split[id(ln)] = rest
                break
    return tables, split


def text_beside(chars: list[Char], box: tuple[float, float, float, float]) -> TextLine | None:
    """Characters of a line that lie outside its table → a line of text beside the table, when
    they hold no digit and no zero mark and all lie on one side of it (a label column the grid
    left out, whose text PDFium ran into the table's first row as one line: pdftocairo's
    reprints); else None (they may be values of a column the grid missed)."""
    tol = DEFAULT.snap_tol
    if any(is_value(c.text) or any(ch.isdigit() for ch in c.text) for c in chars):
        return None
    left = all(c.x1 <= box[0] + tol for c in chars)
    if not left and not all(c.x0 >= box[2] - tol for c in chars):
        return None
    chars = sorted(chars, key=lambda c: c.x0)
    text = "".join(c.text for c in chars)
    x0, x1 = chars[0].x0, max(c.x1 for c in chars)
    top, bottom = min(c.top for c in chars), max(c.bottom for c in chars)
    return TextLine(text, -1, -1, x0, top, x1, bottom)  # no text-page range: never re-read


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
    first, last = lay.locate(ch.x0, ch.top), lay.locate(ch.x1, ch.bottom)
    if first is None or last is None:
        return False  # a corner outside the table
    return first == last or owner.get(first, first) == owner.get(last, last)
