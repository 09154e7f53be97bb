"""Reports → rows, DataFrames and CSV files. Reads only the canonical model.

Rows are plain tuples in the column order of each table (``TABLE_COLUMNS``); the DataFrames and
the CSV files are both built from them, so a report's rows are the same whether it is written
alone, in a batch, or streamed by a bulk run. CSV files are UTF-8 with a BOM so Excel and WPS
open the Chinese correctly, and are written to a temporary name and moved into place, so a crash
never leaves half a file. Every value is written as ``str(value)`` (``Decimal`` exactly as
printed, integers without a ``.0``, ``True``/``False``), ``None`` as an empty field. Text that a
spreadsheet would run as a formula (it begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) gets a leading ``'`` in the CSV files (``csv_cell``); numbers, and text that is only a
number such as a raw ``-3``, are written as they are. DataFrames, Parquet and DuckDB keep the
text raw.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .canonical import Fact
from .checks import Check, year_over_year, year_rule_columns
from .report import Report
from .template import schema as S
from .textutil import spreadsheet_safe

if TYPE_CHECKING:
    import pandas as pd

Row = tuple[Any, ...]

FACT_COLUMNS = [
    "source",
    "table",
    "row",
    "column",
    "value",
    "unit",
    "row_label",
    "column_label",
    "raw",
    "page",
    "blank",
    "printed_row",
    "printed_column",
    "table_index",
    "grid_row",
    "grid_col",
    "line",
    "bbox",
    "origin",
    "note",
    "confidence",
    "unsure",
]
SECTION_COLUMNS = ["source", "section", "title", "text"]
CHECK_COLUMNS = [
    "source",
    "rule",
    "table",
    "scope",
    "status",
    "lhs",
    "lhs_value",
    "rhs",
    "rhs_value",
    "difference",
    "cells",
    "detail",
    "page",
]
META_COLUMNS = [
    "source",
    "format",
    "sha256",
    "pages",
    "title",
    "body",
    "body_short",
    "level",
    "region",
    "signature_body",
    "year",
    "signed",
    "published",
    "template",
    "template_tables",
    "sections_found",
    "proactive_cells_expected",
    "proactive_cells_found",
    "requests_cells_expected",
    "requests_cells_found",
    "appeals_cells_expected",
    "appeals_cells_found",
    "complete",
    "checks_failed",
    "checks_incomplete",
    "problems",
    "notes",
]
ERROR_COLUMNS = ["source", "kind", "reason"]

# The output tables, in the order they are written: name → file name.
TABLE_FILES = {
    "reports": "reports.csv",
    "facts": "facts.csv",
    "sections": "sections.csv",
    "checks": "checks.csv",
    "errors": "errors.csv",
}


def all_cell_keys() -> list[str]:
    """Every canonical cell of every template, in a fixed order: the wide columns."""
    keys: list[str] = []
    for template in ("2021", "2019"):
        for table, row, col in S.canonical_cells(template):
            key = f"{table}.{row}.{col}"
            if key not in keys:
                keys.append(key)
    from .template.indicators import COLUMNS, INDICATORS

    keys += [f"indicators.{i.code}.{c}" for i in INDICATORS for c in COLUMNS]
    return keys


def table_columns() -> dict[str, list[str]]:
    """Output table name → its columns (``source`` first in every table)."""
    return {
        "reports": META_COLUMNS + all_cell_keys(),
        "facts": FACT_COLUMNS,
        "sections": SECTION_COLUMNS,
        "checks": CHECK_COLUMNS,
        "errors": ERROR_COLUMNS,
    }


def printed_value(f: Fact) -> Decimal | None:
    """A fact's value as the report printed it: None for a cell printed empty (the template
    layer reads it as 0 for its checks, and says so in ``blank``), so that blank never becomes 0
    in an output. A zero mark ('—', '无') is a printed 0 and stays 0."""
    if f.blank and not f.raw.strip():
        return None
    return f.value


def fact_rows(rep: Report) -> list[Row]:
    """One report → its facts.csv rows."""
    rows = []
    for f in rep.fact_list:
        p = f.prov
        rows.append(
            (
                rep.source,
                f.table,
                f.row,
                f.column,
                printed_value(f),
                f.unit,
                f.row_label,
                f.column_label,
                f.raw,
                p.page,
                f.blank,
                f.printed_row,
                f.printed_column,
                p.table,
                p.row,
                p.col,
                p.line,
                ",".join(str(v) for v in p.bbox) if p.bbox else None,
                f.origin,
                f.note,
                p.confidence,
                p.unsure,
            )
        )
    return rows


def section_rows(rep: Report) -> list[Row]:
    """One report → its sections.csv rows (an empty preamble is left out)."""
    return [
        (rep.source, s.code, s.title, s.text)
        for s in rep.section_list
        if s.code != "preamble" or s.paragraphs
    ]


def check_row(source: str, c: Check) -> Row:
    """One rule applied → its checks.csv row."""
    return (
        source,
        c.rule,
        c.table,
        c.scope,
        c.status,
        c.lhs,
        c.lhs_value,
        c.rhs,
        c.rhs_value,
        c.difference,
        " ".join(c.cells),
        c.detail,
        None,
    )


@lru_cache(maxsize=1)
def _year_columns() -> tuple[tuple[str, int], ...]:
    columns = META_COLUMNS + all_cell_keys()
    return tuple((c, columns.index(c)) for c in year_rule_columns())


def year_fields(report_row: Row) -> dict[str, Any]:
    """A reports.csv row → the values the year-over-year rule reads (``year_rule_columns``)."""
    return {c: report_row[i] for c, i in _year_columns()}


def across_check_rows(checks: Iterable[tuple[str, Check]]) -> list[Row]:
    """Checks across reports, each with the source it belongs to → checks.csv rows."""
    return [check_row(source, check) for source, check in checks]


def batch_check_rows(reports: list[Report]) -> list[Row]:
    """Every report's checks.csv rows, then those of the year-over-year rule across them."""
    keys = all_cell_keys()
    rows = [r for rep in reports for r in check_rows(rep)]
    return rows + across_check_rows(
        year_over_year(year_fields(report_row(rep, keys)) for rep in reports)
    )


def check_rows(rep: Report) -> list[Row]:
    """One report → its checks.csv rows: every rule applied, then every problem met."""
    rows: list[Row] = [check_row(rep.source, c) for c in rep.check_list]
    for p in rep.problems:
        page = p.prov.page if p.prov else None
        rows.append(
            (rep.source, p.rule, p.table, "", p.status, None, None, None, None, None, None)
            + (p.detail, page)
        )
    return rows


def report_row(rep: Report, keys: list[str] | None = None) -> Row:
    """One report → its reports.csv row: metadata, then every canonical cell (``keys``)."""
    keys = keys if keys is not None else all_cell_keys()
    values = {f.key: printed_value(f) for f in rep.fact_list if f.origin == "table"}
    return tuple(rep.meta.get(c) for c in META_COLUMNS) + tuple(values.get(k) for k in keys)


def report_to_rows(rep: Report, keys: list[str] | None = None) -> dict[str, list[Row]]:
    """One report → its rows of every output table but ``errors``."""
    return {
        "reports": [report_row(rep, keys)],
        "facts": fact_rows(rep),
        "sections": section_rows(rep),
        "checks": check_rows(rep),
    }


# pandas dtypes of the API's frames, by output column type (``sinks.column_type``): nullable, so
# a blank stays <NA> and never becomes 0. Cell columns of ``reports`` are Float64: pandas computes
# with it, and every count (an integer below 2**53) is exact in it; a decimal amount is the nearest
# double. ``value`` of facts and the sides of checks keep the exact Decimal as printed.
FRAME_DTYPES = {"int": "Int64", "bool": "boolean", "float": "Float64", "decimal": "Float64"}
EXACT_COLUMNS = {"facts": {"value"}, "checks": {"lhs_value", "rhs_value", "difference"}}


def frame_dtypes(table: str, columns: list[str]) -> dict[str, str]:
    """An output table's columns → the pandas dtype of each typed column (the rest: object)."""
    from .bulk.sinks import column_type

    out = {}
    for c in columns:
        kind = column_type(table, c)
        if kind in FRAME_DTYPES and c not in EXACT_COLUMNS.get(table, ()):
            out[c] = FRAME_DTYPES[kind]
    return out


def _as_number(value: Any) -> Any:
    return None if value is None else float(value)


def typed_frame(rows: Iterable[Row], columns: list[str], table: str) -> pd.DataFrame:
    """Rows → a DataFrame built column by column in one go (no fragmentation), each typed
    column in its nullable dtype (``frame_dtypes``)."""
    import pandas as pd

    rows = list(rows)
    dtypes = frame_dtypes(table, columns)
    data = {}
    for i, c in enumerate(columns):
        values = [r[i] for r in rows]
        if dtypes.get(c) == "Float64":
            data[c] = pd.array([_as_number(v) for v in values], dtype="Float64")
        elif c in dtypes:
            data[c] = pd.array(values, dtype=dtypes[c])
        else:
            data[c] = pd.array(values, dtype=object)
    return pd.DataFrame(data, columns=columns)


def facts_frame(reports: Iterable[Report]) -> pd.DataFrame:
    return typed_frame((r for rep in reports for r in fact_rows(rep)), FACT_COLUMNS, "facts")


def sections_frame(reports: Iterable[Report]) -> pd.DataFrame:
    return typed_frame(
        (r for rep in reports for r in section_rows(rep)), SECTION_COLUMNS, "sections"
    )


def checks_frame(reports: Iterable[Report]) -> pd.DataFrame:
    """Every report's checks, then the year-over-year rule across them."""
    return typed_frame(batch_check_rows(list(reports)), CHECK_COLUMNS, "checks")


def reports_frame(reports: Iterable[Report]) -> pd.DataFrame:
    """One row per report: metadata, then every canonical cell as a column (Float64)."""
    keys = all_cell_keys()
    return typed_frame((report_row(rep, keys) for rep in reports), META_COLUMNS + keys, "reports")


def errors_frame(errors: Iterable[tuple[str, str, str]]) -> pd.DataFrame:
    return typed_frame(errors, ERROR_COLUMNS, "errors")


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary name beside ``path``, moved onto it when the block ends without error."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


_PLAIN_NUMBER = re.compile(r"-?\d[\d,]*(\.\d+)?%?")  # a spreadsheet reads it as a number


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell that Excel/WPS may open: formula-looking text neutralised
    (``textutil.spreadsheet_safe``), a number in text (``-3``) left a number."""
    if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):
        return value
    return spreadsheet_safe(value)


def csv_rows(rows: Iterable[Row]) -> Iterator[Row]:
    """Rows → rows safe to write to a CSV file (see ``csv_cell``)."""
    for row in rows:
        yield tuple(csv_cell(v) for v in row)


def csv_writer(stream: TextIO) -> Any:
    """The CSV dialect of every output file (the one pandas writes: minimal quoting, ``\\n``)."""
    return csv.writer(stream, lineterminator="\n")


def write_csv_rows(path: Path, columns: list[str], rows: Iterable[Row]) -> None:
    """A header and rows → UTF-8-with-BOM CSV, atomically, streamed (rows are not held)."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv_writer(fh)
        writer.writerow(columns)
        writer.writerows(csv_rows(rows))


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a frame as UTF-8-with-BOM CSV, atomically."""
    safe = frame.apply(lambda col: col.map(csv_cell) if col.dtype == object else col)
    with atomic_path(path) as tmp:
        safe.to_csv(tmp, index=False, encoding="utf-8-sig")


def write_outputs(
    reports: list[Report], errors: list[tuple[str, str, str]], out_dir: Path
) -> dict[str, Path]:
    """The four CSV files (and errors.csv) for a set of reports."""
    out_dir = Path(out_dir)
    columns = table_columns()
    keys = all_cell_keys()
    rows: dict[str, Iterable[Row]] = {
        "reports": (report_row(rep, keys) for rep in reports),
        "facts": (r for rep in reports for r in fact_rows(rep)),
        "sections": (r for rep in reports for r in section_rows(rep)),
        "checks": batch_check_rows(reports),
        "errors": errors,
    }
    written = {}
    for table, name in TABLE_FILES.items():
        write_csv_rows(out_dir / name, columns[table], rows[table])
        written[name] = out_dir / name
    return written
