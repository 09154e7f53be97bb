"""CSV outputs: text a spreadsheet would run as a formula is neutralised; numbers stay numbers;
Parquet and DuckDB keep the text raw."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from extractor.bulk import run_bulk
from extractor.export import csv_cell, write_csv_rows
from tests.conftest import SAMPLES

FORMULA = '=HYPERLINK("http://evil.example/x","点击查看")'


@pytest.mark.parametrize(
    "value,written",
    [
        (FORMULA, "'" + FORMULA),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("-1+2", "'-1+2"),
        ("\tx", "'\tx"),
        ("-3", "-3"),  # a number printed in a cell (raw): read as a number, never run
        ("-1,234.5", "-1,234.5"),
        (Decimal("-3"), Decimal("-3")),
        (7, 7),
        (None, None),
        ("平昌关镇", "平昌关镇"),
    ],
)
def test_csv_cell(value, written):
    assert csv_cell(value) == written


def test_write_csv_rows_neutralises_every_text_column(tmp_path):
    path = tmp_path / "x.csv"
    write_csv_rows(path, ["source", "text", "value"], [("=a.txt", "@x", Decimal("-2"))])
    (row,) = csv.reader(path.read_text(encoding="utf-8-sig").splitlines()[1:])
    assert row == ["'=a.txt", "'@x", "-2"]


def test_formula_in_a_section_and_a_file_name_reaches_no_spreadsheet(tmp_path, monkeypatch):
    """The issue's second cause: section text and file names beginning with = were written raw
    into sections.csv and the source columns."""
    duckdb = pytest.importorskip("duckdb")
    text = (SAMPLES / "pingchangguan-2023.txt").read_text(encoding="utf-8")
    text = text.replace("一、总体情况\n\n", f"一、总体情况\n\n{FORMULA}\n\n", 1)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "=evil.txt").write_text(text, encoding="utf-8")
    run_bulk(["=evil.txt"], "out", jobs=1, formats=["csv", "duckdb"])

    def rows(name: str) -> list[dict[str, str]]:
        data = (tmp_path / "out" / name).read_text(encoding="utf-8-sig")
        return list(csv.DictReader(data.splitlines()))

    sections = rows("sections.csv")
    overview = next(r for r in sections if r["section"] == "overview")
    assert overview["text"].startswith("'" + FORMULA)
    assert {r["source"] for r in sections} == {"'=evil.txt"}
    facts = rows("facts.csv")
    assert {r["source"] for r in facts} == {"'=evil.txt"}
    assert all(not r["value"].startswith("'") for r in facts)
    db = duckdb.connect(str(tmp_path / "out" / "reports.duckdb"), read_only=True)
    (raw,) = db.execute("SELECT text FROM sections WHERE section = 'overview'").fetchone()
    assert raw.startswith(FORMULA)  # the database keeps the text as printed
