"""The output schema (``extractor.columns``): the rows hold its columns and types, and the
README lists them as they are."""

from __future__ import annotations

import re
from decimal import Decimal

import extractor
from extractor.analysis.compare import COMPARE, reports_records
from extractor.analysis.dictionary import DICTIONARY, dictionary_rows
from extractor.canonical import Problem
from extractor.columns import CHECKS, ERRORS, FACTS, SECTIONS, all_cell_keys, reports_table, tables
from extractor.export import batch_check_rows, report_to_rows
from extractor.model import Provenance
from tests.conftest import DATA, ROOT, SAMPLES

README = (ROOT / "README.md").read_text(encoding="utf-8")
TYPE = r"(?: (?:int|bool|float|decimal))?"
LIST = re.compile(rf"`[^`]+`{TYPE}(?:,\s+`[^`]+`{TYPE})*")  # `a`, `b` int, `c` …
NAMED = re.compile(r"`([^`]+)`(?: (int|bool|float|decimal))?")
PYTHON_TYPES = {"string": str, "int": int, "bool": bool, "float": float, "decimal": Decimal}


def listed(text: str) -> list[list[tuple[str, str]]]:
    """Every typed column list in a piece of the README → (name, type) pairs (a name without a
    type is text)."""
    return [[(n, t or "string") for n, t in NAMED.findall(m)] for m in LIST.findall(text)]


def outputs_row(file: str) -> str:
    """The 'columns' cell of a file's row in the README's table of outputs."""
    line = next(li for li in README.splitlines() if li.startswith(f"| `{file}` |"))
    return line.split("|")[3]


def section(title: str) -> str:
    start = README.index(f"## {title}\n")
    return README[start : README.index("\n## ", start + 1)]


def test_the_readme_lists_every_column_of_each_table_with_its_type():
    for table in (FACTS, SECTIONS, CHECKS, ERRORS, DICTIONARY):
        assert listed(outputs_row(table.file))[0] == list(table.types().items()), table.file
    reports = reports_table()
    meta = listed(outputs_row("reports.csv"))[0]
    assert meta == list(reports.types().items())[: len(meta)]
    assert reports.names[len(meta) :] == list(all_cell_keys())
    assert set(list(reports.types().values())[len(meta) :]) == {"decimal"}
    assert "then one decimal column per canonical cell" in outputs_row("reports.csv")


def expand(name: str) -> list[str]:
    """The README's shorthand: ``a_total|corrected`` → a_total, a_corrected."""
    first, *others = name.split("|")
    stem = first.rsplit("_", 1)[0]
    return [first, *(f"{stem}_{o}" for o in others)]


def test_the_readme_names_every_compare_column_in_order_with_its_type():
    text = section("Comparing bodies and years")
    paragraph = text[text.index("Its columns, in order") :].split("\n\n")[0]
    lists = [found for found in listed(paragraph) if len(found) > 1]
    head, tail = lists[0], lists[-1]
    types = list(COMPARE.types().items())
    assert head == types[: len(head)] and tail == types[-len(tail) :]
    named = {n for m in NAMED.findall(text) for n in expand(m[0])}
    middle = types[len(head) : -len(tail)]
    for name, type_ in middle:
        assert name in named or name.split(".")[0] + ".<reason>" in named, name
        assert type_ == (
            "float" if "rate" in name or name.endswith(("_pct", "_share")) else "decimal"
        )


def check_rows(table, rows) -> None:
    types = list(table.types().values())
    for row in rows:
        assert len(row) == len(types), table.name
        for value, type_, name in zip(row, types, table.names, strict=True):
            python = PYTHON_TYPES[type_]
            ok = value is None or (
                isinstance(value, python)
                and (type_ != "int" or value is not True and value is not False)
            )
            assert ok, (table.name, name, type_, value)


def test_rows_hold_the_columns_and_types_of_the_schema():
    batch = extractor.extract_many(
        [SAMPLES / "pingchangguan-2023.txt", SAMPLES / "pingchangguan-2020-format2019.docx",
         DATA / "hongze-2024.pdf", DATA / "crawled" / "pingtan-2021.txt", DATA / "bad" / "empty.pdf"]
    )  # fmt: skip
    for rep in batch.reports:
        for name, rows in report_to_rows(rep).items():
            check_rows(tables()[name], rows)
    check_rows(CHECKS, batch_check_rows(batch.reports))
    check_rows(ERRORS, batch.error_list)
    check_rows(COMPARE, [COMPARE.values(r) for r in reports_records(batch.reports)])
    check_rows(DICTIONARY, dictionary_rows())
    assert len(batch.error_list) == 1 and any(rep.problems for rep in batch.reports)


def test_a_problem_row_has_no_sides_and_the_page_it_was_met_on():
    problem = Problem("row.missing", "requests", "no row 二", Provenance(page=3), "fail")
    row = dict(zip(CHECKS.names, ("a.pdf", *CHECKS.values(problem)), strict=True))
    assert row == {
        "source": "a.pdf", "rule": "row.missing", "table": "requests", "scope": "",
        "status": "fail", "lhs": None, "lhs_value": None, "rhs": None, "rhs_value": None,
        "difference": None, "cells": None, "detail": "no row 二", "page": 3,
    }  # fmt: skip
