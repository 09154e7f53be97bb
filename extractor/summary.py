"""A readable terminal summary of extracted reports (rich tables)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table as RichTable

from .report import Report
from .template import schema as S


def _fmt(value: object) -> str:
    return "" if value is None else str(value)


def _grid(report: Report, table: str, rows: list[str], cols: list[str], title: str) -> RichTable:
    values = {(f.row, f.column): f for f in report.fact_list if f.table == table}
    out = RichTable(title=title, show_lines=False, title_justify="left")
    out.add_column("row")
    for c in cols:
        out.add_column(c, justify="right")
    for r in rows:
        if not any((r, c) in values for c in cols):
            continue
        out.add_row(r, *[_fmt(values[(r, c)].value) if (r, c) in values else "·" for c in cols])
    return out


def print_report(console: Console, report: Report) -> None:
    """The three tables and the failed checks of one report."""
    m = report.meta
    console.print(
        f"[bold]{report.source}[/bold]  {m.get('body') or '?'} · {m.get('year') or '?'} · "
        f"template {m.get('template')} · signed {m.get('signed') or '?'}"
    )
    pro_rows = list(dict.fromkeys(f.row for f in report.fact_list if f.table == "proactive"))
    pro_cols = list(dict.fromkeys(f.column for f in report.fact_list if f.table == "proactive"))
    if pro_rows:
        console.print(_grid(report, "proactive", pro_rows, pro_cols, "主动公开 proactive"))
    console.print(
        _grid(
            report,
            "requests",
            S.requests_row_codes(),
            [c.code for c in S.REQUEST_COLUMNS],
            "依申请 requests",
        )
    )
    console.print(
        _grid(
            report,
            "appeals",
            [r.code for r in S.APPEAL_ROWS],
            [c.code for c in S.APPEAL_COLUMNS],
            "复议诉讼 appeals",
        )
    )
    failed = report.failed_checks
    problems = [p for p in report.problems if p.status == "fail"]
    if not failed and not problems:
        console.print(f"checks: all {len(report.check_list)} pass")
    for c in failed:
        console.print(
            f"[red]FAIL[/red] {c.rule} [{c.scope}]: {c.lhs} = {c.lhs_value} ≠ {c.rhs} = "
            f"{c.rhs_value} {c.detail}"
        )
    for p in problems:
        page = f" (p{p.prov.page})" if p.prov and p.prov.page else ""
        console.print(f"[red]FAIL[/red] {p.rule}{page}: {p.detail}")


def print_summary(
    reports: list[Report], errors: list[tuple[str, str, str]], written: dict[str, Path]
) -> None:
    console = Console()
    if len(reports) == 1:
        print_report(console, reports[0])
    elif reports:
        table = RichTable(title=f"{len(reports)} reports")
        for col in ("source", "body", "year", "template", "facts", "failed checks"):
            table.add_column(col)
        for r in reports:
            table.add_row(
                r.source,
                _fmt(r.meta.get("body")),
                _fmt(r.meta.get("year")),
                _fmt(r.meta.get("template")),
                str(len(r.fact_list)),
                str(len(r.failed_checks)),
            )
        console.print(table)
    if errors:
        console.print(f"[red]{len(errors)} file(s) failed[/red] (see errors.csv)")
    folder = next(iter(written.values())).parent if written else None
    console.print(f"written: {', '.join(written)} in {folder}/")
