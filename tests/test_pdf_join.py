"""Tables across pages (readers/pdf_join.py): one regression test per producer quirk, on
minimal PDFs drawn for it (tests/pdf_synth.py), with both engines. Expected rows are the rows
the test draws."""

from __future__ import annotations

import pytest

from extractor.readers.pdf import read_pdf
from extractor.readers.pdf_join import shifted_union, union_edges
from tests.pdf_synth import (
    XS,
    Row,
    appeals_header_over_two_pages,
    table_under_unit_line,
    two_page_table,
)

ENGINES = ["pdfium", "pdfplumber"]
FIRST = [
    Row("一、本年新收政府信息公开申请数量", ["1", "2", "3", "4", "5", "6", "21"]),
    Row("2.没有现成信息需要另行制作", ["3", "0", "0", "0", "0", "0", "3"]),
]
SECOND = [
    Row("3.补正后申请内容仍不明确", ["", "7", "", "1", "", "", "8"]),
    Row("行政强制", ["—", "", "", "", "", "", "—"]),
]
DRAWN = [[r.label, *r.values] for r in FIRST + SECOND]


def _data_rows(data: bytes, engine: str) -> list[list[str]]:
    (table,) = read_pdf(data, "synth.pdf", engine=engine).tables
    assert table.pages == [1, 2]
    return table.rows_text()[1:]  # the header row aside


@pytest.mark.parametrize("engine", ENGINES)
def test_last_row_closed_only_by_white_cell_fills_is_kept(engine):
    """洪泽区 2023, page 3: the last row's bottom border is only the edge of white-filled cells,
    the vertical rules run on to the page's bottom; the row (2. 没有现成信息 3 0 0 0 0 0 3) was
    dropped by both engines."""
    assert _data_rows(two_page_table(FIRST, SECOND, bottom_border="fill"), engine) == DRAWN


@pytest.mark.parametrize("engine", ENGINES)
def test_last_row_with_no_bottom_border_is_kept(engine):
    assert _data_rows(two_page_table(FIRST, SECOND, bottom_border="none"), engine) == DRAWN


@pytest.mark.parametrize("engine", ENGINES)
def test_continuation_whose_first_row_has_no_top_border(engine):
    assert _data_rows(two_page_table(FIRST, SECOND, top_border=False), engine) == DRAWN


@pytest.mark.parametrize("engine", ENGINES)
def test_zero_mark_row_opening_a_page_is_a_row_of_its_own(engine):
    """A page opening with 行政强制 | — was joined to the row before ('行政处罚行政强制', both
    values lost): a zero mark is a value, so the row is not the rest of a broken row."""
    rows = _data_rows(two_page_table(FIRST, SECOND[::-1]), engine)
    assert rows[2] == ["行政强制", "—", "", "", "", "", "", "—"]
    assert len(rows) == 4


@pytest.mark.parametrize("engine", ENGINES)
def test_blank_cells_keep_their_columns_on_a_page_without_header(engine):
    """A 2019 report prints blanks for zeros: 7 and 1 stay under 商业企业 and 社会公益组织."""
    rows = _data_rows(two_page_table(FIRST, SECOND), engine)
    assert rows[2] == ["3.补正后申请内容仍不明确", "", "7", "", "1", "", "", "8"]


@pytest.mark.parametrize("engine", ENGINES)
def test_repeated_header_is_dropped(engine):
    assert _data_rows(two_page_table(FIRST, SECOND, header_on_second=True), engine) == DRAWN


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("shift", [-40.0, 25.0])
def test_continuation_printed_further_across_the_page_is_joined(engine, shift):
    """Mirrored margins (a document set for double-sided printing moves its even pages' text
    block): the table on page 2 stands 11-20 mm to one side. Its columns matched none of page
    1's and the fragments stayed apart; a 2019 report's page without header then had no
    columns to carry (LibreOffice, 16 page heights: 69 % of the cells read, the rest reported
    missing). One shift that lines up both outer edges and the boundaries proves one table."""
    data = two_page_table(FIRST, SECOND, shift=shift)
    assert _data_rows(data, engine) == DRAWN
    (table,) = read_pdf(data, "synth.pdf", engine=engine).tables
    side = "left" if shift < 0 else "right"
    assert f"p2 prints the table {abs(shift):.1f} pt further {side}" in table.prov.note
    assert table.grid[-1][1].prov.bbox[0] == pytest.approx(XS[1] + shift, abs=1)  # its own place


def test_tables_as_wide_but_of_other_columns_do_not_join_by_a_shift():
    """A shift proves one table only where the boundaries then agree."""
    page1 = [60.0, 250.0, 290.0, 330.0, 370.0, 535.0]
    assert shifted_union(page1, [x - 30 for x in page1], 3.0) == (page1, 30.0)
    other = [30.0, 120.0, 200.0, 280.0, 505.0]  # as wide, other columns
    assert shifted_union(page1, other, 3.0) is None
    assert shifted_union(page1, [x - 30 for x in page1[:-1]] + [600.0], 3.0) is None  # wider


def test_fragments_join_when_one_lacks_boundaries_the_other_has():
    """A continuation whose rows merge the label columns, or whose sliced first column drew no
    rules, has fewer boundaries: its columns are the table's."""
    full = [60.0, 110.0, 160.0, 250.0, 290.0, 330.0]
    assert union_edges(full, [60.0, 250.0, 290.0, 330.0], 3.0) == full
    assert union_edges([60.5, 250.0, 290.0, 330.0], full, 3.0) == pytest.approx(full, abs=0.6)
    # Chromium: the next page lacks the sliced first column (60-110), this one the merged 160
    this_page = [60.0, 110.0, 250.0, 290.0, 330.0]
    next_page = [110.0, 160.0, 250.0, 290.0, 330.0]
    assert union_edges(this_page, next_page, 3.0) == full


def test_tables_with_other_columns_do_not_join():
    table2 = [60.0, 250.0, 290.0, 330.0, 370.0]
    table3 = [60.0, 100.0, 140.0, 180.0, 220.0, 260.0, 300.0, 370.0]
    assert union_edges(table2, table3, 3.0) is None


@pytest.mark.parametrize("engine", ENGINES)
def test_unit_line_above_a_table_that_opens_its_page_stays_out_of_its_header(engine):
    """单位：件 printed right above a table at the top of a page is not a sliced cell's text
    (the table continues nothing): it is kept beside the table, not added to a header cell."""
    data = table_under_unit_line(FIRST)
    (table,) = read_pdf(data, "synth.pdf", engine=engine).tables
    assert table.rows_text()[0][-1] == "总计"
    assert table.rows_text()[1:] == [[r.label, *r.values] for r in FIRST]
    assert "单位：件" in table.prov.note


@pytest.mark.parametrize("engine", ENGINES)
def test_header_row_broken_by_the_page_is_rejoined(engine):
    """Chromium, 145 mm pages at 125 %: the page broke table 3's header row between 结果 and
    维持 in its narrow columns; the halves stayed two rows, the column names 其他 / 结果 named
    no result, and three values were withheld. A header row's cells that each end on a full
    line continue on the next page."""
    (table,) = read_pdf(appeals_header_over_two_pages(26), "synth.pdf", engine=engine).tables
    assert table.rows_text()[1:] == [
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
        ["1", "2", "3", "4", "10"],
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_header_row_whose_lines_end_short_is_not_joined_to_the_next_page(engine):
    """The same rows in wide columns: 结果 ends far from its cell's edge, so its text ended
    there, and the next page's first row is a row of its own."""
    (table,) = read_pdf(appeals_header_over_two_pages(50), "synth.pdf", engine=engine).tables
    assert table.rows_text()[1:3] == [
        ["结果", "结果", "其他", "尚未", "总计"],
        ["维持", "纠正", "结果", "审结", ""],
    ]
