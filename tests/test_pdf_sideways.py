"""Pages whose text runs on their side or upside down (readers/pdf_sideways.py): the cheap look
every page gets, and a page of vertical writing the closer look must leave as it is. The turned
reading is tested in test_pdf_reader.py
(``test_page_whose_text_runs_on_its_side_is_read_set_upright``) and by the producer sweep's
``sideways90``, ``upsidedown`` and ``sideways270`` PDFs."""

from __future__ import annotations

from extractor.readers.pdf_pdfium import TextLine
from extractor.readers.pdf_sideways import looks_turned


def _line(text: str, x0: float, top: float, x1: float, bottom: float) -> TextLine:
    return TextLine(text, 0, len(text), x0, top, x1, bottom)


def _paragraph(tops: list[float]) -> list[TextLine]:
    """Lines of twenty characters across a page, at these tops."""
    return [_line("政府信息公开工作年度报告的第一部分内容", 72, t, 522, t + 12) for t in tops]


def test_an_upright_page_does_not_look_turned():
    assert not looks_turned(_paragraph([100, 120, 140, 160, 180]))


def test_lines_standing_taller_than_wide_look_turned():
    """A page on its side: each line of text runs down (or up) the page."""
    lines = [_line("政府信息公开工作年度报告", x, 72, x + 12, 330) for x in (100, 120, 140)]
    assert looks_turned(lines)


def test_lines_going_on_up_the_page_look_turned():
    """A page upside down: the drawing's lines follow one another up the page."""
    assert looks_turned(_paragraph([700, 680, 660, 640, 620]))


def test_a_column_of_vertical_labels_on_an_upright_page_does_not_look_turned():
    """hongze-2024 prints its row labels stacked vertically: a few tall lines among many wide
    ones, and a table drawn row by row goes down the page."""
    labels = [_line("依申请公开", 40, t, 52, t + 60) for t in (200, 270)]
    assert not looks_turned(_paragraph([100, 120, 140, 160, 180]) + labels)


def test_a_page_of_one_short_line_does_not_look_turned():
    """A line says nothing about the order of lines, nor one character about its direction."""
    assert not looks_turned([_line("1", 300, 800, 306, 810)])
    assert not looks_turned(_paragraph([100]))


def test_a_page_of_vertical_writing_is_not_turned():
    """A page set in vertical writing (竖排, as some covers and notices are): its lines stand tall
    and its characters follow one another down the page, as on a page on its side, but each
    glyph stands upright. Turned a quarter, its text would be read on its side; it is read as
    it is."""
    import pypdfium2 as pdfium

    from extractor.readers.pdf import SET_UPRIGHT, read_pdf
    from extractor.readers.pdf_pdfium import page_height, text_lines
    from extractor.readers.pdf_sideways import text_turns
    from tests.pdf_synth import vertical_text

    data = vertical_text(["政府信息公开工作年度报告", "平昌关镇人民政府", "二〇二三年十二月"])
    page = pdfium.PdfDocument(data)[0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    assert looks_turned(text_lines(textpage, page_height(page), text))  # the cheap look is fooled
    assert text_turns(textpage, text) == 0  # the glyphs are not
    assert SET_UPRIGHT not in read_pdf(data, "cover.pdf").notes


def _page_with_upside_down_words(upright: int, upside_down: int) -> bytes:
    """A page of ``upright`` characters written as usual and ``upside_down`` turned 180°."""
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(400, 400))
    c.drawString(20, 300, "8" * upright)
    c.saveState()
    c.translate(380, 100)
    c.rotate(180)
    c.drawString(0, 0, "8" * upside_down)
    c.restoreState()
    c.save()
    return buf.getvalue()


def test_characters_pointing_more_than_one_way():
    """``mixed_glyphs`` sends a drawn-again page's tables to pdfplumber when some of its
    characters point another way than most (Chromium's pages turned by /Rotate, where PDFium
    places them away from their glyphs: the sweep's test); a stray one among many does not.
    The samples' pages, and a page set upright from its side, point one way."""
    import pypdfium2 as pdfium

    from extractor.readers.pdf_sideways import mixed_glyphs
    from extractor.readers.pdf_upright import upright_pdf
    from samples.redraw import turned
    from tests.conftest import SAMPLES

    def mixed(data: bytes) -> list[bool]:
        pdf = pdfium.PdfDocument(data)
        return [mixed_glyphs(pdf[i].get_textpage()) for i in range(len(pdf))]

    assert mixed(_page_with_upside_down_words(60, 10)) == [True]
    assert mixed(_page_with_upside_down_words(100, 1)) == [False]
    data = (SAMPLES / "pingchangguan-2023-pagebreak.pdf").read_bytes()
    sideways = pdfium.PdfDocument(turned(data, 90, shown_upright=False))
    upright = upright_pdf(sideways, dict.fromkeys(range(len(sideways)), 1))
    assert not any(mixed(data)) and not any(mixed(upright))
