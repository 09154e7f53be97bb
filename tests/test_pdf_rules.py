"""What counts as a rule: paths, thin fills, and the grid white cell fills leave on a dark
table background."""

from __future__ import annotations

from extractor.readers.pdf_rules import Fills, fill_grid_rules, path_rules

PAGE = (595.0, 842.0)


def test_white_cell_a_hair_outside_its_dark_background_still_draws_its_borders():
    """pdftocairo rewrites coordinates in single precision: a reprinted browser page's last
    table row had its white cells' bottom at 109.487999 and the black background's at
    109.487991, so the cells were not on the background, drew no rules, and the row was read
    as a paragraph (numbered-chromium-fills-240mm-m15-z80-hf.pdf reprinted, page 2)."""
    dark = [(47.257999, 42.745998, 548.949036, 109.487991)]
    white = [(47.257999, 92.987999, 186.741989, 109.487999)]
    rules = fill_grid_rules(Fills(white, dark), PAGE)
    assert len(rules) == 4
    assert {round(r.top, 3) for r in rules if r.horizontal} == {92.988, 109.488}


def test_white_cell_outside_the_background_draws_nothing():
    dark = [(47.0, 42.0, 549.0, 109.0)]
    white = [(47.0, 100.0, 186.0, 112.0)]  # 3 pt past the background: boxed text below it
    assert fill_grid_rules(Fills(white, dark), PAGE) == []


def test_a_glyph_outline_drawn_as_a_path_draws_no_rule():
    """A bold glyph stroked by its producer, drawn by pdftocairo as a path: 12 × 12 pt and tens of
    points, its straight strokes 3-12 pt long. A border of the same size is a box of 5 points."""
    glyph = [[(0, 0), (12, 0), (12, 1), (7, 1), (7, 12), (5, 12), (5, 1), (0, 1), (0, 0)]]
    glyph += [[(1, 6), (11, 6), (11, 7), (1, 7), (1, 6)]]  # 十 with a bar: 14 points
    assert path_rules(glyph, True, False, False, Fills([], [])) == []
    box = [[(0, 0), (12, 0), (12, 12), (0, 12), (0, 0)]]
    assert len(path_rules(box, True, False, False, Fills([], []))) == 4
