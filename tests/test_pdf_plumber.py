"""The pdfplumber engine's adapter: pdfplumber's characters and objects → the reader's tuples."""

from __future__ import annotations

import pytest

from extractor.readers.pdf_plumber import plumber_char

PAGE_HEIGHT = 700.0


def char(y0: float, baseline: float, size: float = 10.0, matrix_scale: float = 10.0) -> dict:
    """A pdfplumber character dict, upright, drawn at ``baseline`` (PDF y, up), its box from
    ``y0`` up ``size``."""
    y1 = y0 + size
    return {
        "text": "4",
        "x0": 100.0,
        "x1": 105.0,
        "y0": y0,
        "y1": y1,
        "top": PAGE_HEIGHT - y1,
        "bottom": PAGE_HEIGHT - y0,
        "upright": True,
        "matrix": (matrix_scale, 0.0, 0.0, matrix_scale, 100.0, baseline),
    }


def test_type3_glyph_box_above_its_baseline_is_moved_down_onto_it():
    """pdftocairo prints Chromium's fonts as Type 3 fonts; pdfminer reads their descent from a
    bbox it does not scale (pdfminer.six #1127) and put a digit drawn on baseline 641.35 in a
    box from 652.45 up: 11 pt above where it is drawn, in the row above. Measured on a reprint
    of the sweep's numbered-chromium-stroked-250mm-m12-z110.pdf."""
    c = plumber_char(char(y0=652.45, baseline=641.35, size=13.2, matrix_scale=13.2))
    assert (c.top, c.bottom) == pytest.approx((PAGE_HEIGHT - 641.35 - 13.2, PAGE_HEIGHT - 641.35))


def test_glyph_box_below_its_baseline_is_moved_up_onto_it():
    """The Type 1 fonts pdftocairo embeds for LibreOffice's put the box 10.47 pt under the
    baseline, a line low (numbered-libreoffice-150mm.pdf reprinted, page 7: '148' read into the
    header row above it and '维持' into the values)."""
    c = plumber_char(char(y0=341.35 - 10.47, baseline=341.35, size=9.98, matrix_scale=9.98))
    assert (c.top, c.bottom) == pytest.approx((PAGE_HEIGHT - 341.35 - 9.98, PAGE_HEIGHT - 341.35))


@pytest.mark.parametrize("descent", [0.0, -1.2, -2.5])
def test_a_box_that_holds_its_baseline_is_kept(descent):
    c = plumber_char(char(y0=400.0 + descent, baseline=400.0))
    assert (c.top, c.bottom) == (PAGE_HEIGHT - 410.0 - descent, PAGE_HEIGHT - 400.0 - descent)


def test_rotated_text_is_left_as_pdfminer_boxes_it():
    raw = char(y0=500.0, baseline=400.0) | {"matrix": (0.0, 10.0, -10.0, 0.0, 100.0, 400.0)}
    c = plumber_char(raw)
    assert (c.top, c.bottom) == (raw["top"], raw["bottom"])


def test_a_glyph_sized_piece_in_a_character_is_part_of_its_outline():
    """pdfminer gives each subpath of a stroked glyph outline as an object of its own: a piece
    within a character's box is the glyph's; a border, even one the text runs over, is not."""
    from extractor.readers.pdf_chars import Char
    from extractor.readers.pdf_plumber import in_a_glyph

    chars = [Char("王", 130.0, 144.0, 142.0, 156.0)]
    piece = {"x0": 133.2, "top": 144.7, "x1": 140.5, "bottom": 147.1}  # a stroke of 王
    border = {"x0": 60.0, "top": 140.0, "x1": 60.5, "bottom": 160.0}  # a cell's left edge
    long_rule = {"x0": 100.0, "top": 150.0, "x1": 400.0, "bottom": 150.5}  # crosses the glyph
    column = {"x0": 136.0, "top": 140.0, "x1": 136.0, "bottom": 160.0}  # a boundary under it
    assert in_a_glyph([piece, border, long_rule, column], chars) == {0}
