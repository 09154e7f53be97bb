"""CSV outputs: text a spreadsheet would run as a formula is neutralised; numbers stay numbers;
Parquet and DuckDB keep the text raw."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from extractor.bulk import run_bulk
from extractor.columns import record_table
from extractor.outputs.csvfile import csv_cell, write_csv_rows
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
    table = record_table(
        "x", "x.csv", [("source", "string"), ("text", "string"), ("value", "decimal")]
    )
    write_csv_rows(path, table, [("=a.txt", "@x", Decimal("-2"))])
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


def test_csv_lines_are_what_the_csv_module_writes_of_the_safe_cells():
    """``csv_text`` writes lines by a function made for the table: the same text as
    ``csv.writer`` over ``csv_cell`` of every value, for every kind of value in every kind of
    column (text where a number is expected included)."""
    import io

    from extractor.outputs.csvfile import csv_text

    texts = ["", "a", "a,b", 'a"b', 'x""', "a\nb", "a\rb", "=x", "+1", "-3", "-1+2", "@x", "\tx",
             "\rx", " x", "平昌关镇", "1,234.5", "'=x", "a,\"b\"\nc", None]  # fmt: skip
    others = [None, Decimal("1.50"), Decimal("-3"), Decimal("1E+3"), Decimal("-0"),
              Decimal("1E-7"), Decimal("0.000001"), Decimal("NaN"), Decimal("-Infinity"), 0, 7,
              True, False, 0.5, 1e-7, float("nan"), "=1+1", "a,b"]  # fmt: skip
    table = record_table("t", "t.csv", [("text", "string"), ("value", "decimal"),
                                         ("flag", "bool"), ("note", "string")])  # fmt: skip
    rows = [(t, o, others[(i + 3) % len(others)], texts[(i * 7) % len(texts)])
            for i, (t, o) in enumerate((t, o) for t in texts for o in others)]  # fmt: skip
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(tuple(map(csv_cell, r)) for r in rows)
    assert csv_text(table, rows) == csv_text(table, rows) == buf.getvalue()  # remembered too


def test_csv_fields_remembered_are_forgotten_past_the_limit(monkeypatch):
    """The remembered text fields are dropped when FIELDS_KEPT is reached, and lines stay the
    same after."""
    from extractor.outputs import csvfile

    monkeypatch.setattr(csvfile, "FIELDS_KEPT", 3)
    monkeypatch.setattr(csvfile, "_FIELDS", csvfile._Fields())
    table = record_table(
        "fields-limit", "fields-limit.csv", [("text", "string")]
    )  # new: not cached
    rows = [(t,) for t in ["a", "b,c", "=x", 'd"e', "a", None, "f"]]
    assert csvfile.csv_text(table, rows) == 'a\n"b,c"\n\'=x\n"d""e"\na\n\nf\n'
    assert len(csvfile._FIELDS) <= 3
