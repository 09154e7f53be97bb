"""``overview.html``: the compare table of a run as one self-contained page a journalist can open
offline: the bodies × years table (sortable), charts of new requests per body and over the
years, outcomes, rates and appeals (inline SVG, ``charts``), and the data-quality picture of each
report. No network, no library: the page carries its CSS, its SVG and a few lines of script
(sorting, and an error collector that writes any script error into ``<html data-errors>``).
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import Any

from ..analysis.compare import COLUMNS
from . import charts

LABELS = {c.code: c.label for c in COLUMNS}
KINDS = {c.code: c.kind for c in COLUMNS}
TABLE_COLUMNS = ("body_key", "year", "template", "new_requests", "total_handled", "granted",
                 "grant_rate", "grant_or_partial_rate", "denial_rate", "unavailable_share",
                 "reconsideration_total", "litigation_total", "appeal_correction_rate",
                 "new_requests_change", "new_requests_change_pct", "checks_pass")  # fmt: skip
OUTCOMES = ("granted", "partially_granted", "denied", "unavailable", "rejected", "other")
RATES = ("grant_rate", "grant_or_partial_rate", "denial_rate", "unavailable_share")
APPEALS = ("reconsideration_total", "reconsideration_corrected", "litigation_total",
           "litigation_corrected")  # fmt: skip
QUALITY = ("checks_failed", "incomplete", "ocr_unsure")
UNKNOWN_BODY = "(机关不明)"

STYLE = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC",
"Microsoft YaHei",sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:12px}th,td{border:1px solid #ccc;padding:3px 6px}
th{background:#DDEBF7;cursor:pointer;position:sticky;top:0}td.num{text-align:right}
th small{display:block;color:#777;font-weight:normal}tr.fail td{background:#FFC7CE}
.chart text{font-size:11px;fill:#333}.chart .legend{font-size:11px}.axis{stroke:#999}
td:first-child{white-space:nowrap}.nochart{color:#777;font-style:italic}.scroll{overflow-x:auto;max-height:600px}.note{color:#555;font-size:12px}
"""
SCRIPT = """
window.addEventListener("error", function (e) {
  var el = document.documentElement;
  el.dataset.errors = (el.dataset.errors || "") + (e.message || "error") + "\\n";
});
function sortTable(th) {
  var table = th.closest("table"), body = table.tBodies[0];
  var col = Array.prototype.indexOf.call(th.parentNode.children, th);
  var dir = th.dataset.dir === "asc" ? "desc" : "asc";
  th.dataset.dir = dir;
  var rows = Array.prototype.slice.call(body.rows);
  rows.sort(function (a, b) {
    var x = a.cells[col].dataset.sort, y = b.cells[col].dataset.sort;
    if (x === "" || y === "") { return x === y ? 0 : (x === "" ? 1 : -1); }
    var nx = Number(x), ny = Number(y);
    var c = isNaN(nx) || isNaN(ny) ? x.localeCompare(y, "zh") : nx - ny;
    return dir === "asc" ? c : -c;
  });
  rows.forEach(function (r) { body.appendChild(r); });
}
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("th[data-sortable]").forEach(function (th) {
    th.addEventListener("click", function () { sortTable(th); });
  });
  document.documentElement.dataset.ready = "1";
});
"""


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _shown(code: str, value: Any) -> str:
    if value is None:
        return ""
    if KINDS.get(code) == "rate":
        return f"{float(value):.1%}"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


def row_name(r: dict[str, Any]) -> str:
    """A compare row's name in charts: body and year."""
    return f"{r['body_key'] or UNKNOWN_BODY} {r['year'] or '?'}"


def compare_table(records: list[dict[str, Any]]) -> str:
    head = "".join(
        f'<th data-sortable title="{escape(c)}">{escape(LABELS[c])}<small>{escape(c)}</small></th>'
        for c in TABLE_COLUMNS
    )
    rows = []
    for r in records:
        cells = []
        for c in TABLE_COLUMNS:
            v = r[c]
            sort = "" if v is None else str(int(v) if isinstance(v, bool) else v)
            cls = ' class="num"' if KINDS.get(c) in ("count", "rate", "int") else ""
            cells.append(f'<td{cls} data-sort="{escape(sort)}">{escape(_shown(c, v))}</td>')
        fail = ' class="fail"' if r["checks_pass"] is False else ""
        rows.append(f"<tr{fail}>{''.join(cells)}</tr>")
    return (
        f'<div class="scroll"><table id="compare"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def quality_table(records: list[dict[str, Any]]) -> str:
    cols = ("source", *QUALITY, "duplicate_of", "notes")
    head = "".join(f"<th>{escape(LABELS[c])}<small>{c}</small></th>" for c in cols)
    rows = []
    for r in records:
        bad = any(r[c] for c in QUALITY) or r["checks_pass"] is False
        cells = "".join(f"<td>{escape(_shown(c, r[c]))}</td>" for c in cols)
        rows.append(f"<tr{' class=fail' if bad else ''}>{cells}</tr>")
    return (
        f'<table id="quality"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def new_requests_charts(records: list[dict[str, Any]]) -> tuple[str, str]:
    """New requests per body (a bar a year), and over the years (a line a body)."""
    bodies = list(dict.fromkeys(r["body_key"] or UNKNOWN_BODY for r in records))
    years = sorted({r["year"] for r in records if r["year"]})
    value = {(r["body_key"] or UNKNOWN_BODY, r["year"]): _number(r["new_requests"])
             for r in records}  # fmt: skip
    per_body = charts.grouped_bars(
        LABELS["new_requests"], bodies,
        [(str(y), [value.get((b, y)) for b in bodies]) for y in years],
    )  # fmt: skip
    over_years = charts.lines(
        LABELS["new_requests"], years,
        [(b, [value.get((b, y)) for y in years]) for b in bodies if b != UNKNOWN_BODY],
    )  # fmt: skip
    return per_body, over_years


def _series(records: list[dict[str, Any]], codes: tuple[str, ...]) -> list[charts.Series]:
    return [(LABELS[c], [_number(r[c]) for r in records]) for c in codes]


def overview_html(records: list[dict[str, Any]]) -> str:
    """Compare records → the page."""
    names = [row_name(r) for r in records]
    per_body, over_years = new_requests_charts(records)
    outcomes = charts.stacked_shares("办理结果", names, _series(records, OUTCOMES))
    rates = charts.grouped_bars("比率", names, _series(records, RATES), percent=True)
    appeals = charts.grouped_bars("行政复议、行政诉讼", names, _series(records, APPEALS))
    flagged = [r for r in records if any(r[c] for c in QUALITY)]
    quality = charts.grouped_bars(
        "数据质量", [row_name(r) for r in flagged], _series(flagged, QUALITY)
    ) if flagged else charts.empty_chart("No report has a failed check, a missing table or "
                                         "an unsure OCR value.")  # fmt: skip
    bodies = len({r["body_key"] for r in records if r["body_key"]})
    years = sorted({r["year"] for r in records if r["year"]})
    span = f"{years[0]}–{years[-1]}" if years else "?"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政府信息公开工作年度报告 · 概览</title>
<style>{STYLE}</style><script>{SCRIPT}</script></head>
<body>
<h1>政府信息公开工作年度报告 · 概览 <small>overview</small></h1>
<p class="note">{len(records)} 份报告 (reports) · {bodies} 个机关 (bodies) · {span}.
Blank means the report did not print the value (never read as 0); rates are of the requests
handled (本年度办理结果·总计). Click a column header to sort.</p>
<h2>机关 × 年度 <small>bodies × years</small></h2>
{compare_table(records)}
<h2>本年新收申请 <small>new requests per body</small></h2>
<div id="chart-new-requests">{per_body}</div>
<h2>历年变化 <small>new requests over the years</small></h2>
<div id="chart-years">{over_years}</div>
<h2>办理结果 <small>outcomes (share of the requests handled)</small></h2>
<div id="chart-outcomes">{outcomes}</div>
<h2>比率 <small>rates</small></h2>
<div id="chart-rates">{rates}</div>
<h2>行政复议、行政诉讼 <small>appeals: totals and decisions corrected</small></h2>
<div id="chart-appeals">{appeals}</div>
<h2>数据质量 <small>data quality per report</small></h2>
<div id="chart-quality">{quality}</div>
{quality_table(records)}
</body></html>
"""


def write_overview(path: Path, records: list[dict[str, Any]]) -> Path:
    """The page, written to a temporary name and moved into place."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_text(overview_html(records), encoding="utf-8")
    os.replace(tmp, path)
    return path
