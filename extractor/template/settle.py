"""Run-together cells settled by what else the report says.

A digit run that can be read several ways (splits.py) is narrowed by constraints, each a named
test of one reading: a number the prose states for the same cell and year, a part that cannot
exceed its whole, a count that cannot be negative, a rule linking last year's values. A
constraint that no reading satisfies is not applied: the report contradicts itself there, and
a contradiction settles nothing. A cell is taken only when every reading left gives it the same
value, and its note names the constraints that narrowed the readings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..canonical import Fact


@dataclass(frozen=True, slots=True)
class Constraint:
    """A named test of one reading ({column: value})."""

    name: str
    holds: Callable[[Mapping[str, Decimal]], bool]


def reading_of(columns: Sequence[str], candidate: Sequence[str]) -> dict[str, Decimal]:
    """One candidate split → {column: value}."""
    return {c: Decimal(v) for c, v in zip(columns, candidate, strict=True)}


def narrow(
    candidates: list[list[str]], columns: Sequence[str], constraints: Sequence[Constraint]
) -> tuple[list[list[str]], list[str], list[str]]:
    """Apply the constraints in turn → (readings left, names of the constraints that removed
    readings, names of the constraints no reading satisfied and so were not applied)."""
    left = list(candidates)
    used: list[str] = []
    contradicted: list[str] = []
    for c in constraints:
        kept = [cand for cand in left if c.holds(reading_of(columns, cand))]
        if not kept:
            contradicted.append(c.name)
        elif len(kept) < len(left):
            left, used = kept, [*used, c.name]
    return left, used, contradicted


def equals(column: str, value: Decimal, name: str) -> Constraint:
    return Constraint(name, lambda r: r[column] == value)


def at_most(column: str, bound: Decimal, name: str) -> Constraint:
    return Constraint(name, lambda r: r[column] <= bound)


def stated(table: str, row: str, columns: Sequence[str], facts: Mapping[str, Fact]) -> list:
    """Constraints from the numbers the prose states for cells of this row (facts of origin
    'text', by key)."""
    out = []
    for col in columns:
        f = facts.get(f"{table}.{row}.{col}")
        if f is not None and f.value is not None:
            out.append(equals(col, f.value, f"the text states {f.value} («{f.raw}»)"))
    return out


IN_FORCE_BEFORE = Constraint(
    "the count in force before the year is not negative (现行有效 + 废止 ≥ 制发)",
    lambda r: r["in_force"] + r["repealed"] >= r["issued"],
)
THIS_YEAR_WITHIN_CUMULATIVE = Constraint(
    "本年度 ≤ 历年累计", lambda r: r["this_year"] <= r["cumulative"]
)


def settled_how(used: Sequence[str], base: str) -> str:
    """The note's 'split …' phrase: the base rule (may be empty), then the constraints that
    narrowed the readings."""
    if not used:
        return base
    return (f"{base}, " if base else "") + f"settled by {' and '.join(used)}"
