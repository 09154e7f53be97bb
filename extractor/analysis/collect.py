"""What the compare table keeps of each report (an ``Entry``), summarised from the report's output
rows, and the ``Collector`` that gathers them in input order.

A bulk run's workers summarise each report beside its rows (the summary travels in its part, so
that the run's parent never decodes the rows for it); the API summarises from the same rows.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..columns import CHECKS, FACTS, SECTIONS, Row, reports_table
from .measures import AMOUNT_KEYS, cell_keys

INCOMPLETE_RULES = ("table.missing", "row.missing", "cell.missing")
UNSURE_RULE = "ocr.low_confidence"
PREAMBLES = ("preamble", "overview")  # the sections that may name the compiling body
KEEP_META = ("source", "format", "title", "body", "signature_body", "level", "region", "year",
             "template")  # fmt: skip


@dataclass(slots=True)
class Entry:
    """What the compare table keeps of one report."""

    order: int
    meta: dict[str, Any]
    cells: dict[str, Decimal | None]
    fee_unit: str = ""
    preamble: str = ""
    applied: int = 0  # rules that passed or failed
    failed: int = 0
    incomplete: int = 0
    unsure: int = 0
    ocr: bool = False

    def count(self, check: dict[str, Any]) -> None:
        """One checks.csv row of this report (a rule applied or a problem met)."""
        rule, status = check["rule"], check["status"]
        self.applied += status in ("pass", "fail") and check["lhs"] is not None
        self.failed += status == "fail"
        self.incomplete += rule in INCOMPLETE_RULES
        self.unsure += rule == UNSURE_RULE


def _kept_columns() -> list[tuple[str, int]]:
    wanted = set(KEEP_META) | set(cell_keys())
    return [(c, i) for i, c in enumerate(reports_table().names) if c in wanted]


def summarize(rows: dict[str, list[Row]]) -> Entry:
    """One report's output rows (``export.report_to_rows``) → its Entry (order 0)."""
    values = {c: rows["reports"][0][i] for c, i in _kept_columns()}
    entry = Entry(0, {c: values.pop(c) for c in KEEP_META}, values)
    for row in rows["facts"]:
        fact = dict(zip(FACTS.names, row, strict=True))
        entry.ocr = entry.ocr or fact["confidence"] is not None
        if f"{fact['table']}.{fact['row']}.{fact['column']}" in AMOUNT_KEYS:
            entry.fee_unit = fact["unit"] or ""
    for row in rows["sections"]:
        section = dict(zip(SECTIONS.names, row, strict=True))
        if section["section"] in PREAMBLES and not entry.preamble:
            entry.preamble = section["text"] or ""
    for row in rows["checks"]:
        entry.count(dict(zip(CHECKS.names, row, strict=True)))
    return entry


@dataclass(slots=True)
class Collector:
    """The Entries of a run's reports in input order, each under the source it is written at."""

    entries: dict[str, Entry] = field(default_factory=dict)

    def add_report(self, source: str, entry: Entry) -> None:
        meta = {**entry.meta, "source": source}
        self.entries[source] = dataclasses.replace(entry, order=len(self.entries), meta=meta)

    def add_checks(self, rows: list[Row]) -> None:
        """checks.csv rows across reports (the year-over-year rule), each counted for its
        report."""
        for row in rows:
            check = dict(zip(CHECKS.names, row, strict=True))
            if (entry := self.entries.get(check["source"])) is not None:
                entry.count(check)
