"""The data dictionary (``dictionary.csv``): every column of ``reports`` and ``compare`` with its
official Chinese label in each template generation, an English description, unit and kind."""

from __future__ import annotations

from typing import Any

from ..columns import Row, all_cell_keys, record_table, reports_table
from ..template import schema
from ..template.indicators import COLUMNS as INDICATOR_COLUMNS
from ..template.indicators import INDICATORS
from . import descriptions
from .compare import COLUMNS as COMPARE_SPEC

NAMES = ("code", "table", "label_2021", "label_2019", "label_pre2019", "description", "unit",
         "kind")  # fmt: skip
DICTIONARY = record_table("dictionary", "dictionary.csv", [(n, "string") for n in NAMES])
DICTIONARY_COLUMNS = DICTIONARY.names
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


def entry(code: str, table: str, labels: tuple[str, str, str], description: str, unit: str,
          kind: str) -> dict[str, Any]:  # fmt: skip
    """One documented column; ``labels`` in the 2021, 2019 and pre-2019 templates."""
    label_2021, label_2019, label_pre2019 = labels
    return {"code": code, "table": table, "label_2021": label_2021, "label_2019": label_2019,
            "label_pre2019": label_pre2019, "description": description, "unit": unit,
            "kind": kind}  # fmt: skip


def cell_entry(key: str) -> dict[str, Any]:
    """A canonical cell column of reports.csv (``requests.new.total``) → its dictionary entry."""
    table, row, column = key.split(".")
    if table == "indicators":
        item = next(i for i in INDICATORS if i.code == row)
        labels = ("", "", f"{item.label}·{INDICATOR_COLUMNS[column]}")
        description = f"{descriptions.INDICATORS[row]}, {descriptions.COLUMNS[(table, column)]}"
        return entry(key, "reports", labels, description, AS_PRINTED, "count")
    description = f"{descriptions.ROWS[(table, row)]}: {descriptions.COLUMNS[(table, column)]}"
    unit = (
        schema.MONEY_COLUMNS.get((row, column), COUNT_UNIT) if table == "proactive" else COUNT_UNIT
    )
    kind = "amount" if unit != COUNT_UNIT else "change" if column == "change" else "count"
    return entry(key, "reports", _template_labels(table, row, column), description, unit, kind)


def meta_entry(name: str, type_: str) -> dict[str, Any]:
    """A metadata column of reports.csv → its dictionary entry."""
    kind = {"int": "int", "bool": "bool"}.get(type_, "text")
    return entry(name, "reports", ("", "", ""), descriptions.META[name], "", kind)


def dictionary_rows() -> list[Row]:
    """Every documented column: reports (metadata, then cells), then compare."""
    cells = set(all_cell_keys())
    entries = [cell_entry(name) if name in cells else meta_entry(name, type_)
               for name, type_ in reports_table().types().items()]  # fmt: skip
    entries += [entry(col.code, "compare", (col.label,) * 3, col.description, col.unit, col.kind)
                for col in COMPARE_SPEC]  # fmt: skip
    return [DICTIONARY.values(e) for e in entries]
