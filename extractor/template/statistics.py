"""Pre-2019 reports: the 政府信息公开情况统计表 as a table ``indicators``, read from a grid or from
text that ran it together; and the numbers the prose states about the same indicators (facts of
origin 'text'), which check the table, settle its run-together values, or stand alone in a
report with no table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..canonical import Fact, Pending, Problem, TableMapping
from ..model import Paragraph, Provenance, Table
from ..numbers import read_number
from .indicators import COLUMNS, PART_OF, PROSE, UNITS, item_of, match_indicator
from .labels import squash
from .prose import first_statements
from .settle import THIS_YEAR_WITHIN_CUMULATIVE, at_most, narrow, settled_how, stated
from .splits import agreed_cells, shown_readings, splits

_LEAD = re.compile(r"^(其中|包括)?[:：]?\s*(\d{1,2}\s*[.．、]|[（(]\d{1,2}[)）])?\s*")
_COLS = ("this_year", "cumulative")
HEADER_ROWS = 3  # a 统计表's header (指标名称, 计量单位, 本年度, 累计) is in its first rows
MAX_LABEL = 30  # an indicator's label in run-together text is this short: longer is prose


def _clean_label(text: str) -> tuple[str, int | None]:
    """'其中：1.网站公开' → ('网站公开', 1)."""
    s = squash(text)
    m = _LEAD.match(s)
    number = None
    if m and m.group(2):
        number = int(re.sub(r"\D", "", m.group(2)))
    return (s[m.end() :] if m else s), number


def _fact(
    code: str | None,
    printed: str,
    col: str,
    value: Decimal,
    unit: str,
    raw: str,
    prov: Provenance,
    note: str = "",
    origin: str = "table",
) -> Fact:
    item = item_of(code)
    return Fact(
        table="indicators",
        row=code or "",
        column=col,
        value=value,
        unit=unit,
        raw=raw,
        blank=False,
        row_label=item.label if item else printed,
        column_label=COLUMNS.get(col, col),
        printed_row=printed,
        printed_column="",
        prov=prov,
        note=note,
        origin=origin,
    )


def _unmapped(printed: str, prov: Provenance) -> Problem:
    return Problem(
        "label.unmapped",
        "indicators",
        f"indicator {printed!r} has no code; kept with its printed label",
        prov,
    )


def is_indicator_table(table: Table) -> bool:
    text = squash("".join(c.text for row in table.grid[:HEADER_ROWS] for c in row))
    return "指标名称" in text or ("计量单位" in text and "累计" in text)


def indicators_from_grid(table: Table) -> TableMapping:
    """A 统计表 grid → indicator facts; the header row tells which column is which."""
    out = TableMapping(version="pre-2019")
    header_row: int | None = None
    cols: dict[str, int] = {}  # column role → grid column
    for r in range(min(HEADER_ROWS, table.n_rows)):
        for c in range(table.n_cols):
            t = squash(table.text(r, c))
            if "指标" in t:
                cols.setdefault("label", c)
            elif "单位" in t:
                cols.setdefault("unit", c)
            elif "累计" in t:
                cols.setdefault("cumulative", c)
            elif "本年" in t or re.search(r"\d{4}年", t):
                cols.setdefault("this_year", c)
        if "label" in cols:
            header_row = r
            break
    if header_row is None:
        return out
    for r in range(header_row + 1, table.n_rows):
        printed = table.text(r, cols["label"])
        label, _ = _clean_label(printed)
        if not label:
            continue
        item = match_indicator(label)
        unit = squash(table.text(r, cols["unit"])) if "unit" in cols else ""
        for col in _COLS:
            if col not in cols:
                continue
            cell = table.origin_cell(r, cols[col])
            reading = read_number(cell.text)
            if reading.value is None:
                continue
            out.facts.append(
                _fact(
                    item.code if item else None,
                    printed,
                    col,
                    reading.value,
                    reading.unit or unit,
                    cell.text,
                    cell.prov,
                    reading.note,
                )
            )
        if item is None:
            out.problems.append(_unmapped(printed, table.prov))
    return out


_UNIT_RUN = re.compile("(" + "|".join(UNITS) + r")\s*(\d[\d\s.]*)")


@dataclass(slots=True)
class _Row:
    """One indicator of a run-together table: its label, unit and the readings of its run."""

    printed: str
    code: str | None
    unit: str
    run: str
    readings: list[list[str]]


def _rows_of_text(text: str) -> list[_Row]:
    """指标名称 计量单位 本年度 历年累计 主动公开信息数 条 425 1516 … → the rows, each with every
    reading of its two values (本年度 ≤ 历年累计 not yet applied)."""
    start = text.find("指标名称")
    if start < 0:
        return []
    m_head = re.search(r"累\s*计", text[start:])
    pos = start + (m_head.end() if m_head else 0)
    expected_enum = 1
    rows = []
    for m in _UNIT_RUN.finditer(text, pos):
        printed = text[pos : m.start()].strip(" ：:")
        pos = m.end()
        label, number = _clean_label(printed)
        if not label or len(label) > MAX_LABEL:
            continue
        expected_enum = (number + 1) if number else 1
        run = m.group(2).rstrip()
        run_end = m.start(2) + len(run)
        follow = text[run_end : run_end + 1]
        if run.endswith((".", "．")):
            run, follow = run[:-1], run[-1]
            run_end -= 1
        for width in (1, 2):  # the next label's own number (2、 or 2.) ends the run
            tail = run[-width:]
            if follow in "、.．" and tail.isdigit() and int(tail) == expected_enum:
                run = run[:-width].rstrip()
                pos = run_end - width
                break
        item = match_indicator(label)
        code = item.code if item else None
        rows.append(_Row(printed, code, m.group(1), run, splits(run, ["decimal", "decimal"])))
    return rows


def indicators_from_text(
    text: str, prov: Provenance, said: Mapping[str, Fact] | None = None
) -> TableMapping:
    """A 统计表 run together in text → indicator facts. Where spaces were lost, the two values
    are cut only where one reading alone is left by 本年度 ≤ 历年累计, the numbers the prose
    states (``said``: text facts by key) and a part (其中 …) not exceeding its whole."""
    out = TableMapping(version="pre-2019")
    taken: dict[str, dict[str, Decimal]] = {}  # code → the values taken, for its parts
    for row in _rows_of_text(text):
        whole = taken.get(PART_OF.get(row.code or "", ""), {})
        constraints = [
            THIS_YEAR_WITHIN_CUMULATIVE,
            *stated("indicators", row.code or "", _COLS, said or {}),
            *(
                at_most(col, v, f"a part not exceeding its whole ({PART_OF[row.code or '']} {v})")
                for col, v in whole.items()
            ),
        ]
        readings, used, _ = narrow(row.readings, _COLS, constraints)
        agreed = agreed_cells(readings)
        tight = len(row.run.split()) == 2
        how = settled_how([u for u in used if u != THIS_YEAR_WITHIN_CUMULATIVE.name], "")
        note = (
            "" if tight else f"values run together ({row.run!r}); " + (how or "one split possible")
        )
        for col, piece in zip(_COLS, agreed, strict=False):
            if piece is not None:
                out.facts.append(
                    _fact(row.code, row.printed, col, Decimal(piece), row.unit, piece, prov, note)
                )
                taken.setdefault(row.code or "", {})[col] = Decimal(piece)
        if not readings or None in agreed:
            shown = shown_readings(readings)
            out.problems.append(
                Problem(
                    "split.ambiguous" if readings else "split.none",
                    "indicators",
                    f"indicator {row.printed!r}: {row.run!r} splits {len(readings)} ways "
                    f"({shown}); not taken",
                    prov,
                    "fail",
                )
            )
            if readings and row.code:
                item = item_of(row.code)
                out.pending.append(
                    Pending(
                        "indicators",
                        row.code,
                        _COLS,
                        readings,
                        row.unit,
                        item.label if item else row.printed,
                        tuple(COLUMNS.values()),
                        row.printed,
                        prov,
                        row.run,
                    )
                )
        if row.code is None:
            out.problems.append(_unmapped(row.printed, prov))
    return out


_YEAR_IN_CLAUSE = re.compile(r"((?:19|20)\d{2})\s*年")


def _other_year(text: str, start: int, year: int | None) -> bool:
    """Does the clause before ``start`` name a year other than the report's?"""
    if year is None:
        return False
    clause = re.split(r"[。；;]", text[:start])[-1]
    years = [int(y) for y in _YEAR_IN_CLAUSE.findall(clause)]
    return bool(years) and years[-1] != year


def indicators_from_prose(paragraphs: list[Paragraph], year: int | None = None) -> TableMapping:
    """The first plain statement of each indicator in the prose about the report's year (a
    statement whose clause names another year is not one), marked as from the text."""
    out = TableMapping(version="pre-2019")
    found = first_statements(
        paragraphs, PROSE, lambda p, m: not _other_year(p.text, m.start(), year)
    )
    for code, m, p in found:
        raw = "0" if m.group(1) == "未" else m.group(1)
        unit = "条" if code == "proactive_total" else "件"
        out.facts.append(
            _fact(
                code,
                m.group(0),
                "this_year",
                Decimal(raw),
                unit,
                m.group(0),
                p.prov,
                "stated in the text",
                origin="text",
            )
        )
    return out
