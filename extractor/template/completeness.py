"""Which template cells a report's tables should hold, and which they do: every cell of a table
that was found but is missing is a failure finding (``cell.missing``), never a silent gap."""

from __future__ import annotations

from functools import lru_cache

from ..canonical import Fact, Problem
from . import schema

TABLES = ("proactive", "requests", "appeals")


def expected_cells(table: str, version: str | None, facts: list[Fact]) -> tuple[str, ...]:
    """The fact keys a found table of this template version holds. Table 2's （六） is one row or
    three sub-rows, whichever the report prints (when it prints neither: the sub-rows of the
    2021 format, the one row of the 2019 format)."""
    if table == "requests":
        rows = {f.row for f in facts if f.table == "requests"}
        subrows = bool(rows & set(schema.OTHER_SUBROWS)) or (
            "other" not in rows and version == "2021"
        )
        return _template_cells(table, version, subrows)
    return _template_cells(table, version, False)


@lru_cache(maxsize=64)
def _template_cells(table: str, version: str | None, subrows: bool) -> tuple[str, ...]:
    if table == "proactive":
        cells = schema.PROACTIVE_CELLS.get(version or "2021", schema.PROACTIVE_CELLS["2021"])
        return tuple(f"proactive.{r}.{c}" for r, cols in cells.items() for c in cols)
    if table == "requests":
        drop = {"other"} if subrows else set(schema.OTHER_SUBROWS)
        return tuple(
            f"requests.{r.code}.{c.code}"
            for r in schema.REQUEST_ROWS
            if r.code not in drop
            for c in schema.REQUEST_COLUMNS
        )
    if table == "appeals":
        return tuple(
            f"appeals.{r.code}.{c.code}" for r in schema.APPEAL_ROWS for c in schema.APPEAL_COLUMNS
        )
    return ()


def table_completeness(
    found: dict[str, str | None], facts: list[Fact], template: str | None = None
) -> tuple[dict[str, object], list[Problem]]:
    """Tables found (kind → template version) and the report's facts → the counts reports.csv
    carries (``<table>_cells_expected``, ``<table>_cells_found``, ``complete``) and a
    ``cell.missing`` failure per table that lacks cells. A cell whose text is not a number
    counts as not found (it is reported as ``number.unreadable`` too)."""
    have = {f.key for f in facts if f.origin == "table" and f.value is not None}
    counts: dict[str, object] = {}
    problems: list[Problem] = []
    complete = all(kind in found for kind in TABLES)
    for kind in TABLES:
        if kind not in found:
            counts[f"{kind}_cells_expected"] = None
            counts[f"{kind}_cells_found"] = None
            continue
        expected = expected_cells(kind, found[kind] or template, facts)
        missing = [k for k in expected if k not in have]
        counts[f"{kind}_cells_expected"] = len(expected)
        counts[f"{kind}_cells_found"] = len(expected) - len(missing)
        if missing:
            complete = False
            problems.append(
                Problem(
                    "cell.missing",
                    kind,
                    f"{len(missing)} of {len(expected)} cells not found: "
                    + ", ".join(k.split(".", 1)[1] for k in missing),
                    None,
                    "fail",
                )
            )
    counts["complete"] = complete
    return counts, problems
