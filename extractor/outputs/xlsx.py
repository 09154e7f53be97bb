"""``reports.xlsx``: the run as one Excel workbook (XlsxWriter, rows streamed to disk).

Sheets compare, facts, sections, checks, errors, dictionary. Each has two frozen header rows: the
Chinese header, then the column code. Numbers are written as numbers (a Decimal as the nearest
double; the exact printed text stays in ``raw``), text always as text, never as a formula (and
through ``textutil.spreadsheet_safe``, so '=…' shows as text in every program), cut to Excel's
32,767 characters with a note. Failed checks are red in ``checks``; the facts they involve are
red in ``facts``; a compare row whose checks failed has its flag red. A sheet stops at Excel's
row limit with a last row saying how many rows are only in the CSV files.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Set
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..analysis.compare import COLUMNS as COMPARE_SPEC
from ..analysis.dictionary import DICTIONARY_COLUMNS, dictionary_rows
from ..columns import CHECKS, ERRORS, FACTS, SECTIONS, Row
from ..textutil import spreadsheet_safe

EXCEL_MAX_CHARS = 32_767  # Excel's limit of characters in a cell (UTF-16 code units)
EXCEL_MAX_ROWS = 1_048_576
HEADER_ROWS = 2  # the Chinese header, then the column codes
TRUNCATED = "…[truncated: the full text is in sections.csv]"
COLUMN_WIDTH, WIDE_COLUMN = 14, 60

HEADERS_ZH = {
    "source": "文件", "table": "表", "row": "行代码", "column": "列代码", "value": "数值",
    "unit": "单位", "row_label": "行(官方)", "column_label": "列(官方)", "raw": "原文",
    "page": "页", "blank": "空白", "printed_row": "行(原文)", "printed_column": "列(原文)",
    "table_index": "表序号", "grid_row": "网格行", "grid_col": "网格列", "line": "行号",
    "bbox": "位置", "origin": "来源", "note": "说明", "confidence": "置信度", "unsure": "存疑",
    "section": "部分", "title": "标题", "text": "正文", "rule": "规则", "scope": "范围",
    "status": "结果", "lhs": "左边", "lhs_value": "左值", "rhs": "右边", "rhs_value": "右值",
    "difference": "差值", "cells": "单元格", "detail": "详情", "kind": "类型", "reason": "原因",
    "code": "代码", "label_2021": "2021版标签", "label_2019": "2019版标签",
    "label_pre2019": "2019年前标签", "description": "说明(英文)",
}  # fmt: skip
SHEETS = {t.name: t.names for t in (FACTS, SECTIONS, CHECKS, ERRORS)}
_FACT = {c: FACTS.names.index(c) for c in ("table", "row", "column", "value")}
WIDE = {"text", "detail", "reason", "description", "row_label", "title"}


def excel_text(text: str) -> str:
    """Text as a cell may hold it: formula-safe, and at most EXCEL_MAX_CHARS UTF-16 units
    (cut with a note saying so, never inside a surrogate pair)."""
    text = str(spreadsheet_safe(text))
    if len(text.encode("utf-16-le")) // 2 <= EXCEL_MAX_CHARS:
        return text
    room = EXCEL_MAX_CHARS - len(TRUNCATED)
    out, used = [], 0
    for ch in text:
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > room:
            break
        out.append(ch)
    return "".join(out) + TRUNCATED


class _Sheet:
    """One worksheet written row after row."""

    def __init__(self, book: Any, name: str, columns: list[str], headers: list[str]) -> None:
        self.ws = book.add_worksheet(name)
        self.formats = book.formats_
        self.row = HEADER_ROWS
        self.left_out = 0
        for i, c in enumerate(columns):  # row by row: constant-memory mode writes a row once
            self.ws.set_column(i, i, WIDE_COLUMN if c in WIDE else COLUMN_WIDTH)
            self.ws.write_string(0, i, headers[i], self.formats["header"])
        for i, c in enumerate(columns):
            self.ws.write_string(1, i, c, self.formats["code"])
        self.ws.freeze_panes(HEADER_ROWS, 0)

    def write(self, values: Iterable[Any], marks: Set[int] = frozenset()) -> None:
        if self.row >= EXCEL_MAX_ROWS - 1:
            self.left_out += 1
            return
        for col, value in enumerate(values):
            fmt = self.formats["fail"] if col in marks else None
            write_cell(self.ws, self.row, col, value, fmt)
        self.row += 1

    def finish(self) -> None:
        if self.left_out:
            note = f"{self.left_out} more rows are not shown (Excel's row limit): see the CSV"
            self.ws.write_string(self.row, 0, note, self.formats["fail"])


def write_cell(ws: Any, row: int, col: int, value: Any, fmt: Any = None) -> None:
    """One value: numbers as numbers, booleans as booleans, text as (safe) text, None empty."""
    if value is None:
        if fmt is not None:
            ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, int | float | Decimal):
        number = float(value)
        if math.isfinite(number):
            ws.write_number(row, col, number, fmt)
        else:
            ws.write_string(row, col, str(value), fmt)
    else:
        ws.write_string(row, col, excel_text(str(value)), fmt)


class Workbook:
    """The workbook of a run: ``add`` the output tables' rows as they come, ``close`` with the
    compare records. Facts wait for their report's checks (to mark the failed ones)."""

    def __init__(self, path: Path, work: Path | None = None) -> None:
        """``work``: where the file is built (beside ``path`` if None) and moved from on close."""
        import xlsxwriter

        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        work = work or self.path.parent
        self.tmp = work / f".{self.path.name}.tmp{os.getpid()}"
        self.book = xlsxwriter.Workbook(
            str(self.tmp),
            {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
             "strings_to_numbers": False, "tmpdir": str(work)},
        )  # fmt: skip
        self.book.formats_ = {
            "header": self.book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
            "code": self.book.add_format({"font_color": "#808080", "font_size": 9}),
            "fail": self.book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"}),
        }
        codes = [c.code for c in COMPARE_SPEC]
        self.compare = _Sheet(self.book, "compare", codes, [c.label for c in COMPARE_SPEC])
        self.sheets = {t: _Sheet(self.book, t, c, [HEADERS_ZH[x] for x in c])
                       for t, c in SHEETS.items()}  # fmt: skip
        self.pending: list[Row] = []  # facts of the report whose checks are still to come
        self.failed_cells: dict[str, set[str]] = {}
        self._cells_at = CHECKS.names.index("cells")
        self._status_at = CHECKS.names.index("status")

    def add(self, table: str, rows: list[Row]) -> None:
        if table == "facts":
            if self.pending and rows and rows[0][0] != self.pending[0][0]:
                self._flush_facts()
            self.pending += rows
            return
        if table == "checks":
            for row in rows:
                if row[self._status_at] == "fail" and row[self._cells_at]:
                    self.failed_cells.setdefault(row[0], set()).update(row[self._cells_at].split())
            self._flush_facts()
        elif table == "reports":
            self._flush_facts()
            return
        if table in self.sheets:
            status = self._status_at if table == "checks" else None
            for row in rows:
                failed = status is not None and row[status] == "fail"
                self.sheets[table].write(row, set(range(len(row))) if failed else set())

    def _flush_facts(self) -> None:
        sheet = self.sheets["facts"]
        for row in self.pending:
            failed = self.failed_cells.get(row[0], ())
            key = f"{row[_FACT['table']]}.{row[_FACT['row']]}.{row[_FACT['column']]}"
            sheet.write(row, {_FACT["value"]} if key in failed else set())
        self.pending = []

    def close(self, records: list[dict[str, Any]]) -> Path:
        """Write compare and dictionary, then the file (moved into place)."""
        self._flush_facts()
        flag = [c.code for c in COMPARE_SPEC].index("checks_pass")
        for r in records:
            self.compare.write([r[c.code] for c in COMPARE_SPEC],
                               {flag} if r["checks_pass"] is False else set())  # fmt: skip
        dictionary = _Sheet(self.book, "dictionary", DICTIONARY_COLUMNS,
                            [HEADERS_ZH[c] for c in DICTIONARY_COLUMNS])  # fmt: skip
        for row in dictionary_rows():
            dictionary.write(row)
        for sheet in (self.compare, *self.sheets.values(), dictionary):
            sheet.finish()
        self.book.close()
        os.replace(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        try:
            self.book.close()
        finally:
            self.tmp.unlink(missing_ok=True)
