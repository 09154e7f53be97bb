"""The data dictionary (``dictionary.csv``): every column of ``reports`` and ``compare`` with its
official Chinese label in each template generation, an English description, unit and kind."""

from __future__ import annotations

from ..export import META_COLUMNS, Row, all_cell_keys
from ..sinks import column_type
from ..template import schema
from ..template.indicators import COLUMNS as INDICATOR_COLUMNS
from ..template.indicators import INDICATORS
from . import descriptions
from .compare import COLUMNS as COMPARE_COLUMNS

DICTIONARY_COLUMNS = [
    "code",
    "table",
    "label_2021",
    "label_2019",
    "label_pre2019",
    "description",
    "unit",
    "kind",
]
COUNT_UNIT = "件"
AS_PRINTED = "as printed"


def _cell_label(table: str, row: str, column: str) -> str:
    return f"{schema.label_of(table, 'row', row)}·{schema.label_of(table, 'column', column)}"


def _template_labels(table: str, row: str, column: str) -> tuple[str, str, str]:
    """A 2019/2021 cell → its label in the 2021, 2019 and pre-2019 templates ('' where the
    template has no such cell)."""
    label = _cell_label(table, row, column)
    if table == "proactive":
        in_2021 = column in schema.PROACTIVE_CELLS["2021"].get(row, ())
        in_2019 = column in schema.PROACTIVE_CELLS["2019"].get(row, ())
        return (label if in_2021 else "", label if in_2019 else "", "")
    in_2019 = not (table == "requests" and row in schema.OTHER_SUBROWS)
    return (label, label if in_2019 else "", "")


def cell_entry(key: str) -> Row:
    """A canonical cell column of reports.csv (``requests.new.total``) → its dictionary row."""
    table, row, column = key.split(".")
    if table == "indicators":
        item = next(i for i in INDICATORS if i.code == row)
        labels = ("", "", f"{item.label}·{INDICATOR_COLUMNS[column]}")
        description = f"{descriptions.INDICATORS[row]}, {descriptions.COLUMNS[(table, column)]}"
        return (key, "reports", *labels, description, AS_PRINTED, "count")
    description = f"{descriptions.ROWS[(table, row)]}: {descriptions.COLUMNS[(table, column)]}"
    unit = (
        schema.MONEY_COLUMNS.get((row, column), COUNT_UNIT) if table == "proactive" else COUNT_UNIT
    )
    kind = "amount" if unit != COUNT_UNIT else "change" if column == "change" else "count"
    return (key, "reports", *_template_labels(table, row, column), description, unit, kind)


def dictionary_rows() -> list[Row]:
    """Every documented column: reports metadata, reports cells, then compare."""
    rows: list[Row] = []
    for c in META_COLUMNS:
        kind = {"int": "int", "bool": "bool"}.get(column_type("reports", c), "text")
        rows.append((c, "reports", "", "", "", descriptions.META[c], "", kind))
    rows += [cell_entry(k) for k in all_cell_keys()]
    for col in COMPARE_COLUMNS:
        rows.append((col.code, "compare", col.label, col.label, col.label, col.description,
                     col.unit, col.kind))  # fmt: skip
    return rows
