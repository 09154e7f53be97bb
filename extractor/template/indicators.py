"""Pre-2019 reports: the 政府信息公开情况统计表 (指标名称 · 计量单位 · 本年度 · 历年累计) as a
table ``indicators``, read from a grid or from text that ran it together; and, for reports with
no such table, the few numbers the prose states plainly.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..canonical import Fact, Problem, TableMapping
from ..model import Paragraph, Provenance, Table
from ..numbers import read_number
from .labels import match, squash
from .prose import first_statements
from .schema import Item
from .splits import splits

INDICATORS = (
    Item(
        "proactive_total",
        "主动公开信息数",
        ("主动公开政府信息数", "主动公开文件数", "主动公开信息总数"),
    ),
    Item("proactive_website", "政府网站公开数", ("网站公开", "政府网站公开", "网站公开数")),
    Item("proactive_gazette", "政府公报公开数", ("政府公报公开", "公报公开")),
    Item("proactive_press", "新闻发布会公开数", ("新闻发布会",)),
    Item(
        "requests_total",
        "受理依申请公开信息总数",
        ("受理申请总数", "受理政府信息公开申请总数", "依申请公开信息总数"),
    ),
    Item("requests_in_person", "当面申请数", ("当面申请",)),
    Item("requests_fax", "传真申请数", ("传真申请",)),
    Item("requests_email", "电子邮件申请数", ("电子邮件申请",)),
    Item("requests_online", "网上申请数", ("网上申请", "网络申请数")),
    Item("requests_letter", "信函申请数", ("信函申请",)),
    Item("requests_letter_fax", "信函、传真申请数", ()),
    Item("requests_other", "其它形式申请数", ("其他形式申请数",)),
    Item("replies_total", "对申请的答复数", ("对申请的答复总数", "答复总数")),
    Item("replies_granted", "同意公开答复数", ()),
    Item("replies_partial", "同意部分公开答复数", ("部分公开答复数",)),
    Item(
        "replies_denied",
        "否决公开答复数",
        ("不予公开答复数", "不同意公开答复数", "否决公开答复总数"),
    ),
    Item("replies_other", "其他类型答复数", ()),
    Item("reconsideration", "行政复议数", ()),
    Item("litigation", "行政诉讼数", ()),
    Item("complaints", "行政申诉数", ("接受行政申诉举报数",)),
    Item(
        "fees", "收费及减免金额", ("政府信息公开收费减免金额", "收费减免金额", "依申请公开收费金额")
    ),
)
COLUMNS = {"this_year": "本年度", "cumulative": "历年累计"}
_UNITS = ("万元", "人次", "条", "件", "元", "个", "项", "次")
_LEAD = re.compile(r"^(其中|包括)?[:：]?\s*(\d{1,2}\s*[.．、]|[（(]\d{1,2}[)）])?\s*")


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
    item = next((i for i in INDICATORS if i.code == code), None)
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
    text = squash("".join(c.text for row in table.grid[:3] for c in row))
    return "指标名称" in text or ("计量单位" in text and "累计" in text)


def indicators_from_grid(table: Table) -> TableMapping:
    """A 统计表 grid → indicator facts; the header row tells which column is which."""
    out = TableMapping(version="pre-2019")
    header_row, cols = None, {}
    for r in range(min(3, table.n_rows)):
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
        item = match(label, INDICATORS)
        unit = squash(table.text(r, cols["unit"])) if "unit" in cols else ""
        for col in ("this_year", "cumulative"):
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


_UNIT_RUN = re.compile("(" + "|".join(_UNITS) + r")\s*(\d[\d\s.]*)")


def indicators_from_text(text: str, prov: Provenance) -> TableMapping:
    """A 统计表 run together in text (指标名称 计量单位 本年度 历年累计 主动公开信息数 条 425 1516 …).

    Each indicator is its label, its unit, then its two values. Where spaces were lost the
    two values are cut only when one cut alone is possible (本年度 ≤ 历年累计 applies).
    """
    out = TableMapping(version="pre-2019")
    start = text.find("指标名称")
    if start < 0:
        return out
    m_head = re.search(r"累\s*计", text[start:])
    pos = start + (m_head.end() if m_head else 0)
    expected_enum = 1
    for m in _UNIT_RUN.finditer(text, pos):
        printed = text[pos : m.start()].strip(" ：:")
        pos = m.end()
        label, number = _clean_label(printed)
        if not label or len(label) > 30:
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
        item = match(label, INDICATORS)
        cands = [c for c in splits(run, ["decimal", "decimal"]) if Decimal(c[0]) <= Decimal(c[1])]
        code = item.code if item else None
        if len(cands) == 1:
            note = (
                ""
                if len(run.split()) == 2
                else f"values run together ({run!r}); one split possible"
            )
            for col, piece in zip(("this_year", "cumulative"), cands[0], strict=True):
                out.facts.append(
                    _fact(code, printed, col, Decimal(piece), m.group(1), piece, prov, note)
                )
        else:
            shown = " | ".join("/".join(c) for c in cands[:4])
            out.problems.append(
                Problem(
                    "split.ambiguous" if cands else "split.none",
                    "indicators",
                    f"indicator {printed!r}: {run!r} splits {len(cands)} ways ({shown}); not taken",
                    prov,
                    "fail",
                )
            )
        if item is None:
            out.problems.append(_unmapped(printed, prov))
    return out


# Numbers stated plainly in the prose of reports with no table: (code, pattern).
PROSE = (
    ("proactive_total", re.compile(r"主动公开(?:各类)?(?:政府)?信息\s*(\d+)\s*条")),
    (
        "requests_total",
        re.compile(r"(?:共|累计)?(?:受理|收到)[^。；，,]{0,16}?申请\s*(\d+)\s*(?:件|条|次)"),
    ),
    (
        "requests_total",
        re.compile(r"(未)(?:收到|受理)[^。；]{0,16}?(?:政府信息公开|依申请公开)?申请"),
    ),
    ("reconsideration", re.compile(r"行政复议(?:申请)?\s*(\d+)\s*(?:件|起)")),
    ("litigation", re.compile(r"行政诉讼\s*(\d+)\s*(?:件|起)")),
)


def indicators_from_prose(paragraphs: list[Paragraph]) -> TableMapping:
    """The first plain statement of each common number in the prose, marked as from the text."""
    out = TableMapping(version="pre-2019")
    for code, m, p in first_statements(paragraphs, PROSE):
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
