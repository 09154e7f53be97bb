"""The common document model every reader produces.

A :class:`Document` is an ordered list of blocks, each a :class:`Paragraph` or a :class:`Table`.
A table is a rectangular grid of :class:`Cell`; a merged cell sits at its top-left position and
every position it covers holds a covered cell that points back at it (``origin``). Every paragraph
and cell carries a :class:`Provenance` saying where in the source it was read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


@dataclass(slots=True)
class Provenance:
    """Where a piece of text was read: page and box (PDF), table/row/column (DOCX), line (text,
    HTML source line), and for OCR the recogniser's confidence (0-1) and whether the reader
    doubts the text (``unsure``: low confidence, or read under a stamp)."""

    page: int | None = None
    bbox: BBox | None = None
    line: int | None = None
    para: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    note: str = ""
    confidence: float | None = None
    unsure: bool = False
    # PDF table cells: does the cell's last line of text run to its right edge (text that a
    # page break may continue)? None where not known.
    line_full: bool | None = None


@dataclass(slots=True)
class Cell:
    """One grid position. ``origin`` is None for a real cell, or the (row, col) of the merged
    cell that covers this position."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    origin: tuple[int, int] | None = None
    prov: Provenance = field(default_factory=Provenance)

    @property
    def covered(self) -> bool:
        return self.origin is not None


@dataclass(slots=True)
class Paragraph:
    text: str
    prov: Provenance = field(default_factory=Provenance)


@dataclass(slots=True)
class Table:
    """A grid of cells with merges resolved. ``grid[r][c]`` always exists."""

    grid: list[list[Cell]]
    prov: Provenance = field(default_factory=Provenance)
    index: int = 0

    @property
    def n_rows(self) -> int:
        return len(self.grid)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.grid), default=0)

    def origin_cell(self, r: int, c: int) -> Cell:
        """The real cell at (r, c): the cell itself or the merged cell covering it."""
        cell = self.grid[r][c]
        if cell.origin is None:
            return cell
        orow, ocol = cell.origin
        return self.grid[orow][ocol]

    def text(self, r: int, c: int) -> str:
        """Text shown at (r, c), following merges."""
        if c >= len(self.grid[r]):
            return ""
        return self.origin_cell(r, c).text

    def rows_text(self) -> list[list[str]]:
        """The grid as text, merged cells repeated at every position they cover."""
        return [[self.text(r, c) for c in range(len(row))] for r, row in enumerate(self.grid)]

    @property
    def pages(self) -> list[int]:
        seen: list[int] = []
        for row in self.grid:
            for cell in row:
                p = cell.prov.page
                if p is not None and p not in seen:
                    seen.append(p)
        return seen


Block = Paragraph | Table


@dataclass(slots=True)
class Document:
    """What a reader returns: ordered blocks plus facts about the file."""

    source: str
    blocks: list[Block]
    format: str
    pages: int | None = None
    sha256: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


def grid_from_spans(
    spans: list[tuple[int, int, int, int, str, Provenance]],
    n_rows: int,
    n_cols: int,
    empty: Callable[[int, int], Provenance] = lambda r, c: Provenance(),
) -> list[list[Cell]]:
    """Build a full grid from real cells given as (row, col, rowspan, colspan, text, prov).

    Positions no cell covers become empty cells (with the provenance ``empty(row, col)``);
    positions a merged cell covers point to it.
    """
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    for r, c, rs, cs, text, prov in spans:
        if r >= n_rows or c >= n_cols or grid[r][c] is not None:
            continue
        if rs == 1 and cs == 1:  # the usual cell: nothing covered
            grid[r][c] = Cell(text, r, c, 1, 1, None, prov)
            continue
        rs = max(1, min(rs, n_rows - r))
        cs = max(1, min(cs, n_cols - c))
        grid[r][c] = Cell(text, r, c, rs, cs, None, prov)
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                if (rr, cc) != (r, c) and grid[rr][cc] is None:
                    grid[rr][cc] = Cell("", rr, cc, 1, 1, (r, c), prov)
    return [
        [
            cell if cell is not None else Cell("", r, c, 1, 1, None, empty(r, c))
            for c, cell in enumerate(row)
        ]
        for r, row in enumerate(grid)
    ]
