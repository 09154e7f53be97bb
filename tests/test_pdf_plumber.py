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


@pytest.mark.parametrize(
    ("matrix", "upright", "reverse"),
    [
        ((10.0, 1e-08, 1e-08, 10.0), True, False),  # Ghostscript's 'upright' drawing
        ((10.0, 0.0, 2.0, 10.0), True, False),  # slanted as italics: still on its line
        ((0.0, 10.0, -10.0, 0.0), False, True),  # on its side, reading bottom to top
        ((0.0, -10.0, 10.0, 0.0), False, False),  # on its side, reading top to bottom
    ],
)
def test_upright_is_read_from_the_matrix_not_pdfminers_flag(matrix, upright, reverse):
    """pdfminer calls a glyph upright only when b·c ≤ 0 exactly: a page Ghostscript turned
    upright carries 1e-08 in both, and its every glyph was taken for rotated."""
    raw = char(y0=400.0, baseline=400.0) | {"matrix": (*matrix, 100.0, 400.0), "upright": False}
    c = plumber_char(raw)
    assert (c.upright, c.reverse) == (upright, reverse)


def test_a_page_turned_upright_by_a_hair_reads_its_wrapped_labels():
    """A page whose drawing Ghostscript turned upright (AutoRotatePages) keeps a transform
    with 1e-08 where 0 belongs. The pdfplumber engine took every glyph for rotated and read a
    two-line label down its columns, interleaved ('（他六处）理其'): the row went unmapped
    (found redistilling the producer sweep with Ghostscript: 98 cells lost on one PDF)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    import extractor
    from tests.pdf_synth import FONT, HEADER, XS

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c._code.append("1 0.00000001 0.00000001 1 0 0 cm")  # reportlab's transform() rounds it to 0
    c.setFont(FONT, 14)
    c.drawString(XS[0], A4[1] - 60, "三、收到和处理政府信息公开申请情况")
    rows = [
        (["一、本年新收政府信息"], ["3", "0", "0", "0", "0", "0", "3"]),
        (["二、上年结转政府信息", "公开申请数量"], ["1", "0", "0", "0", "0", "0", "1"]),
    ]
    tops = [80.0, 100.0, 120.0, 150.0]
    c.setFont(FONT, 8)
    for x, text in zip(XS[:-1], HEADER, strict=True):
        c.drawString(x + 3, A4[1] - 93, text)
    for (label, values), top in zip(rows, tops[1:], strict=False):
        for i, line in enumerate(label):
            c.drawString(XS[0] + 3, A4[1] - top - 12 - 10 * i, line)
        for x, v in zip(XS[1:-1], values, strict=True):
            c.drawString(x + 3, A4[1] - top - 12, v)
    c.setLineWidth(0.5)
    for y in tops:
        c.line(XS[0], A4[1] - y, XS[-1], A4[1] - y)
    for x in XS:
        c.line(x, A4[1] - tops[0], x, A4[1] - tops[-1])
    c.setFont(FONT, 14)
    c.drawString(XS[0], A4[1] - 190, "四、政府信息公开行政复议、行政诉讼情况")
    c.showPage()
    c.save()
    for engine in ("pdfium", "pdfplumber"):
        report = extractor.extract_bytes(buf.getvalue(), "t.pdf", pdf_engine=engine)
        got = {(f.row, f.column): f.value for f in report.fact_list if f.column == "total"}
        assert got == {("new", "total"): 3, ("carried_over", "total"): 1}, engine
