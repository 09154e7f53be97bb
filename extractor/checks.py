"""The template's arithmetic rules, run over canonical facts.

Each result names the rule, both sides with their values, the cells involved, and pass or fail.
A rule whose cells are not all present is ``incomplete`` (its missing cells are named). Nothing here changes a value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .canonical import Fact
from .template import schema


@dataclass(frozen=True, slots=True)
class Check:
    rule: str
    table: str
    scope: str  # the column, row or block the rule was applied to
    lhs: str
    lhs_value: Decimal | None
    rhs: str
    rhs_value: Decimal | None
    cells: tuple[str, ...]
    status: str  # "pass", "fail" or "incomplete" (a cell it needs is missing)
    detail: str = ""

    @property
    def difference(self) -> Decimal | None:
        if self.lhs_value is None or self.rhs_value is None:
            return None
        return self.lhs_value - self.rhs_value


def _sum_rule(
    rule: str, table: str, scope: str, lhs: list[str], rhs: list[str], values: dict[str, Fact]
) -> Check:
    """``sum(lhs cells) == sum(rhs cells)`` over fact keys."""
    cells = (*lhs, *rhs)
    facts = [values.get(k) for k in cells]
    amounts = [f.value for f in facts if f is not None and f.value is not None]
    lhs_txt, rhs_txt = _codes_text(tuple(lhs)), _codes_text(tuple(rhs))
    if len(amounts) < len(cells):
        missing = [k for k, f in zip(cells, facts, strict=True) if f is None or f.value is None]
        return Check(
            rule,
            table,
            scope,
            lhs_txt,
            None,
            rhs_txt,
            None,
            cells,
            "incomplete",
            "missing: " + ", ".join(missing),
        )
    n = len(lhs)
    lv, rv = sum(amounts[:n], Decimal(0)), sum(amounts[n:], Decimal(0))
    detail = ""
    if lv != rv:
        blanks = [k for k, f in zip(cells, facts, strict=True) if f is not None and f.blank]
        detail = ("blank cells read as 0: " + ", ".join(blanks)) if blanks else ""
    return Check(
        rule, table, scope, lhs_txt, lv, rhs_txt, rv, cells, "pass" if lv == rv else "fail", detail
    )


@lru_cache(maxsize=1024)
def _codes_text(keys: tuple[str, ...]) -> str:
    """Fact keys → their row.column parts joined with '+', as a rule's side is printed."""
    return " + ".join(k.split(".", 1)[1] for k in keys)


def _outcome_rows(values: dict[str, Fact]) -> list[str]:
    """The outcome rows this report prints: （六） as one row or as its three sub-rows."""
    rows = [r for r in schema.OUTCOME_ROWS if r not in schema.OTHER_SUBROWS and r != "other"]
    if any(f"requests.{r}.total" in values for r in schema.OTHER_SUBROWS):
        rows += list(schema.OTHER_SUBROWS)
    else:
        rows.append("other")
    return rows


def requests_checks(values: dict[str, Fact]) -> list[Check]:
    """Table 2: per column 一+二 = （七）+四 and （七） = sum of outcomes; per row 总计 = the
    applicant columns."""
    out: list[Check] = []
    if not any(k.startswith("requests.") for k in values):
        return out
    outcomes = _outcome_rows(values)
    for col in (c.code for c in schema.REQUEST_COLUMNS):
        k = lambda row, col=col: f"requests.{row}.{col}"  # noqa: E731
        out.append(
            _sum_rule(
                "requests.balance",
                "requests",
                col,
                [k("new"), k("carried_over")],
                [k("total"), k("carried_forward")],
                values,
            )
        )
        out.append(
            _sum_rule(
                "requests.outcomes_sum",
                "requests",
                col,
                [k("total")],
                [k(r) for r in outcomes],
                values,
            )
        )
    for row in ["new", "carried_over", *outcomes, "total", "carried_forward"]:
        out.append(
            _sum_rule(
                "requests.row_total",
                "requests",
                row,
                [f"requests.{row}.total"],
                [f"requests.{row}.{c}" for c in schema.APPLICANT_COLUMNS],
                values,
            )
        )
    return out


def appeals_checks(values: dict[str, Fact]) -> list[Check]:
    """Table 3: each block's 总计 = 维持 + 纠正 + 其他 + 尚未审结."""
    out: list[Check] = []
    if not any(k.startswith("appeals.") for k in values):
        return out
    for block in (r.code for r in schema.APPEAL_ROWS):
        out.append(
            _sum_rule(
                "appeals.block_total",
                "appeals",
                block,
                [f"appeals.{block}.total"],
                [f"appeals.{block}.{r}" for r in schema.APPEAL_RESULTS],
                values,
            )
        )
    return out


def run_checks(facts: list[Fact]) -> list[Check]:
    """All rules over a report's facts: the arithmetic of the tables, and the prose's numbers
    against the tables."""
    values = {f.key: f for f in facts if f.origin == "table"}
    return requests_checks(values) + appeals_checks(values) + text_checks(facts)


def text_checks(facts: list[Fact]) -> list[Check]:
    """Numbers the prose states (origin 'text') against the same cell of the table."""
    table = {f.key: f for f in facts if f.origin == "table"}
    out = []
    for f in facts:
        if f.origin != "text" or f.key not in table:
            continue
        t = table[f.key]
        if t.value is None or f.value is None:
            continue
        out.append(
            Check(
                "text.matches_table",
                f.table,
                f"{f.row}.{f.column}",
                f"text «{f.raw}»",
                f.value,
                f.key,
                t.value,
                (f.key,),
                "pass" if f.value == t.value else "fail",
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class YearEntry:
    """What the year-over-year rule needs of one report."""

    source: str
    body: str
    year: int
    carried_over: dict[str, Decimal]  # column → value
    carried_forward: dict[str, Decimal]


CARRY_ROWS = ("carried_over", "carried_forward")  # 上年结转, 结转下年度: one year's links the next


@lru_cache(maxsize=1)
def year_rule_columns() -> tuple[str, ...]:
    """The reports.csv columns the year-over-year rule reads: source, body, year and the
    上年结转 and 结转下年度 cells (what a run keeps of each report for it)."""
    cells = (f"requests.{r}.{c.code}" for r in CARRY_ROWS for c in schema.REQUEST_COLUMNS)
    return ("source", "body", "year", *cells)


def year_over_year(wides: Iterable[Mapping[str, Any]]) -> list[tuple[str, Check]]:
    """The year-over-year rule across a set of reports, each given by its reports.csv values
    (at least ``year_rule_columns``): (source of the year-N report, check), following every
    report's own checks."""
    entries = [year_entry(w) for w in wides]
    return year_over_year_checks([e for e in entries if e is not None])


def year_entry(wide: Mapping[str, Any]) -> YearEntry | None:
    """A report's entry for the year-over-year rule, from its reports.csv row (a mapping of
    column → value); None without body or year."""
    if not wide.get("body") or not wide.get("year"):
        return None
    cols = [c.code for c in schema.REQUEST_COLUMNS]

    def row(code: str) -> dict[str, Decimal]:
        values = {c: wide.get(f"requests.{code}.{c}") for c in cols}
        return {c: v for c, v in values.items() if v is not None}

    return YearEntry(
        str(wide["source"]),
        str(wide["body"]),
        int(wide["year"]),
        row("carried_over"),
        row("carried_forward"),
    )


def year_over_year_checks(entries: list[YearEntry]) -> list[tuple[str, Check]]:
    """For one body's reports of consecutive years: 上年结转 of year N = 结转下年度 of N−1, per
    column. Returns (source of the year-N report, check)."""
    out: list[tuple[str, Check]] = []
    by_body: dict[str, dict[int, YearEntry]] = {}
    for e in entries:
        by_body.setdefault(e.body, {}).setdefault(e.year, e)
    for years in by_body.values():
        for year, entry in sorted(years.items()):
            prev = years.get(year - 1)
            if prev is None:
                continue
            for col in (c.code for c in schema.REQUEST_COLUMNS):
                if col not in entry.carried_over or col not in prev.carried_forward:
                    continue
                a, b = entry.carried_over[col], prev.carried_forward[col]
                out.append(
                    (
                        entry.source,
                        Check(
                            "years.carry_over",
                            "requests",
                            col,
                            f"{year} carried_over",
                            a,
                            f"{year - 1} carried_forward ({prev.source})",
                            b,
                            (f"requests.carried_over.{col}", f"requests.carried_forward.{col}"),
                            "pass" if a == b else "fail",
                        ),
                    )
                )
    return out
