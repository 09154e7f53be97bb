"""What the compare table keeps of each report (an ``Entry``), summarised from the report's output
rows, and the ``Collector`` that gathers them in input order.

A bulk run's workers summarise each report beside its rows (the summary travels in its part, so
that the run's parent never decodes the rows for it); the API summarises from the same rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any

from ..columns import CHECKS, FACTS, SECTIONS, Row, Table, reports_table
from ..template.bodies import choose_body_key, keys_agree
from ..template.meta import body_from_title
from .measures import AMOUNT_KEYS, cell_keys, report_values

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
    values: dict[str, Any]  # its measures and rates (``measures.report_values``)
    fee_unit: str = ""
    fee_printed: bool = False  # a fee amount was printed (kept out when its unit is unknown)
    body: tuple[str, str, str] = ("", "", "")  # body key, where it was read, a note (``body_of``)
    applied: int = 0  # rules that passed or failed
    failed: int = 0
    incomplete: int = 0
    unsure: int = 0
    ocr: bool = False
    rules: dict[str, int] = field(default_factory=dict)  # rules applied, by status

    def count(self, rule: str, status: str, lhs: str | None) -> None:
        """One checks.csv row of this report (a rule applied, or a problem met: no ``lhs``)."""
        self.applied += status in ("pass", "fail") and lhs is not None
        self.failed += status == "fail"
        self.incomplete += rule in INCOMPLETE_RULES
        self.unsure += rule == UNSURE_RULE
        if lhs is not None:
            self.rules[status] = self.rules.get(status, 0) + 1


def _at(table: Table, *names: str) -> Callable[[Row], tuple[Any, ...]]:
    """A row of ``table`` → the values of these columns."""
    return itemgetter(*(table.names.index(n) for n in names))


@lru_cache(maxsize=1)
def _kept() -> tuple[list[str], Callable[[Row], tuple[Any, ...]]]:
    """The reports columns compare keeps, and a row of reports → their values."""
    wanted = set(KEEP_META) | set(cell_keys())
    kept = [c for c in reports_table().names if c in wanted]
    return kept, _at(reports_table(), *kept)


_FACT = _at(FACTS, "table", "row", "column", "unit", "confidence")
_SECTION = _at(SECTIONS, "section", "text")
_CHECK = _at(CHECKS, "rule", "status", "lhs")


def summarize(rows: dict[str, list[Row]]) -> Entry:
    """One report's output rows (``export.report_to_rows``) → its Entry (order 0)."""
    kept, pick = _kept()
    cells = dict(zip(kept, pick(rows["reports"][0]), strict=True))
    entry = Entry(0, {c: cells.pop(c) for c in KEEP_META}, {})
    for table, row, column, unit, confidence in map(_FACT, rows["facts"]):
        entry.ocr = entry.ocr or confidence is not None
        if f"{table}.{row}.{column}" in AMOUNT_KEYS:
            entry.fee_unit = unit or ""
    preamble = next((t for s, t in map(_SECTION, rows["sections"]) if s in PREAMBLES and t), "")
    for check in map(_CHECK, rows["checks"]):
        entry.count(*check)
    entry.values = report_values(cells, entry.fee_unit)
    entry.body = body_of(entry.meta, preamble)
    entry.fee_printed = cells.get(AMOUNT_KEYS[0]) is not None
    return entry


def rule_statuses(rows: list[Row]) -> dict[str, int]:
    """checks.csv rows → how many rules applied have each status (pass, fail, incomplete); a
    row without ``lhs`` is a problem met mapping the tables, not a rule."""
    entry = Entry(0, {}, {})
    for check in map(_CHECK, rows):
        entry.count(*check)
    return entry.rules


def body_of(meta: dict[str, Any], preamble: str) -> tuple[str, str, str]:
    """A report's (body key, where it was read, a note when title and signature disagree), from
    its title, signature and preamble; the run's keys are unified later (``compare``)."""
    title_body = body_from_title(meta["title"] or "")
    key, origin = choose_body_key(title_body, meta["signature_body"] or "", preamble)
    sig_key, _ = choose_body_key("", meta["signature_body"] or "")
    note = ""
    if not keys_agree(key, sig_key):
        note = f"title names {title_body}, the signature {meta['signature_body']}"
    return key, origin, note


@dataclass(slots=True)
class Collector:
    """The Entries of a run's reports in input order, each under the source it is written at
    (``add_report`` takes the entry over)."""

    entries: dict[str, Entry] = field(default_factory=dict)

    def add_report(self, source: str, entry: Entry) -> None:
        entry.order, entry.meta = len(self.entries), {**entry.meta, "source": source}
        self.entries[source] = entry

    def add_checks(self, rows: list[Row]) -> None:
        """checks.csv rows across reports (the year-over-year rule), each counted for its
        report."""
        get = _at(CHECKS, "source", "rule", "status", "lhs")
        for source, *check in map(get, rows):
            if (entry := self.entries.get(source)) is not None:
                entry.count(*check)
