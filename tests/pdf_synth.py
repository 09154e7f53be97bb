"""Minimal PDFs that reproduce one table quirk each, drawn with reportlab: a table 2 whose rows
run over two pages, with the borders drawn the way a given producer draws them.

Text uses the CID font STSong-Light (not embedded; PDFium and pdfminer map it to Unicode by
its CMap), so the files are a few kilobytes.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "samples"))
from redraw import boxes_on_the_page_tree, moved, turned  # noqa: F401  (as tools write them)

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

# x boundaries: the label column, then 7 applicant columns
XS = [60, 250, 290, 330, 370, 410, 450, 490, 535]
ROW_H = 20
HEADER = ["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


@dataclass
class Row:
    label: str
    values: list[str]


def _text(c: Canvas, x: float, y_top: float, text: str, size: float = 8) -> None:
    c.setFont(FONT, size)
    c.drawString(x + 3, A4[1] - y_top - ROW_H + 7, text)


def _hline(c: Canvas, y_top: float, x0: float = XS[0], x1: float = XS[-1]) -> None:
    c.line(x0, A4[1] - y_top, x1, A4[1] - y_top)


def _vlines(c: Canvas, y0: float, y1: float, xs: list[float] = XS) -> None:
    for x in xs:
        c.line(x, A4[1] - y0, x, A4[1] - y1)


def _white_cells(c: Canvas, y_top: float) -> None:
    """White fills behind each cell of a row: their bottom edge is the only bottom border."""
    c.setFillColorRGB(1, 1, 1)
    for x0, x1 in zip(XS, XS[1:], strict=False):
        c.rect(x0 + 0.3, A4[1] - y_top - ROW_H, x1 - x0 - 0.6, ROW_H, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)


def _rows(c: Canvas, y: float, rows: list[Row], xs: list[float] = XS) -> float:
    for row in rows:
        _text(c, xs[0], y, row.label)
        for x, v in zip(xs[1:], row.values, strict=False):
            _text(c, x, y, v)
        y += ROW_H
    return y


def _start(heading: str, x: float = XS[0]) -> tuple[io.BytesIO, Canvas]:
    """A new A4 file: its buffer and canvas, the section's ``heading`` drawn at the top."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.setLineWidth(0.5)
    c.setFont(FONT, 14)
    c.drawString(x, A4[1] - 60, heading)
    return buf, c


def _end(c: Canvas, buf: io.BytesIO, bottom: float) -> bytes:
    """Section 四's heading below the table (at ``bottom``), the page ended, the file's bytes."""
    c.setFont(FONT, 14)
    c.drawString(XS[0], A4[1] - bottom - 40, "四、政府信息公开行政复议、行政诉讼情况")
    c.showPage()
    c.save()
    return buf.getvalue()


def two_page_table(
    first: list[Row],
    second: list[Row],
    *,
    bottom_border: str = "stroke",  # "stroke", "fill" (white cell fills only) or "none"
    top_border: bool = True,  # the continuation's first row has a top border
    header_on_second: bool = False,
    shift: float = 0.0,  # page 2's table stands this far to the right (mirrored margins)
) -> bytes:
    """A heading, then table 2's header and ``first`` rows on page 1, ``second`` on page 2."""
    buf, c = _start("三、收到和处理政府信息公开申请情况")
    top = 80.0
    if bottom_border == "fill":
        for i in range(len(first) + 1):
            _white_cells(c, top + i * ROW_H)
    _rows(c, top, [Row("", HEADER[1:])])
    bottom = _rows(c, top + ROW_H, first)
    for i in range(len(first) + 1):
        _hline(c, top + i * ROW_H)
    if bottom_border == "stroke":
        _hline(c, bottom)
    # the verticals run on to the page's bottom margin when the bottom is not stroked
    _vlines(c, top, bottom if bottom_border == "stroke" else bottom + 40)
    c.showPage()
    c.setLineWidth(0.5)
    top = 60.0
    rows = ([Row("", HEADER[1:])] if header_on_second else []) + second
    xs = [x + shift for x in XS]
    bottom = _rows(c, top, rows, xs)
    for i in range(len(rows) + 1):
        if i or top_border:
            _hline(c, top + i * ROW_H, xs[0], xs[-1])
    _vlines(c, top - (0 if top_border else 12), bottom, xs)
    return _end(c, buf, bottom)


def table_under_unit_line(rows: list[Row]) -> bytes:
    """A page that opens with a unit line (单位：件) right above table 2's top border, over its
    last column, and ends with a paragraph below the table: the table continues nothing."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.setLineWidth(0.5)
    top = 80.0
    _text(c, XS[-2], top - ROW_H - 1, "单位：件")  # its baseline 8 pt above the border
    bottom = _rows(c, top, [Row("", HEADER[1:]), *rows])
    for i in range(len(rows) + 2):
        _hline(c, top + i * ROW_H)
    _vlines(c, top, bottom)
    return _end(c, buf, bottom)


def one_row_table(texts: list[tuple[float, str]]) -> bytes:
    """A table of one row on the columns XS, with each text drawn at its x in one string
    (a string may run over a column boundary: one text object across two cells)."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.setLineWidth(0.5)
    top = 80.0
    for x, text in texts:
        _text(c, x, top, text)
    _hline(c, top)
    _hline(c, top + ROW_H)
    _vlines(c, top, top + ROW_H)
    c.drawString(XS[0], A4[1] - top - 60, "以上为统计表。")
    c.showPage()
    c.save()
    return buf.getvalue()


def table_with_an_open_cell(values: list[str], open_col: int) -> bytes:
    """Table 2's header and one row of ``values``, whose bottom border is drawn under every
    cell but the one of column ``open_col`` (1 = the first value): that cell has no closing
    rule, so no cell covers its place in the grid."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.setLineWidth(0.5)
    top = 80.0
    bottom = _rows(c, top, [Row("", HEADER[1:]), Row("一、本年新收政府信息公开申请数量", values)])
    _hline(c, top)
    _hline(c, top + ROW_H)
    _hline(c, bottom, XS[0], XS[open_col])
    _hline(c, bottom, XS[open_col + 1], XS[-1])
    _vlines(c, top, bottom)
    return _end(c, buf, bottom)


def value_over_an_unruled_boundary(value: str = "12") -> bytes:
    """Table 2's header, row 一, and row 二 whose value ``value`` is printed centred on the
    boundary between columns 2 and 3 (商业企业 | 科研机构), where no rule marks that boundary
    in row 二 (the vertical stops above it) and no rule closes the two cells below: one
    value over two columns' places, neither of them proven."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.setLineWidth(0.5)
    top = 80.0
    new = Row("一、本年新收政府信息公开申请数量", ["1", "0", "0", "0", "0", "0", "1"])
    y = _rows(c, top, [Row("", HEADER[1:]), new])
    _text(c, XS[0], y, "二、上年结转政府信息公开申请数量")
    _text(c, XS[1], y, "0")
    c.setFont(FONT, 8)
    c.drawCentredString(XS[3], A4[1] - y - ROW_H + 7, value)
    for x, v in zip(XS[4:-1], ["0", "0", "0", value], strict=True):
        _text(c, x, y, v)
    end = y + ROW_H
    for line in (top, top + ROW_H, y):
        _hline(c, line)
    _hline(c, end, XS[0], XS[2])
    _hline(c, end, XS[4], XS[-1])
    for x in XS:
        c.line(x, A4[1] - top, x, A4[1] - (y if x == XS[3] else end))
    return _end(c, buf, end)


def proactive_over_two_pages(first: list[Row], second: list[Row]) -> bytes:
    """A 2019-format table 1 block (信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量)
    with ``first`` rows on page 1 and ``second`` on page 2, every row closed by a stroked
    rule: no row is broken by the page."""
    xs = [60, 250, 345, 440, 535]
    header = Row("信息内容", ["本年新制作数量", "本年新公开数量", "对外公开总数量"])
    buf, c = _start("二、主动公开政府信息情况", xs[0])
    for page, rows in enumerate(([header, *first], second)):
        top = 80.0 if page == 0 else 60.0
        for i, row in enumerate(rows):
            y = top + i * ROW_H
            _text(c, xs[0], y, row.label)
            for x, v in zip(xs[1:], row.values, strict=False):
                _text(c, x, y, v)
        bottom = top + len(rows) * ROW_H
        for i in range(len(rows) + 1):
            _hline(c, top + i * ROW_H, xs[0], xs[-1])
        for x in xs:
            c.line(x, A4[1] - top, x, A4[1] - bottom)
        if page == 0:
            c.showPage()
            c.setLineWidth(0.5)
    return _end(c, buf, bottom)


def appeals_header_over_two_pages(col_width: float) -> bytes:
    """A table 3 block (行政复议 over five result columns) whose header row the page breaks:
    page 1 ends with the first line of each result's name (结果 | 结果 | 其他 | 尚未 | 总计), no
    rule below it, the verticals running on; page 2 opens with the second lines (维持 | 纠正 |
    结果 | 审结 | ) and then the values. Narrow columns (``col_width`` 26) are filled by the two
    characters of a first line, as where the names wrapped; wide ones are not."""
    xs = [60 + col_width * i for i in range(6)]
    buf, c = _start("四、政府信息公开行政复议、行政诉讼情况", xs[0])
    top = 80.0
    _text(c, xs[0], top, "行政复议")
    for x, word in zip(xs, ["结果", "结果", "其他", "尚未", "总计"], strict=False):
        _text(c, x, top + ROW_H, word)
    _hline(c, top, xs[0], xs[-1])
    _hline(c, top + ROW_H, xs[0], xs[-1])
    for x in xs:  # the verticals run on past the broken row: the page ends there
        c.line(x, A4[1] - (top if x in (xs[0], xs[-1]) else top + ROW_H), x, A4[1] - top - 80)
    c.showPage()
    c.setLineWidth(0.5)
    top = 60.0
    for x, word in zip(xs, ["维持", "纠正", "结果", "审结", ""], strict=False):
        _text(c, x, top, word)
    for x, value in zip(xs, ["1", "2", "3", "4", "10"], strict=False):
        _text(c, x, top + ROW_H, value)
    for i in range(3):
        _hline(c, top + i * ROW_H, xs[0], xs[-1])
    for x in xs:
        c.line(x, A4[1] - top, x, A4[1] - top - 2 * ROW_H)
    return _end(c, buf, top + 2 * ROW_H)


def hidden_below_the_crop_box(hidden_row: list[str]) -> bytes:
    """A table of one row, a line of prose, and below them (from y 300 down) a second table
    row ``hidden_row`` and a line of prose, with a crop box that ends the page at y 250: a
    viewer shows the first row and the first line only."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.setLineWidth(0.5)
    top = 80.0
    for x, text in zip(XS, ["行政许可", "5", "7", "12"], strict=False):
        _text(c, x, top, text)
    _hline(c, top)
    _hline(c, top + ROW_H)
    _vlines(c, top, top + ROW_H)
    c.drawString(XS[0], A4[1] - top - 60, "以上为统计表。")
    low = 300.0
    for x, text in zip(XS, hidden_row, strict=False):
        _text(c, x, low, text)
    _hline(c, low)
    _hline(c, low + ROW_H)
    _vlines(c, low, low + ROW_H)
    c.drawString(XS[0], A4[1] - low - 60, "草稿：不予公开。")
    c.setCropBox((0, A4[1] - 250, A4[0], A4[1]))
    c.showPage()
    c.save()
    return buf.getvalue()


def vertical_text(columns: list[str], size: float = 14) -> bytes:
    """A page set in vertical writing (竖排): upright glyphs stacked one under another, columns
    from right to left, each character drawn apart."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.setFont(FONT, size)
    for k, column in enumerate(columns):
        x = 500 - k * 2 * size
        for i, ch in enumerate(column):
            c.drawString(x, A4[1] - 80 - i * size * 1.2, ch)
    c.showPage()
    c.save()
    return buf.getvalue()
