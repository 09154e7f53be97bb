"""Output rows → Arrow tables of the output schema's types (``columns``), for Parquet and
DuckDB: decimals ``decimal(38, 10)`` (exact for every printed number with at most 28 integer and
10 decimal digits; a number beyond that is null there and stays in ``raw``), ints int64, bools
boolean, floats float64, the rest strings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..columns import Row, Table

DECIMAL_PRECISION, DECIMAL_SCALE = 38, 10


def arrow_type(type_: str) -> Any:
    """An output column type (``columns.TYPES``) → its Arrow type."""
    import pyarrow as pa

    return {
        "decimal": pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
        "int": pa.int64(),
        "bool": pa.bool_(),
        "float": pa.float64(),
        "string": pa.string(),
    }[type_]


def arrow_schema(table: Table) -> Any:
    """An output table → its Arrow schema."""
    import pyarrow as pa

    return pa.schema([(name, arrow_type(t)) for name, t in table.types().items()])


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
