"""A readable terminal summary of extracted reports (rich tables)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table as RichTable

from .template import schema


def _fmt(value: object) -> str:
    return "" if value is None else str(value)


Rows = dict[str, list[tuple[Any, ...]]]


def _grid(facts: list[dict[str, Any]], table: str, rows: list[str], cols: list[str],
          title: str) -> RichTable:  # fmt: skip
    values = {(f["row"], f["column"]): f["value"] for f in facts if f["table"] == table}
    out = RichTable(title=title, show_lines=False, title_justify="left")
    out.add_column("row", overflow="fold")
    for c in cols:
        out.add_column(c, justify="right", overflow="fold")
    for r in rows:
        if not any((r, c) in values for c in cols):
            continue
        out.add_row(r, *[_fmt(values[(r, c)]) if (r, c) in values else "·" for c in cols])
    return out


def checks_line(rules: Mapping[str, int], problems: bool = False) -> str:
    """The line that sums up checks: how many rules applied passed, failed, and could not run
    (``rules``: their number by status); "all N pass" when none failed or could not run and no
    ``problems`` (mapping problems that failed) are listed after it."""
    passed, failed, incomplete = (rules.get(s, 0) for s in ("pass", "fail", "incomplete"))
    if not failed and not incomplete and not problems:
        return f"checks: all {passed} pass"
    return (
        f"checks: {passed} pass, {failed} fail, {incomplete} incomplete "
        "(a cell they need is missing)"
    )


def print_report_rows(console: Console, rows: Rows) -> None:
    """The three tables and the failed checks of one report, from its output rows (what a run
    keeps in its catalog: nothing is extracted again)."""
    from .columns import CHECKS, FACTS, reports_table

    m = dict(zip(reports_table().names, rows["reports"][0], strict=True))
    facts = [dict(zip(FACTS.names, r, strict=True)) for r in rows["facts"]]
    checks = [dict(zip(CHECKS.names, r, strict=True)) for r in rows["checks"]]
    console.print(
        f"[bold]{m['source']}[/bold]  {m.get('body') or '?'} · {m.get('year') or '?'} · "
        f"template {m.get('template')} · signed {m.get('signed') or '?'}"
    )
    pro = [f for f in facts if f["table"] == "proactive"]
    pro_rows = list(dict.fromkeys(f["row"] for f in pro))
    pro_cols = list(dict.fromkeys(f["column"] for f in pro))
    if pro_rows:
        console.print(_grid(facts, "proactive", pro_rows, pro_cols, "主动公开 proactive"))
    request_cols = [c.code for c in schema.REQUEST_COLUMNS]
    console.print(
        _grid(facts, "requests", schema.requests_row_codes(), request_cols, "依申请 requests")
    )
    appeal_rows, appeal_cols = (
        [r.code for r in schema.APPEAL_ROWS],
        [c.code for c in schema.APPEAL_COLUMNS],
    )
    console.print(_grid(facts, "appeals", appeal_rows, appeal_cols, "复议诉讼 appeals"))
    failed = [c for c in checks if c["status"] == "fail"]
    rules = [c for c in checks if c["lhs"] is not None]  # rules applied (the rest: problems)
    incomplete = [c for c in rules if c["status"] == "incomplete"]
    statuses = Counter(c["status"] for c in rules)
    console.print(checks_line(statuses, problems=len(failed) > statuses["fail"]))
    for c in incomplete:
        console.print(f"[yellow]INCOMPLETE[/yellow] {c['rule']} [{c['scope']}]: {c['detail']}")
    for c in failed:
        page = f" (p{c['page']})" if c["page"] else ""
        if c["lhs"] is None:  # a problem met mapping the tables
            console.print(f"[red]FAIL[/red] {c['rule']}{page}: {c['detail']}")
        else:
            console.print(
                f"[red]FAIL[/red] {c['rule']} [{c['scope']}]: {c['lhs']} = {c['lhs_value']} ≠ "
                f"{c['rhs']} = {c['rhs_value']} {c['detail'] or ''}"
            )
