"""The analyst outputs of a run, fed the same reports as the other writers (``bulk.sinks.Sink``):
``compare.csv`` and ``dictionary.csv`` (csv), ``parquet/compare/part-0.parquet`` (parquet), the
``compare`` and ``dictionary`` tables of ``reports.duckdb`` (duckdb), ``reports.xlsx`` (xlsx) and
``overview.html`` (html). It keeps only a few values a report (``analysis.collect.Entry``),
and the workbook's rows stream to disk; everything appears when the run's outputs are closed,
after the other writers have put theirs in place."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from ..analysis.collect import Collector, Entry
from ..analysis.compare import (
    COMPARE,
    COMPARE_COLUMNS,
    chinese_headers,
    compare_records,
    compare_rows,
)
from ..analysis.dictionary import DICTIONARY, dictionary_rows
from ..columns import Row, error_row
from .arrow import arrow_schema, rows_to_arrow
from .csvfile import atomic_path, write_csv_rows


class OneReport(Protocol):
    """A report as a run's writers take it (``bulk.sinks.ReportOut``)."""

    source: str
    entry: Entry

    def rows(self) -> dict[str, list[Row]]: ...


COMPARE_FILE, DICTIONARY_FILE = "compare.csv", "dictionary.csv"
XLSX_FILE, HTML_FILE = "reports.xlsx", "overview.html"


def compare_header(chinese: bool) -> list[str]:
    names = chinese_headers()
    return [names[c] for c in COMPARE_COLUMNS] if chinese else COMPARE_COLUMNS


def write_compare_csv(path: Path, records: list[dict[str, Any]], chinese: bool = False) -> None:
    write_csv_rows(path, COMPARE, compare_rows(records), compare_header(chinese))


def write_dictionary_csv(path: Path) -> None:
    write_csv_rows(path, DICTIONARY, dictionary_rows())


def compare_arrow(records: list[dict[str, Any]]) -> Any:
    """Compare records → an Arrow table of the compare schema (counts decimal(38, 10) like the
    cells of reports, rates float64)."""
    return rows_to_arrow(compare_rows(records), arrow_schema(COMPARE))


def write_compare_parquet(folder: Path, records: list[dict[str, Any]]) -> Path:
    import pyarrow.parquet as pq

    path = folder / "compare" / "part-0.parquet"
    with atomic_path(path) as tmp:
        pq.write_table(compare_arrow(records), tmp, compression="zstd")
    return path


def add_to_duckdb(db_path: Path, records: list[dict[str, Any]]) -> None:
    """The compare and dictionary tables, added to the database the run has just written."""
    import duckdb

    compare = compare_arrow(records)  # noqa: F841 - read by DuckDB by name
    dictionary = rows_to_arrow(dictionary_rows(), arrow_schema(DICTIONARY))  # noqa: F841
    db = duckdb.connect(str(db_path))
    try:
        db.execute("CREATE OR REPLACE TABLE compare AS SELECT * FROM compare")
        db.execute("CREATE OR REPLACE TABLE dictionary AS SELECT * FROM dictionary")
        db.execute("CHECKPOINT")
    finally:
        db.close()


class AnalysisSink:
    """compare, dictionary, workbook and overview of a run (module docstring)."""

    def __init__(
        self, out_dir: Path, work: Path, formats: list[str], chinese: bool = False
    ) -> None:
        self.out_dir = Path(out_dir)
        self.formats = formats
        self.chinese = chinese
        self.collector = Collector()
        self.book: Any = None
        if "xlsx" in formats:
            from .xlsx import Workbook

            self.book = Workbook(self.out_dir / XLSX_FILE, work)

    def add_report(self, report: OneReport) -> None:
        self.collector.add_report(report.source, report.entry)
        if self.book is not None:
            for table, rows in report.rows().items():
                self.book.add(table, rows)

    def add_error(self, source: str, kind: str, reason: str) -> None:
        if self.book is not None:
            self.book.add("errors", [error_row(source, kind, reason)])

    def add_checks(self, rows: list[Row]) -> None:
        self.collector.add_checks(rows)
        if self.book is not None:
            self.book.add("checks", rows)

    def close(self) -> dict[str, Path]:
        try:
            return self._close()
        except BaseException:
            self.abort()
            raise

    def _close(self) -> dict[str, Path]:
        records = compare_records(list(self.collector.entries.values()))
        out = self.out_dir
        written: dict[str, Path] = {}
        if "csv" in self.formats:
            write_compare_csv(out / COMPARE_FILE, records, self.chinese)
            write_dictionary_csv(out / DICTIONARY_FILE)
            written |= {COMPARE_FILE: out / COMPARE_FILE, DICTIONARY_FILE: out / DICTIONARY_FILE}
        if "parquet" in self.formats:
            write_compare_parquet(out / "parquet", records)
        if "duckdb" in self.formats:
            add_to_duckdb(out / "reports.duckdb", records)
        if self.book is not None:
            written[XLSX_FILE] = self.book.close(records)
            self.book = None
        if "html" in self.formats:
            from .overview import write_overview

            written[HTML_FILE] = write_overview(out / HTML_FILE, records)
        return written

    def abort(self) -> None:
        if self.book is not None:
            self.book.abort()
            self.book = None
