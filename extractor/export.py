"""Reports → rows and DataFrames. Reads only the canonical model.

Rows are plain tuples in the column order of each table (``columns``, the output schema,
builds them); the DataFrames and the files a run writes (``bulk.sinks``, CSV lines by
``outputs.csvfile``) are all built from them, so a report's rows are the same whether it is
extracted alone, in a batch, or streamed by a bulk run. DataFrames, Parquet and DuckDB keep the
text raw.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .checks import Check, year_over_year, year_rule_columns
from .columns import (
    CHECKS,
    FACTS,
    REPORT_TABLES,
    SECTIONS,
    Row,
    Table,
    Wide,
    printed_value,
    reports_table,
)
from .columns import tables as output_tables

if TYPE_CHECKING:
    import pandas as pd

    from .report import Report


def wide(rep: Report) -> Wide:
    """One report → its line of ``reports``: metadata and the printed value of each cell."""
    cells = {f.key: printed_value(f) for f in rep.fact_list if f.origin == "table"}
    return Wide(rep.meta, cells)


def report_row(rep: Report) -> Row:
    """One report → its reports.csv row: metadata, then every canonical cell."""
    return reports_table().rows(rep.source, [wide(rep)])[0]


def fact_rows(rep: Report) -> list[Row]:
    """One report → its facts.csv rows."""
    return FACTS.rows(rep.source, rep.fact_list)


def section_rows(rep: Report) -> list[Row]:
    """One report → its sections.csv rows (an empty preamble is left out)."""
    kept = [s for s in rep.section_list if s.code != "preamble" or s.paragraphs]
    return SECTIONS.rows(rep.source, kept)


def check_rows(rep: Report) -> list[Row]:
    """One report → its checks.csv rows: every rule applied, then every problem met."""
    return CHECKS.rows(rep.source, [*rep.check_list, *rep.problems])


def report_to_rows(rep: Report) -> dict[str, list[Row]]:
    """One report → its rows of every output table but ``errors`` (``REPORT_TABLES``)."""
    rows = [[report_row(rep)], fact_rows(rep), section_rows(rep), check_rows(rep)]
    return dict(zip(REPORT_TABLES, rows, strict=True))


@lru_cache(maxsize=1)
def _year_columns() -> tuple[tuple[str, int], ...]:
    names = reports_table().names
    return tuple((c, names.index(c)) for c in year_rule_columns())


def year_fields(report_row: Row) -> dict[str, Any]:
    """A reports.csv row → the values the year-over-year rule reads (``year_rule_columns``)."""
    return {c: report_row[i] for c, i in _year_columns()}


def across_check_rows(checks: Iterable[tuple[str, Check]]) -> list[Row]:
    """Checks across reports, each with the source it belongs to → checks.csv rows."""
    return [row for source, check in checks for row in CHECKS.rows(source, [check])]


def batch_check_rows(reports: list[Report]) -> list[Row]:
    """Every report's checks.csv rows, then those of the year-over-year rule across them."""
    rows = [r for rep in reports for r in check_rows(rep)]
    years = year_over_year(year_fields(report_row(rep)) for rep in reports)
    return rows + across_check_rows(years)


# pandas dtypes of the API's frames, by output column type: nullable, so a blank stays <NA> and
# never becomes 0. Decimals are Float64 (pandas computes with it, and every count, an integer
# below 2**53, is exact in it; a decimal amount is the nearest double), except in the tables of
# printed values, facts and checks, where they stay the exact Decimal as printed.
FRAME_DTYPES = {"int": "Int64", "bool": "boolean", "float": "Float64", "decimal": "Float64"}
EXACT_TABLES = ("facts", "checks")


def frame_dtypes(table: Table) -> dict[str, str]:
    """An output table → the pandas dtype of each typed column (the rest: object)."""
    exact = table.name in EXACT_TABLES
    types = table.types().items()
    return {
        c: FRAME_DTYPES[t] for c, t in types if t in FRAME_DTYPES and not (exact and t == "decimal")
    }


def _as_number(value: Any) -> Any:
    return None if value is None else float(value)


def typed_frame(rows: Iterable[Row], table: Table) -> pd.DataFrame:
    """Rows → a DataFrame built column by column in one go (no fragmentation), each typed
    column in its nullable dtype (``frame_dtypes``)."""
    import pandas as pd

    rows = list(rows)
    dtypes = frame_dtypes(table)
    data = {}
    for i, c in enumerate(table.names):
        values = [r[i] for r in rows]
        if dtypes.get(c) == "Float64":
            data[c] = pd.array([_as_number(v) for v in values], dtype="Float64")
        elif c in dtypes:
            data[c] = pd.array(values, dtype=dtypes[c])
        else:
            data[c] = pd.array(values, dtype=object)
    return pd.DataFrame(data, columns=table.names)


def facts_frame(reports: Iterable[Report]) -> pd.DataFrame:
    return typed_frame((r for rep in reports for r in fact_rows(rep)), FACTS)


def sections_frame(reports: Iterable[Report]) -> pd.DataFrame:
    return typed_frame((r for rep in reports for r in section_rows(rep)), SECTIONS)


def checks_frame(reports: Iterable[Report]) -> pd.DataFrame:
    """Every report's checks, then the year-over-year rule across them."""
    return typed_frame(batch_check_rows(list(reports)), CHECKS)


def reports_frame(reports: Iterable[Report]) -> pd.DataFrame:
    """One row per report: metadata, then every canonical cell as a column (Float64)."""
    return typed_frame((report_row(rep) for rep in reports), reports_table())


def errors_frame(errors: Iterable[tuple[str, str, str]]) -> pd.DataFrame:
    return typed_frame(errors, output_tables()["errors"])
