"""DOCX: the grid comes from gridSpan/vMerge, covered cells point at the cell covering them."""

from __future__ import annotations

import io

import docx

from extractor.model import Paragraph, Table
from extractor.readers.docx import read_docx
from tests.conftest import SAMPLES


def _doc():
    return read_docx((SAMPLES / "pingchangguan-2023-numbered.docx").read_bytes(), "n.docx")


def test_blocks_in_document_order():
    doc = _doc()
    kinds = [type(b).__name__ for b in doc.blocks]
    first_table = kinds.index("Table")
    heading = doc.blocks[first_table - 1]
    assert isinstance(heading, Paragraph) and heading.text == "二、主动公开政府信息情况"
    assert kinds.count("Table") == 3


def test_vertical_and_horizontal_merges_resolved():
    requests = _doc().tables[1]
    assert (requests.n_rows, requests.n_cols) == (28, 10)
    # 三、本年度办理结果 runs down column 0 from （一） to （七）
    top = requests.grid[5][0]
    assert (
        top.text.replace("\n", "") == "三、本年度办理结果" and top.rowspan == 22
    )  # （一）（二）, 8 + 3 + 5 + 3 sub-rows, （七）
    assert requests.grid[10][0].origin == (5, 0)
    assert requests.text(10, 0) == top.text
    # 一、本年新收… spans the three label columns
    assert requests.grid[3][0].colspan == 3 and requests.grid[3][2].origin == (3, 0)
    # （三）不予公开 runs down column 1 over its eight sub-rows
    assert requests.grid[7][1].text == "（三）不予公开" and requests.grid[7][1].rowspan == 8
    assert requests.grid[3][9].text == "7913"
    assert requests.grid[3][9].prov.table == 1 and requests.grid[3][9].prov.row == 3


def test_python_docx_would_repeat_the_merged_cell():
    """The reason the reader reads the XML: row.cells repeats a merged cell at every position."""
    document = docx.Document(
        io.BytesIO((SAMPLES / "pingchangguan-2023-numbered.docx").read_bytes())
    )
    row = document.tables[1].rows[3]
    assert [c.text for c in row.cells][:3] == ["一、本年新收政府信息公开申请数量"] * 3
    table = _doc().tables[1]
    assert isinstance(table, Table) and [table.grid[3][c].covered for c in range(3)] == [
        False,
        True,
        True,
    ]
