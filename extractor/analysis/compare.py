"""The compare table: one row per issuing body and year, harmonised indicators, rates,
year-over-year change, data quality, duplicates resolved.

Built from what ``collect`` keeps of each report (an ``Entry``, summarised from its output rows),
so a bulk run feeds it as it streams its outputs and the API feeds it from reports;
``compare_records`` makes the rows at the end.

Duplicates: reports of the same body key and year (the web page and its PDF, two copies) are one
row. The row is the report that is complete (no table, row or cell missing), then passes its
checks, then is the better medium: a digital document (PDF with a text layer, DOCX, DOC) > a web
page (HTML, MHT) > crawled text (TXT) > a scanned PDF read by OCR; then the first in input order.
The others are named in its ``duplicate_of`` and are not counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..checks import year_over_year
from ..columns import Row, record_table
from ..export import across_check_rows, report_to_rows, typed_frame, year_fields
from ..report import Report
from ..template.bodies import unify_keys
from .collect import Collector, Entry, summarize
from .measures import (
    MEASURES,
    RATES,
    ratio,
)

if TYPE_CHECKING:
    import pandas as pd

DUPLICATE_SEPARATOR = " | "
MEDIUM_RANK = {"digital": 3, "web page": 2, "crawled text": 1, "scan": 0}
FORMAT_MEDIUM = {"pdf": "digital", "docx": "digital", "doc": "digital", "html": "web page"}
YOY_MEASURES = ("new_requests", "total_handled")


@dataclass(frozen=True, slots=True)
class Column:
    code: str
    label: str  # Chinese header
    description: str  # English
    kind: str  # text, int, bool, count (exact), rate (float)
    unit: str = ""


_HEAD = (
    Column("body_key", "机关", "Issuing body, normalised: the same key for a body in every year "
           "(人民政府 dropped; title, signature and preamble agree)", "text"),
    Column("year", "年度", "Report year (from the title)", "int"),
    Column("body", "发布机关(原文)", "Issuing body as printed (title, else signature)", "text"),
    Column("body_from", "机关来源", "Where body_key was read: title, signature or preamble",
           "text"),
    Column("level", "层级", "Administrative level: 省 / 市 / 县区 / 乡镇街道 / 部门", "text"),
    Column("region", "地区", "The places the body's name carries", "text"),
    Column("template", "模板", "Template generation: 2021, 2019, pre-2019, mixed, unknown",
           "text"),
    Column("checks_pass", "校验通过", "True when no check of this report failed; empty when "
           "no rule could be applied", "bool"),
    Column("checks_failed", "校验未通过数", "Checks and problems of the report that failed",
           "int"),
    Column("complete", "表格完整", "True when no table, row or cell was missing", "bool"),
    Column("incomplete", "缺失项数", "table.missing, row.missing and cell.missing problems",
           "int"),
    Column("ocr_unsure", "OCR存疑数", "Values OCR read with low confidence (check by eye)",
           "int"),
)  # fmt: skip
_MEASURE_COLUMNS = tuple(Column(m.code, m.label, m.description, "count", m.unit) for m in MEASURES)
_RATE_COLUMNS = tuple(Column(r.code, r.label, r.description, "rate") for r in RATES)
_YOY_COLUMNS = tuple(
    col
    for code in YOY_MEASURES
    for m in MEASURES
    if m.code == code
    for col in (
        Column(f"{code}_change", f"{m.label}·同比增减", f"{code} minus the body's previous "
               "year (empty when that year is missing)", "count", m.unit),
        Column(f"{code}_change_pct", f"{m.label}·同比变化率", f"{code}_change / the previous "
               "year's value (empty when it is 0 or missing)", "rate"),
    )
)  # fmt: skip
_TAIL = (
    Column("source", "文件", "The file the row was read from", "text"),
    Column("format", "格式", "Its format: pdf, docx, doc, html, text", "text"),
    Column("duplicate_of", "重复文件", "Other files with the same body and year, not counted "
           f"(separated by '{DUPLICATE_SEPARATOR.strip()}')", "text"),
    Column("notes", "备注", "Why a value is missing or a choice was made", "text"),
)  # fmt: skip
COLUMNS: tuple[Column, ...] = _HEAD + _MEASURE_COLUMNS + _RATE_COLUMNS + _YOY_COLUMNS + _TAIL
KIND_TYPES = {"text": "string", "int": "int", "bool": "bool", "count": "decimal", "rate": "float"}
COMPARE = record_table("compare", "compare.csv", [(c.code, KIND_TYPES[c.kind]) for c in COLUMNS])
COMPARE_COLUMNS = COMPARE.names


def medium(entry: Entry) -> str:
    """digital, web page, crawled text or scan (a PDF whose values OCR read)."""
    if entry.ocr:
        return "scan"
    return FORMAT_MEDIUM.get(entry.meta["format"] or "", "crawled text")


def base_record(entry: Entry, key: str, origin: str, note: str) -> dict[str, Any]:
    """One report → its compare row before duplicates and year-over-year are known."""
    m = entry.meta
    if entry.fee_unit not in ("", "万元", "元") and entry.fee_printed:
        note = _join(note, f"fees_amount withheld: printed in {entry.fee_unit}")
    return {
        "body_key": key or None,
        "year": m["year"],
        "body": m["body"] or None,
        "body_from": origin or None,
        "level": m["level"] or None,
        "region": m["region"] or None,
        "template": m["template"],
        "checks_pass": (entry.failed == 0) if entry.applied or entry.failed else None,
        "checks_failed": entry.failed,
        "complete": entry.incomplete == 0,
        "incomplete": entry.incomplete,
        "ocr_unsure": entry.unsure,
        **entry.values,
        "source": m["source"],
        "format": m["format"],
        "duplicate_of": None,
        "notes": note or None,
        "_rank": (entry.incomplete == 0, entry.failed == 0, MEDIUM_RANK[medium(entry)],
                  -entry.order),
    }  # fmt: skip


def _join(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def body_keys(entries: list[Entry]) -> list[tuple[str, str, str]]:
    """Each report's (body key, where it was read, a note when title and signature disagree),
    with the run's keys unified (洪泽区 → 淮安市洪泽区 when that is the only fuller key)."""
    unified = unify_keys([e.body[0] for e in entries])
    return [(unified.get(k, k), o, n) for k, o, n in (e.body for e in entries)]


def resolve_duplicates(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the same body key and year → the preferred one (module docstring), the others'
    sources in its ``duplicate_of``; rows without a key or year are kept as they are."""
    groups: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for r in records:
        if r["body_key"] and r["year"] is not None:
            groups.setdefault((r["body_key"], r["year"]), []).append(r)
    dropped = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        best = max(group, key=lambda r: r["_rank"])
        others = [r for r in group if r is not best]
        best["duplicate_of"] = DUPLICATE_SEPARATOR.join(r["source"] for r in others)
        dropped |= {id(r) for r in others}
    return [r for r in records if id(r) not in dropped]


def add_year_over_year(records: list[dict[str, Any]]) -> None:
    """Each row's change from the same body's previous year (absolute, and relative to it)."""
    by_key = {(r["body_key"], r["year"]): r for r in records if r["body_key"] and r["year"]}
    for r in records:
        prev = by_key.get((r["body_key"], (r["year"] or 0) - 1)) if r["body_key"] else None
        for code in YOY_MEASURES:
            cur, before = r[code], prev[code] if prev else None
            change = None if cur is None or before is None else cur - before
            r[f"{code}_change"] = change
            r[f"{code}_change_pct"] = ratio(change, before)


def compare_records(entries: list[Entry]) -> list[dict[str, Any]]:
    """Every report's Entry → the compare rows, sorted by body key and year (rows without a key
    last, in input order)."""
    entries = sorted(entries, key=lambda e: e.order)
    records = [base_record(e, *k) for e, k in zip(entries, body_keys(entries), strict=True)]
    records = resolve_duplicates(records)
    add_year_over_year(records)
    records.sort(key=lambda r: (r["body_key"] is None, r["body_key"] or "", r["year"] or 0))
    return [{c: r[c] for c in COMPARE_COLUMNS} for r in records]


def compare_rows(records: list[dict[str, Any]]) -> list[Row]:
    """Compare records → rows in COMPARE_COLUMNS order (for the CSV and Arrow writers)."""
    return [COMPARE.values(r) for r in records]


def compare_frame(records: list[dict[str, Any]], chinese: bool = False) -> pd.DataFrame:
    """Compare records → a DataFrame: counts and rates Float64, counts of problems Int64,
    flags boolean (all nullable: a missing value is <NA>, never 0). ``chinese``: Chinese headers."""
    frame = typed_frame(compare_rows(records), COMPARE)
    return frame.rename(columns=chinese_headers()) if chinese else frame


def chinese_headers() -> dict[str, str]:
    """compare column code → its Chinese header."""
    return {c.code: c.label for c in COLUMNS}


def reports_records(reports: Iterable[Report]) -> list[dict[str, Any]]:
    """Reports → compare records (through the same rows the outputs are written from)."""
    collector = Collector()
    years = []
    for rep in reports:
        rows = report_to_rows(rep)
        years.append(year_fields(rows["reports"][0]))
        collector.add_report(rep.source, summarize(rows))
    collector.add_checks(across_check_rows(year_over_year(years)))
    return compare_records(list(collector.entries.values()))
