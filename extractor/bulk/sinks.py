"""Output writers of a bulk run: rows in, files out, streamed (nothing held but small buffers).

Every sink takes the rows of the five output tables (``export.table_columns()``) with the year
of the report they belong to, and makes its files appear only when it is closed:

- ``CsvSink``: reports.csv, facts.csv, sections.csv, checks.csv, errors.csv (as ``export``,
  formula-looking text neutralised).
- ``ArrowSink``: ``parquet/<table>/year=<year>/part-0.parquet`` (hive partitions; the year of
  a report without one is ``__HIVE_DEFAULT_PARTITION__``, read as null), and
  ``parquet/errors/part-0.parquet``; ``reports.duckdb`` with the tables reports, facts, sections,
  checks, errors.

Values keep their types: decimals are ``decimal(38, 10)`` (exact for every printed number with
at most 28 integer and 10 decimal digits; a number beyond that is null there and stays in
``raw``), counts and places are int64, ``blank`` is boolean, the rest strings.
"""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from ..export import TABLE_FILES, Row, csv_rows, csv_writer, table_columns

FORMATS = ("csv", "parquet", "duckdb", "xlsx", "html")
DECIMAL_PRECISION, DECIMAL_SCALE = 38, 10
INT_COLUMNS = {
    "facts": {"page", "table_index", "grid_row", "grid_col", "line"},
    "checks": {"page"},
    "reports": {
        "pages",
        "year",
        "sections_found",
        "checks_failed",
        "checks_incomplete",
        "problems",
        *(
            f"{t}_cells_{n}"
            for t in ("proactive", "requests", "appeals")
            for n in ("expected", "found")
        ),
    },
}
BOOL_COLUMNS = {"facts": {"blank", "unsure"}, "reports": {"complete"}}
FLOAT_COLUMNS = {"facts": {"confidence"}}
DECIMAL_COLUMNS = {"facts": {"value"}, "checks": {"lhs_value", "rhs_value", "difference"}}
NULL_YEAR = "__HIVE_DEFAULT_PARTITION__"
BUFFER_ROWS = 20_000


class Sink(Protocol):
    def write(self, table: str, rows: list[Row], year: int | None) -> None: ...

    def close(self) -> dict[str, Path]: ...

    def abort(self) -> None: ...


def column_type(table: str, column: str) -> str:
    """An output column → ``decimal``, ``int``, ``bool``, ``float`` or ``string``."""
    if column in DECIMAL_COLUMNS.get(table, ()) or (table == "reports" and column.count(".") == 2):
        return "decimal"
    if column in INT_COLUMNS.get(table, ()):
        return "int"
    if column in BOOL_COLUMNS.get(table, ()):
        return "bool"
    if column in FLOAT_COLUMNS.get(table, ()):
        return "float"
    return "string"


def arrow_schema(table: str, columns: list[str]) -> Any:
    """An output table → its Arrow schema."""
    import pyarrow as pa

    types = {
        "decimal": pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
        "int": pa.int64(),
        "bool": pa.bool_(),
        "float": pa.float64(),
        "string": pa.string(),
    }
    return pa.schema([(c, types[column_type(table, c)]) for c in columns])


def _fits(value: Any) -> Decimal | None:
    if not isinstance(value, Decimal) or not value.is_finite():
        return None
    exp = value.as_tuple().exponent
    digits = len(value.as_tuple().digits)
    if isinstance(exp, int) and -exp <= DECIMAL_SCALE and digits + exp <= 28:
        return value
    return None


def _string(value: Any) -> str | None:
    return None if value is None else str(value)


def rows_to_arrow(rows: list[Row], schema: Any) -> Any:
    """Rows (tuples in schema order) → an Arrow table, converting each column to its type."""
    import pyarrow as pa

    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
    arrays = []
    for values, field in zip(columns, schema, strict=True):
        if pa.types.is_decimal(field.type):
            try:
                arrays.append(pa.array(values, field.type))
            except (pa.ArrowInvalid, TypeError):
                arrays.append(pa.array([_fits(v) for v in values], field.type))
        elif pa.types.is_string(field.type):
            try:
                arrays.append(pa.array(values, field.type))
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                arrays.append(pa.array([_string(v) for v in values], field.type))
        else:
            arrays.append(pa.array(values, field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


class CsvSink:
    """The five CSV files, each streamed to a temporary name and moved into place on close."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.columns = table_columns()
        self.files: dict[str, Any] = {}
        self.writers: dict[str, Any] = {}
        self.paths = {t: out_dir / name for t, name in TABLE_FILES.items()}
        out_dir.mkdir(parents=True, exist_ok=True)
        for table, path in self.paths.items():
            fh = open(_tmp(path), "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
            self.files[table] = fh
            self.writers[table] = csv_writer(fh)
            self.writers[table].writerow(self.columns[table])

    def write(self, table: str, rows: list[Row], year: int | None) -> None:
        self.writers[table].writerows(csv_rows(rows))

    def close(self) -> dict[str, Path]:
        for table, fh in self.files.items():
            fh.close()
            os.replace(_tmp(self.paths[table]), self.paths[table])
        return {self.paths[t].name: self.paths[t] for t in self.paths}

    def abort(self) -> None:
        for table, fh in self.files.items():
            fh.close()
            _tmp(self.paths[table]).unlink(missing_ok=True)


def _tmp(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp{os.getpid()}")


class ArrowSink:
    """Parquet files and/or a DuckDB database, fed from one conversion to Arrow: rows are
    buffered per table in input order, converted every BUFFER_ROWS rows, then split by year
    into ``parquet/<table>/year=<year>/part-0.parquet`` and appended to the DuckDB table.
    Everything is built under temporary names and moved into place on close."""

    def __init__(self, out_dir: Path, parquet: bool, duckdb: bool) -> None:
        self.columns = table_columns()
        self.schemas = {t: arrow_schema(t, c) for t, c in self.columns.items()}
        self.buffers: dict[str, tuple[list[Row], list[int | None]]] = {}
        self.parquet_final = out_dir / "parquet"
        self.parquet_root = out_dir / f".parquet.tmp{os.getpid()}" if parquet else None
        self.writers: dict[tuple[str, int | None], Any] = {}
        self.db: Any = None
        self.db_path = out_dir / "reports.duckdb"
        if self.parquet_root:
            shutil.rmtree(self.parquet_root, ignore_errors=True)
        if duckdb:
            import duckdb as duck

            _tmp(self.db_path).unlink(missing_ok=True)
            self.db = duck.connect(str(_tmp(self.db_path)))
            for table, schema in self.schemas.items():
                empty = rows_to_arrow([], schema)  # noqa: F841 - read by DuckDB by name
                self.db.execute(f"CREATE TABLE {table} AS SELECT * FROM empty")

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
            os.replace(_tmp(self.db_path), self.db_path)
            written[self.db_path.name] = self.db_path
        return written

    def abort(self) -> None:
        for writer in self.writers.values():
            writer.close()
        if self.parquet_root is not None:
            shutil.rmtree(self.parquet_root, ignore_errors=True)
        if self.db is not None:
            self.db.close()
            _tmp(self.db_path).unlink(missing_ok=True)


def open_sinks(formats: list[str], out_dir: Path, chinese_headers: bool = False) -> list[Sink]:
    """Output formats → their sinks: CsvSink, and one ArrowSink for parquet and duckdb; last the
    analyst outputs (compare, dictionary, xlsx, html), closed after the others are in place."""
    sinks: list[Sink] = [CsvSink(out_dir)] if "csv" in formats else []
    if "parquet" in formats or "duckdb" in formats:
        sinks.append(ArrowSink(out_dir, "parquet" in formats, "duckdb" in formats))
    # issue 14: the analyst outputs
    from ..outputs.sink import AnalysisSink

    sinks.append(AnalysisSink(out_dir, formats, chinese_headers))
    return sinks
