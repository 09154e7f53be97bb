"""The grid a table's rules make: where a point lies in it, and whether a box lies in one cell."""

from __future__ import annotations

import itertools

from extractor.readers.pdf_chars import Char
from extractor.readers.pdf_geometry import GridLayout, cells_to_layout
from extractor.readers.pdf_tables import _in_one_cell

# three columns (x 0-10-20-30), two rows (y 0-5-10); the second row's first two positions are
# one merged cell
CELLS = [
    (0.0, 0.0, 10.0, 5.0),
    (10.0, 0.0, 20.0, 5.0),
    (20.0, 0.0, 30.0, 5.0),
    (0.0, 5.0, 20.0, 10.0),
    (20.0, 5.0, 30.0, 10.0),
]


def layout() -> GridLayout:
    return cells_to_layout(CELLS)


def test_locate_inside_on_the_last_boundary_and_outside():
    lay = layout()
    assert lay.locate(5, 2) == (0, 0)
    assert lay.locate(10, 2) == (0, 1)  # an inner boundary starts the next column
    assert lay.locate(30, 10) == (1, 2)  # the last boundary is the last row's and column's
    assert lay.locate(0, 0) == (0, 0)
    assert lay.locate(-0.1, 2) is None
    assert lay.locate(15, 10.1) is None


def test_locate_puts_a_point_where_place_puts_it():
    lay = layout()
    for x, y in itertools.product([-1, 0, 4.9, 10, 19.99, 25, 30, 31], [-1, 0, 5, 7.5, 10, 11]):
        cells: dict[tuple[int, int], list] = {}
        lay.place([(None, x, y, x, y)], cells)
        assert lay.locate(x, y) == next(iter(cells), None), (x, y)


def test_a_box_in_one_cell_a_merged_cell_or_across_two():
    lay = layout()
    owner = lay.owners()

    def one(x0: float, top: float, x1: float, bottom: float) -> bool:
        return _in_one_cell(Char("甲乙丙", x0, top, x1, bottom), lay, owner)

    assert one(1, 1, 9, 4)
    assert one(1, 6, 19, 9)  # across the two positions of the merged cell
    assert not one(1, 1, 19, 4)  # across two cells
    assert not one(1, 1, 9, 6)  # across two rows
    assert not one(25, 6, 31, 9)  # a corner outside the table
