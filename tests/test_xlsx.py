"""reports.xlsx, read back with openpyxl."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.outputs.xlsx import EXCEL_MAX_CHARS, TRUNCATED, Workbook, excel_text

openpyxl = pytest.importorskip("openpyxl")


def test_text_is_cut_to_excel_limit():
    assert excel_text("=1+1") == "'=1+1"
    long = excel_text("政" * 40_000)
    assert len(long) == EXCEL_MAX_CHARS and long.endswith(TRUNCATED)
    astral = excel_text("𠀀" * 20_000)  # two UTF-16 units each
    assert len(astral.encode("utf-16-le")) // 2 <= EXCEL_MAX_CHARS


def test_sheets_numbers_formulas_and_failed_checks(tmp_path):
    book = Workbook(tmp_path / "reports.xlsx")
    src = "a.pdf"
    fact = [src, "requests", "new", "total", Decimal("7913"), "件", "一、…", "总计", "7913"]
    fact += [3, False] + [None] * 11
    other = list(fact)
    other[2], other[4] = "granted", Decimal("23.0715")
    book.add("reports", [(src,)])
    book.add("facts", [tuple(fact), tuple(other)])
    book.add(
        "sections", [(src, "overview", "一、总体情况", '=HYPERLINK("http://x")' + "字" * 40_000)]
    )
    check = (
        src,
        "requests.balance",
        "requests",
        "total",
        "fail",
        "new.total",
        Decimal(1),
        "total.total",
        Decimal(2),
        Decimal(-1),
        "requests.new.total",
        "",
        None,
    )
    book.add("checks", [check])
    book.add("errors", [("b.pdf", "empty", "the file is empty")])
    path = book.close([])
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["compare", "facts", "sections", "checks", "errors", "dictionary"]
    facts = wb["facts"]
    assert facts.freeze_panes == "A3"
    assert [c.value for c in facts[1]][:5] == ["文件", "表", "行代码", "列代码", "数值"]
    assert facts["E3"].value == 7913 and facts["E3"].data_type == "n"
    assert facts["E4"].value == pytest.approx(23.0715)
    assert facts["E3"].fill.fgColor.rgb == "FFFFC7CE"  # a cell of the failed check
    assert facts["E4"].fill.fgColor.rgb != "FFFFC7CE"
    text = wb["sections"]["D3"]
    assert text.data_type == "s" and text.value.startswith("'=HYPERLINK")
    assert len(text.value) == EXCEL_MAX_CHARS
    assert wb["checks"]["E3"].fill.fgColor.rgb == "FFFFC7CE"
    assert wb["errors"]["C3"].value == "the file is empty"
    assert not list(tmp_path.glob(".*"))  # no temporary file left
