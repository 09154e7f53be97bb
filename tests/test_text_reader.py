"""Reports published as web-page text: tab-separated rows, one of which lost its leading tabs."""

from __future__ import annotations

from decimal import Decimal

import extractor
from extractor.model import Paragraph, Table
from extractor.readers.text import read_text
from tests.conftest import SAMPLES
from tests.expected import PUBLISHED_2023, table_values

TXT = SAMPLES / "pingchangguan-2023.txt"


def test_lines_become_paragraphs_and_tab_runs_become_tables():
    doc = read_text(TXT.read_bytes(), "t.txt")
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds.count("Table") == 3
    first = doc.blocks[0]
    assert isinstance(first, Paragraph) and first.text == "平昌关镇 2023 年政府信息公开工作年度报告"
    assert first.prov.line == 3
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert table.grid[1][1].text == "本年制发件数" and table.grid[1][1].prov.line == 22


def test_every_cell_of_the_published_text():
    report = extractor.extract(TXT)
    assert table_values(report) == PUBLISHED_2023
    assert {c.status for c in report.check_list} == {"pass"}


def test_row_that_lost_its_leading_tabs_is_other_other():
    """'3. 其他' starts at column 0; it still belongs to （六） and is read, not dropped."""
    report = extractor.extract(TXT)
    fact = next(f for f in report.fact_list if f.key == "requests.other_other.total")
    assert fact.prov.line == 63  # grep -n "^3. 其他" samples/pingchangguan-2023.txt
    assert fact.value == Decimal(0)


def test_rows_with_shifted_cells_say_they_were_read_by_order():
    report = extractor.extract(TXT)
    shifted = {f.row for f in report.fact_list if "read by order" in f.note}
    # the sub-rows printed with three label cells are one cell to the right of the header
    assert "denied_state_secret" in shifted and "other_unpaid_fee" in shifted
    assert "new" not in shifted and "other_other" not in shifted


def test_gbk_encoded_text_is_read():
    data = TXT.read_text(encoding="utf-8").encode("gb18030")
    report = extractor.extract_bytes(data, "gbk.txt")
    assert report.meta["body"] == "平昌关镇"
    assert table_values(report) == PUBLISHED_2023
