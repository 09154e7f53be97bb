"""Table grids → canonical facts for the three tables of the 2019/2021 templates.

Tables are found by their labels, not their position (``classify``, ``group_tables``); each
table's fragments then go to its mapper: ``proactive`` (table 1), ``requests`` (table 2),
``appeals`` (table 3), which share the helpers of ``grid``. Every row and column is mapped by
its label; a label that maps to nothing is reported and its numbers are not guessed into a
neighbouring code.
"""

from __future__ import annotations

from ..canonical import TableMapping
from ..model import Table
from .appeals import map_appeals
from .labels import squash
from .proactive import map_proactive
from .requests import map_requests

MAPPERS = {"proactive": map_proactive, "requests": map_requests, "appeals": map_appeals}


def classify(table: Table) -> str | None:
    """Which template table a grid is, by the labels it holds: proactive, requests, appeals."""
    text = squash("".join(c.text for row in table.grid for c in row if not c.covered))
    if any(k in text for k in ("本年新收", "上年结转", "申请人情况", "自然人", "结转下年度")):
        return "requests"
    if "复议" in text and any(k in text for k in ("维持", "纠正", "审结")):
        return "appeals"
    if any(
        k in text for k in ("第二十条", "信息内容", "规章", "行政许可", "行政处罚", "事业性收费")
    ):
        return "proactive"
    if any(k in text for k in ("不予公开", "无法提供", "不予处理", "其他处理")):
        return "requests"
    return None


def group_tables(tables: list[Table]) -> dict[str, list[Table]]:
    """Template table → its fragments in order. An unrecognised fragment right after a
    recognised one with as many columns continues it."""
    out: dict[str, list[Table]] = {}
    prev: str | None = None
    prev_cols = 0
    for table in tables:
        kind = classify(table)
        if kind is None and prev is not None and table.n_cols == prev_cols:
            kind = prev
        if kind is not None:
            out.setdefault(kind, []).append(table)
        prev, prev_cols = kind, table.n_cols
    return out


def map_tables(tables: list[Table]) -> dict[str, TableMapping]:
    """All tables of a document → one mapping per template table found."""
    return {kind: MAPPERS[kind](frags) for kind, frags in group_tables(tables).items()}
