"""Output writers of a bulk run: reports in, files out, streamed (nothing held but small buffers).

Every sink takes each report (``ReportOut``: its rows of the output tables, ``columns.tables()``,
and its year), each failed input, then the checks across reports, and makes its files appear
only when it is closed:

- ``CsvSink``: reports.csv, facts.csv, sections.csv, checks.csv, errors.csv (``outputs.csvfile``:
  formula-looking text neutralised); a report's lines as its worker made them, when it did.
- ``ArrowSink``: ``parquet/<table>/year=<year>/part-0.parquet`` (hive partitions; the year of
  a report without one is ``__HIVE_DEFAULT_PARTITION__``, read as null), and
  ``parquet/errors/part-0.parquet``; ``reports.duckdb`` with the tables reports, facts, sections,
  checks, errors.

Values keep the types of the output schema (``columns``, converted by ``outputs.arrow``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Protocol

from ..columns import REPORT_TABLES, Row, error_row, tables
from ..outputs.arrow import arrow_schema, rows_to_arrow
from ..outputs.csvfile import BOM, csv_header, csv_text
from .parts import Part

FORMATS = ("csv", "parquet", "duckdb", "xlsx", "html")
NULL_YEAR = "__HIVE_DEFAULT_PARTITION__"
BUFFER_ROWS = 20_000
CSV_BUFFER = 1 << 20  # bytes a CSV file gathers before a write: one write per ~14 reports' facts


class ReportOut:
    """One report as the sinks take it: its source and part; its rows (``source`` first) and
    CSV lines are made when a sink first asks for them, the CSV lines unless the worker made
    them (``csv``)."""

    def __init__(self, source: str, part: Part, csv: dict[str, bytes] | None = None) -> None:
        self.source, self.part, self.year, self.entry = source, part, part.year, part.entry
        self._csv = csv
        self._rows: dict[str, list[Row]] | None = None

    def rows(self) -> dict[str, list[Row]]:
        if self._rows is None:
            source = self.source
            self._rows = {t: [(source, *r) for r in rs] for t, rs in self.part.rows().items()}
        return self._rows

    def csv(self, table: str) -> bytes:
        """The table's CSV lines, UTF-8."""
        if self._csv is None:
            self._csv = {t: csv_text(tables()[t], rows).encode() for t, rows in self.rows().items()}
        return self._csv[table]


class Sink(Protocol):
    """An output writer: reports and errors in input order, then the checks across reports;
    its files appear when it is closed."""

    def add_report(self, report: ReportOut) -> None: ...

    def add_error(self, source: str, kind: str, reason: str) -> None: ...

    def add_checks(self, rows: list[Row]) -> None: ...

    def close(self) -> dict[str, Path]: ...

    def abort(self) -> None: ...


class CsvSink:
    """The five CSV files, each streamed to a file in ``work`` and moved into place on close;
    written as bytes (a worker sends a report's lines encoded)."""

    def __init__(self, out_dir: Path, work: Path) -> None:
        self.files: dict[str, Any] = {}
        self.paths = {name: out_dir / t.file for name, t in tables().items()}
        self.work = {name: work / t.file for name, t in tables().items()}
        for name, table in tables().items():
            self.files[name] = open(self.work[name], "wb", buffering=CSV_BUFFER)  # noqa: SIM115
            self.files[name].write(BOM + csv_header(table.names).encode())

    def add_report(self, report: ReportOut) -> None:
        for table in REPORT_TABLES:
            self.files[table].write(report.csv(table))

    def add_error(self, source: str, kind: str, reason: str) -> None:
        self.files["errors"].write(
            csv_text(tables()["errors"], [error_row(source, kind, reason)]).encode()
        )

    def add_checks(self, rows: list[Row]) -> None:
        self.files["checks"].write(csv_text(tables()["checks"], rows).encode())

    def close(self) -> dict[str, Path]:
        for table, fh in self.files.items():
            fh.close()
            os.replace(self.work[table], self.paths[table])
        return {self.paths[t].name: self.paths[t] for t in self.paths}

    def abort(self) -> None:
        for table, fh in self.files.items():
            fh.close()
            self.work[table].unlink(missing_ok=True)


class ArrowSink:
    """Parquet files and/or a DuckDB database, fed from one conversion to Arrow: rows are
    buffered per table in input order, converted every BUFFER_ROWS rows, then split by year
    into ``parquet/<table>/year=<year>/part-0.parquet`` and appended to the DuckDB table.
    Everything is built under temporary names and moved into place on close."""

    def __init__(self, out_dir: Path, work: Path, parquet: bool, duckdb: bool) -> None:
        self.schemas = {name: arrow_schema(t) for name, t in tables().items()}
        self.buffers: dict[str, tuple[list[Row], list[int | None]]] = {}
        self.parquet_final = out_dir / "parquet"
        self.parquet_root = work / "parquet" if parquet else None
        self.writers: dict[tuple[str, int | None], Any] = {}
        self.db: Any = None
        self.db_path = out_dir / "reports.duckdb"
        self.db_work = work / self.db_path.name
        if duckdb:
            import duckdb as duck

            self.db = duck.connect(str(self.db_work))
            for table, schema in self.schemas.items():
                empty = rows_to_arrow([], schema)  # noqa: F841 - read by DuckDB by name
                self.db.execute(f"CREATE TABLE {table} AS SELECT * FROM empty")

    def add_report(self, report: ReportOut) -> None:
        for table, rows in report.rows().items():
            self.write(table, rows, report.year)

    def add_error(self, source: str, kind: str, reason: str) -> None:
        self.write("errors", [error_row(source, kind, reason)], None)

    def add_checks(self, rows: list[Row]) -> None:
        self.write("checks", rows, None)

    def write(self, table: str, rows: list[Row], year: int | None) -> None:
        buf, years = self.buffers.setdefault(table, ([], []))
        buf.extend(rows)
        years.extend([year] * len(rows))
        if len(buf) >= BUFFER_ROWS:
            self.flush(table)

    def flush(self, table: str) -> None:
        rows, years = self.buffers.pop(table, ([], []))
        if not rows:
            return
        data = rows_to_arrow(rows, self.schemas[table])
        if self.db is not None:
            self.db.execute(f"INSERT INTO {table} SELECT * FROM data")
        if self.parquet_root is None:
            return
        if table == "errors":
            self._write_parquet(table, None, data)
            return
        data = data.drop_columns(["year"]) if table == "reports" else data
        distinct = list(dict.fromkeys(years))
        if len(distinct) == 1:
            self._write_parquet(table, distinct[0], data)
            return
        for year in distinct:
            self._write_parquet(
                table, year, data.take([i for i, y in enumerate(years) if y == year])
            )

    def _write_parquet(self, table: str, year: int | None, data: Any) -> None:
        import pyarrow.parquet as pq

        assert self.parquet_root is not None
        if (table, year) not in self.writers:
            folder = self.parquet_root / table
            if table != "errors":
                folder = folder / f"year={NULL_YEAR if year is None else year}"
            folder.mkdir(parents=True, exist_ok=True)
            self.writers[table, year] = pq.ParquetWriter(
                folder / "part-0.parquet", data.schema, compression="zstd"
            )
        self.writers[table, year].write_table(data)

    def close(self) -> dict[str, Path]:
        for table in list(self.buffers):
            self.flush(table)
        written: dict[str, Path] = {}
        if self.parquet_root is not None:
            for table, schema in self.schemas.items():  # every table exists, even when empty
                if not any(key[0] == table for key in self.writers):
                    empty = rows_to_arrow([], schema)
                    if table == "reports":
                        empty = empty.drop_columns(["year"])
                    self._write_parquet(table, None, empty)
            for writer in self.writers.values():
                writer.close()
            old = self.parquet_final.with_name(f".parquet.old{os.getpid()}")
            if self.parquet_final.exists():
                os.replace(self.parquet_final, old)
            os.replace(self.parquet_root, self.parquet_final)
            shutil.rmtree(old, ignore_errors=True)
            written["parquet/"] = self.parquet_final
        if self.db is not None:
            self.db.execute("CHECKPOINT")
            self.db.close()
            os.replace(self.db_work, self.db_path)
            written[self.db_path.name] = self.db_path
        return written

    def abort(self) -> None:
        for writer in self.writers.values():
            writer.close()
        if self.parquet_root is not None:
            shutil.rmtree(self.parquet_root, ignore_errors=True)
        if self.db is not None:
            self.db.close()
            self.db_work.unlink(missing_ok=True)


def open_sinks(
    formats: list[str], out_dir: Path, work: Path, chinese_headers: bool = False
) -> list[Sink]:
    """Output formats → their sinks, writing in ``work`` (an empty folder on the same filesystem
    as ``out_dir``) until they close: CsvSink, and one ArrowSink for parquet and duckdb; last
    the analyst outputs (compare, dictionary, xlsx, html), closed after the others are in
    place."""
    sinks: list[Sink] = [CsvSink(out_dir, work)] if "csv" in formats else []
    if "parquet" in formats or "duckdb" in formats:
        sinks.append(ArrowSink(out_dir, work, "parquet" in formats, "duckdb" in formats))
    from ..outputs.sink import AnalysisSink

    sinks.append(AnalysisSink(out_dir, work, formats, chinese_headers))
    return sinks
