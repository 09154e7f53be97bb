"""Indicators harmonised across the 2021, 2019 and pre-2019 templates, and the rates derived
from them: one report's canonical cells → the numbers an analyst compares across bodies and years.

A measure is read from the first of its ``sources`` whose cells the report has, all of them with
a printed value: a sum of cells is taken only when every cell was printed (a blank cell is no
value, never 0), and a source is used only when it means the same thing in that template. The
cell codes come from ``template.schema`` and ``template.indicators``; nothing is copied here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..template import schema
from ..template.labels import key_of

Cells = Mapping[str, Decimal | None]
RATE_DIGITS = 6  # rates are rounded to 6 decimal places: finer than any printed count can tell


@dataclass(frozen=True, slots=True)
class Measure:
    code: str  # the compare column
    label: str  # Chinese header
    description: str  # English description
    sources: tuple[tuple[str, ...], ...]  # alternatives: cell keys summed, first complete wins
    unit: str = "件"


def _req(row: str) -> str:
    return f"requests.{row}.total"


def _group(group: str) -> tuple[str, ...]:
    return tuple(_req(r.code) for r in schema.REQUEST_ROWS if r.group == group)


def _old(code: str) -> str:
    """A pre-2019 统计表 indicator's this-year cell."""
    return f"indicators.{code}.this_year"


def _appeals(rows: tuple[str, ...], column: str) -> tuple[str, ...]:
    return tuple(f"appeals.{r}.{column}" for r in rows)


def _cell_label(table: str, row: str, column: str) -> str:
    """'行政复议·总计', '规章·本年制发件数': the official row and column labels (an appeals row's
    block only: 行政诉讼 for both lawsuit rows)."""
    row_label = schema.label_of(table, "row", row).split("·")[0]
    return f"{row_label}·{schema.label_of(table, 'column', column)}"


def _label(code: str) -> str:
    """The official label of a table-2 row or group, without its enumerator (一、 （三） 1.),
    its trailing note in brackets or its punctuation (（二）部分公开（区分处理的…） → 部分公开)."""
    item = next(i for i in (*schema.REQUEST_ROWS, *schema.REQUEST_GROUPS) if i.code == code)
    return key_of(re.sub(r"（[^（）]*）$", "", item.label))


_LITIGATION = tuple(r.code for r in schema.APPEAL_ROWS if r.code.startswith("litigation"))

MEASURES: tuple[Measure, ...] = (
    Measure("new_requests", _label("new"), "New requests received this year",
            ((_req("new"),), (_old("requests_total"),))),
    Measure("carried_over", _label("carried_over"),
            "Requests carried over from the previous year", ((_req("carried_over"),),)),
    Measure("granted", _label("granted"), "Requests granted in full",
            ((_req("granted"),), (_old("replies_granted"),))),
    Measure("partially_granted", _label("partially_granted"), "Requests granted in part",
            ((_req("partially_granted"),), (_old("replies_partial"),))),
    Measure("denied", _label("denied"), "Requests denied (all eight reasons)",
            (_group("denied"), (_old("replies_denied"),))),
    Measure("unavailable", _label("unavailable"),
            "Information could not be provided (all three reasons)", (_group("unavailable"),)),
    Measure("rejected", _label("rejected"), "Requests not processed (all five reasons)",
            (_group("rejected"),)),
    Measure("other", _label("other"), "Other handling (one row or its sub-rows)",
            ((_req("other"),), _group("other_group"))),
    Measure("total_handled", f"{_label('results')}·{_label('total')}", "Requests handled this year (total)",
            ((_req("total"),), (_old("replies_total"),))),
    Measure("carried_forward", _label("carried_forward"),
            "Requests carried forward to next year", ((_req("carried_forward"),),)),
    Measure("reconsideration_total", _cell_label("appeals", "reconsideration", "total"), "Administrative reconsiderations (total)",
            (("appeals.reconsideration.total",), (_old("reconsideration"),))),
    Measure("reconsideration_corrected", _cell_label("appeals", "reconsideration", "corrected"),
            "Reconsiderations whose result corrected the decision",
            (("appeals.reconsideration.corrected",),)),
    Measure("reconsideration_pending", _cell_label("appeals", "reconsideration", "pending"), "Reconsiderations not yet concluded",
            (("appeals.reconsideration.pending",),)),
    Measure("litigation_total", _cell_label("appeals", _LITIGATION[0], "total"),
            "Administrative lawsuits, direct and after reconsideration (total)",
            (_appeals(_LITIGATION, "total"), (_old("litigation"),))),
    Measure("litigation_corrected", _cell_label("appeals", _LITIGATION[0], "corrected"),
            "Lawsuits whose result corrected the decision", (_appeals(_LITIGATION, "corrected"),)),
    Measure("litigation_pending", _cell_label("appeals", _LITIGATION[0], "pending"), "Lawsuits not yet concluded",
            (_appeals(_LITIGATION, "pending"),)),
    Measure("regulations_issued", _cell_label("proactive", "regulations", "issued"), "Rules (规章) issued this year "
            "(2019 format: 本年新制作数量)",
            (("proactive.regulations.issued",), ("proactive.regulations.made",))),
    Measure("normative_documents_issued", _cell_label("proactive", "normative_documents", "issued"),
            "Normative documents issued this year (2019 format: 本年新制作数量)",
            (("proactive.normative_documents.issued",), ("proactive.normative_documents.made",))),
    Measure("licensing_decisions", _cell_label("proactive", "licensing", "decisions"), "Administrative licensing decisions",
            (("proactive.licensing.decisions",),)),
    Measure("punishment_decisions", _cell_label("proactive", "punishment", "decisions"), "Administrative penalty decisions",
            (("proactive.punishment.decisions",),)),
    Measure("enforcement_decisions", _cell_label("proactive", "enforcement", "decisions"),
            "Administrative enforcement decisions", (("proactive.enforcement.decisions",),)),
    Measure("fees_amount", _cell_label("proactive", "fees", "amount"), "Administrative fees collected (2021 "
            "format), in 10,000 yuan", (("proactive.fees.amount",),), unit="万元"),
    Measure("proactive_items", "主动公开信息数", "Items published proactively (pre-2019 "
            "statistics table only)", ((_old("proactive_total"),),), unit="条"),
)  # fmt: skip

# 2021 cells whose unit may be printed in the cell (元 instead of the template's 万元).
AMOUNT_KEYS = ("proactive.fees.amount",)
YUAN_PER_WAN = Decimal(10000)


def cell_keys() -> tuple[str, ...]:
    """Every cell key a measure may read, plus the single denial reasons (their rates)."""
    keys = [k for m in MEASURES for src in m.sources for k in src]
    keys += [k for k in _group("denied") if k not in keys]
    return tuple(dict.fromkeys(keys))


def _plus(*values: Decimal | None) -> Decimal | None:
    """The values' sum, or None when one is missing (a partial sum is never taken)."""
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if len(present) == len(values) else None


def _sum(cells: Cells, keys: tuple[str, ...]) -> Decimal | None:
    return _plus(*(cells.get(k) for k in keys))


def measure_values(cells: Cells) -> dict[str, Decimal | None]:
    """One report's cells → every measure, from the first source the report has a value of:
    its cells summed when every one was printed, else no value (a partial sum is never taken)."""
    out: dict[str, Decimal | None] = {}
    for m in MEASURES:
        out[m.code] = None
        for keys in m.sources:
            if any(cells.get(k) is not None for k in keys):  # the report has this source
                out[m.code] = _sum(cells, keys)
                break
    return out


def ratio(num: Decimal | None, den: Decimal | None) -> float | None:
    """num / den rounded to RATE_DIGITS; None when either is missing or den is 0."""
    if num is None or den is None or den == 0:
        return None
    return round(float(num / den), RATE_DIGITS)


def _minus(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a - b


@dataclass(frozen=True, slots=True)
class Rate:
    code: str
    label: str
    description: str


RATES: tuple[Rate, ...] = (
    Rate("grant_rate", "予以公开率", "granted / total_handled"),
    Rate("grant_or_partial_rate", "予以公开和部分公开率",
         "(granted + partially_granted) / total_handled"),
    Rate("denial_rate", "不予公开率", "denied / total_handled"),
    *(
        Rate(f"denial_rate.{r.code.removeprefix('denied_')}", f"不予公开率·{_label(r.code)}",
             f"{r.code} / total_handled")
        for r in schema.REQUEST_ROWS if r.group == "denied"
    ),
    Rate("unavailable_share", "无法提供占比", "unavailable / total_handled"),
    Rate("appeal_correction_rate", "复议诉讼纠正率",
         "(reconsideration_corrected + litigation_corrected) / the concluded appeals "
         "(reconsideration_total + litigation_total - the pending ones)"),
)  # fmt: skip


def rate_values(m: Mapping[str, Decimal | None], cells: Cells) -> dict[str, float | None]:
    """A report's measures (and cells, for the single denial reasons) → its rates."""
    handled = m["total_handled"]
    out = {
        "grant_rate": ratio(m["granted"], handled),
        "grant_or_partial_rate": ratio(_plus(m["granted"], m["partially_granted"]), handled),
        "denial_rate": ratio(m["denied"], handled),
    }
    for key in _group("denied"):
        reason = key.split(".")[1].removeprefix("denied_")
        out[f"denial_rate.{reason}"] = ratio(cells.get(key), handled)
    out["unavailable_share"] = ratio(m["unavailable"], handled)
    appeals = _plus(m["reconsideration_total"], m["litigation_total"])
    pending = _plus(m["reconsideration_pending"], m["litigation_pending"])
    corrected = _plus(m["reconsideration_corrected"], m["litigation_corrected"])
    out["appeal_correction_rate"] = ratio(corrected, _minus(appeals, pending))
    return out


def report_values(cells: Cells, fee_unit: str) -> dict[str, Any]:
    """One report's cells (its fee amount printed in ``fee_unit``) → its measures and rates."""
    cells = dict(cells)
    for k in AMOUNT_KEYS:
        cells[k] = yuan_to_wan(cells.get(k), fee_unit)
    measures = measure_values(cells)
    return {**measures, **rate_values(measures, cells)}


def yuan_to_wan(value: Decimal | None, unit: str) -> Decimal | None:
    """A fee amount printed in 元 → 万元 (exact); 万元 as it is; any other unit: no value."""
    if value is None or unit in ("万元", ""):
        return value
    if unit == "元":
        return value / YUAN_PER_WAN
    return None
