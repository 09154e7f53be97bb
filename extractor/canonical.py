"""The canonical model: values under canonical codes, and the problems met mapping them.

Checks and exporters read only this model, never a reader's document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .model import Provenance


@dataclass(slots=True)
class Fact:
    """One canonical cell: ``table.row.column`` with the printed value and where it was read."""

    table: str
    row: str
    column: str
    value: Decimal | None
    unit: str
    raw: str
    blank: bool
    row_label: str  # official wording
    column_label: str
    printed_row: str
    printed_column: str
    prov: Provenance
    note: str = ""
    origin: str = "table"  # "table" or "text" (a number stated in the prose)

    @property
    def key(self) -> str:
        return f"{self.table}.{self.row}.{self.column}"


@dataclass(slots=True)
class Problem:
    """Something the template layer could not map cleanly; reported, never silently fixed."""

    rule: str  # e.g. "label.unmapped", "row.realigned", "number.unreadable"
    table: str
    detail: str
    prov: Provenance | None = None
    status: str = "warn"  # "warn" or "fail"


@dataclass(slots=True)
class Pending:
    """Cells of one row whose printed digits ran together and allow several readings: the
    readings left, kept so that another report (last or next year's) can settle them."""

    table: str
    row: str
    columns: tuple[str, ...]
    candidates: list[list[str]]  # each a reading: one printed number per column
    unit: str
    row_label: str
    column_labels: tuple[str, ...]
    printed_row: str
    prov: Provenance
    run: str  # the digits as printed


@dataclass(slots=True)
class TableMapping:
    """What mapping one logical table produced."""

    facts: list[Fact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    version: str | None = None  # "2021", "2019" or None when the table does not tell
    pending: list[Pending] = field(default_factory=list)  # rows left unsettled
