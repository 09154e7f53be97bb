"""One body's reports of consecutive years settle each other's run-together cells.

Two rules link a year to the one before: 现行有效 (in force) = last year's in force + this year's
issued − repealed (table 1, 2021 format), and 历年累计 (cumulative) = last year's cumulative +
本年度 (the pre-2019 统计表). Where a row of either report was left with several readings
(``Report.pending``), only the readings that take part in some pair satisfying the rule are
kept; a cell every kept reading agrees on becomes a fact whose note names the other report. A
rule no pair satisfies settles nothing (the reports disagree; nothing is guessed).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .canonical import Fact, Pending, Problem
from .checks import run_checks
from .report import Report
from .template.settle import reading_of
from .template.splits import agreed_cells, shown_readings

Values = Mapping[str, Decimal]


@dataclass(frozen=True, slots=True)
class YearRule:
    """How a row's values follow from last year's: ``holds(previous, current)``."""

    table: str
    rows: tuple[str, ...] | None  # None: every row of the table
    columns: tuple[str, ...]  # the current year's columns the rule reads
    previous: tuple[str, ...]  # last year's
    text: str
    holds: Callable[[Values, Values], bool]


RULES = (
    YearRule(
        "proactive",
        ("regulations", "normative_documents"),
        ("issued", "repealed", "in_force"),
        ("in_force",),
        "in force = last year's in force + issued − repealed",
        lambda p, c: c["in_force"] == p["in_force"] + c["issued"] - c["repealed"],
    ),
    YearRule(
        "indicators",
        None,
        ("this_year", "cumulative"),
        ("cumulative",),
        "cumulative = last year's cumulative + this year",
        lambda p, c: c["cumulative"] == p["cumulative"] + c["this_year"],
    ),
)


def _options(report: Report, table: str, row: str, cols: tuple[str, ...]) -> list[dict] | None:
    """The readings of a row: its pending candidates, else its printed values (one option),
    else None when the report lacks the row."""
    for p in report.pending:
        if (p.table, p.row) == (table, row):
            if not set(cols) <= set(p.columns):  # another template's columns
                return None
            return [reading_of(p.columns, c) for c in p.candidates]
    known = {
        f.column: f.value
        for f in report.fact_list
        if (f.table, f.row, f.origin) == (table, row, "table") and f.value is not None
    }
    return [known] if all(c in known for c in cols) else None


def _pairs(rule: YearRule, prev: list[dict], cur: list[dict]) -> tuple[set[int], set[int]]:
    """Indexes of the previous and current readings that take part in a pair the rule holds."""
    keep_p, keep_c = set(), set()
    for i, p in enumerate(prev):
        for j, c in enumerate(cur):
            if rule.holds(p, c):
                keep_p.add(i)
                keep_c.add(j)
    return keep_p, keep_c


def _settle(report: Report, pending: Pending, keep: set[int], why: str) -> None:
    """Keep the readings ``keep`` of a pending row; facts for the cells they now agree on."""
    cands = [c for i, c in enumerate(pending.candidates) if i in keep]
    if len(cands) == len(pending.candidates):
        return
    have = {f.column for f in report.fact_list if (f.table, f.row) == (pending.table, pending.row)}
    note = f"cells run together in the text ({pending.run!r}); split settled by {why}"
    for k, (col, piece) in enumerate(zip(pending.columns, agreed_cells(cands), strict=True)):
        if piece is None or col in have:
            continue
        report.fact_list.append(
            Fact(
                pending.table,
                pending.row,
                col,
                Decimal(piece),
                pending.unit,
                piece,
                False,
                pending.row_label,
                pending.column_labels[k],
                pending.printed_row,
                "",
                pending.prov,
                note,
            )
        )
    pending.candidates = cands
    report.problems = [
        p
        for p in report.problems
        if not (
            p.rule == "split.ambiguous"
            and p.table == pending.table
            and repr(pending.run) in p.detail
        )
    ]
    unsure = [c for c, v in zip(pending.columns, agreed_cells(cands), strict=True) if v is None]
    if unsure:
        report.problems.append(
            Problem(
                "split.ambiguous",
                pending.table,
                f"{pending.table}.{pending.row}: {pending.run!r} splits {len(cands)} ways "
                f"({shown_readings(cands)}) after {why}; cells "
                f"{', '.join(unsure)} not taken",
                pending.prov,
                "fail",
            )
        )


def _apply(rule: YearRule, prev: Report, cur: Report) -> bool:
    """The rule over every row of two consecutive reports; True when something was settled."""
    rows = rule.rows or sorted({p.row for p in prev.pending + cur.pending if p.table == rule.table})
    changed = False
    for row in rows:
        mine = {p.row: p for p in cur.pending if p.table == rule.table}
        theirs = {p.row: p for p in prev.pending if p.table == rule.table}
        if row not in mine and row not in theirs:
            continue
        before = _options(prev, rule.table, row, rule.previous)
        now = _options(cur, rule.table, row, rule.columns)
        if before is None or now is None:
            continue
        keep_p, keep_c = _pairs(rule, before, now)
        if not keep_p:
            continue  # the two reports disagree: nothing settled
        year = cur.meta["year"]
        if row in mine and len(keep_c) < len(now):
            _settle(cur, mine[row], keep_c, f"{rule.text} ({year - 1}: {prev.source})")
            changed = True
        if row in theirs and len(keep_p) < len(before):
            _settle(prev, theirs[row], keep_p, f"{rule.text} ({year}: {cur.source})")
            changed = True
    return changed


def _refresh(report: Report) -> None:
    """Drop settled rows from pending, re-run the checks over the new facts."""
    report.pending = [p for p in report.pending if None in agreed_cells(p.candidates)]
    report.check_list = run_checks(report.fact_list)
    report.meta["checks_failed"] = sum(c.status == "fail" for c in report.check_list)
    report.meta["problems"] = sum(p.status == "fail" for p in report.problems)


def settle_across_years(reports: list[Report]) -> list[Report]:
    """Settle run-together cells with the same body's report of the year before or after (in
    place); returns the reports whose facts changed."""
    by_body: dict[str, dict[int, Report]] = {}
    for r in reports:
        if r.meta.get("body") and r.meta.get("year"):
            by_body.setdefault(r.meta["body"], {}).setdefault(int(r.meta["year"]), r)
    changed: list[Report] = []
    for years in by_body.values():
        for year in sorted(years):
            prev, cur = years.get(year - 1), years[year]
            if prev is None or not (prev.pending or cur.pending):
                continue
            for rule in RULES:
                if _apply(rule, prev, cur):
                    changed += [r for r in (prev, cur) if r not in changed]
    for r in changed:
        _refresh(r)
    return changed
