"""What counts as a rule: paths, thin fills, and the grid white cell fills leave on a dark
table background."""

from __future__ import annotations

from extractor.readers.pdf_rules import Fills, fill_grid_rules

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
