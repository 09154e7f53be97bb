"""Report metadata from the text: title, issuing body, report year, signing date."""

from __future__ import annotations

import re
from datetime import date

from ..model import Paragraph

_CN_YEAR_DIGITS = {
    "〇": "0",
    "○": "0",
    "零": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
_YEAR = re.compile(r"((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*度?")
_TITLE_WORDS = ("年度报告", "工作报告", "年报")  # a title names a yearly report by one of these
TITLE_LINES = 12  # the title is among the preamble's first paragraphs (after a crawler's header)
MAX_TITLE = 60  # a report's title is one line this short: longer is prose
MAX_BODY_LINE = 30  # the body's name set on the line above a title that starts with the year
HEADER_LINES = 15  # a crawler's key: value header sits in the first paragraphs
_HEADER_KEY = re.compile(r"^\s*标题\s*[:：]\s*")
_DATE = re.compile(
    r"((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)


def _cn_year(text: str) -> int:
    return int("".join(_CN_YEAR_DIGITS.get(ch, ch) for ch in text))


def _cn_small(text: str) -> int:
    if text.isdigit():
        return int(text)
    from .labels import cn_number

    return cn_number(text) or 0


def names_yearly_report(text: str) -> bool:
    """Does the text name a yearly report (年度报告, 工作报告, 年报), as a title does?"""
    return any(w in text for w in _TITLE_WORDS)


def find_title(preamble: list[Paragraph]) -> str:
    """The report's title: the first paragraph naming a yearly report, with the line before it
    when the title starts with the year (body and title set on two lines)."""
    for i, p in enumerate(preamble[:TITLE_LINES]):
        t = re.sub(r"\s+", "", _HEADER_KEY.sub("", p.text))
        if names_yearly_report(t) and len(t) <= MAX_TITLE:
            if _YEAR.match(t) and i > 0 and len(preamble[i - 1].text) <= MAX_BODY_LINE:
                return re.sub(r"\s+", "", preamble[i - 1].text) + t
            return t
    return ""


def body_from_title(title: str) -> str:
    """The issuing body: the title's text before the year."""
    m = _YEAR.search(title)
    if not m:
        return ""
    return title[: m.start()].strip(" 　:：")


def year_from_title(title: str) -> int | None:
    m = _YEAR.search(title)
    return _cn_year(m.group(1)) if m else None


def signing_date(signature: list[Paragraph]) -> date | None:
    for p in reversed(signature):
        m = _DATE.search(p.text)
        if m:
            try:
                return date(_cn_year(m.group(1)), _cn_small(m.group(2)), _cn_small(m.group(3)))
            except ValueError:
                return None
    return None


def signature_body(signature: list[Paragraph]) -> str:
    for p in signature:
        if not _DATE.search(p.text):
            return p.text.strip()
    return ""


_HEADER = re.compile(
    r"^\s*(标题|发布时间|发布日期|发布机构|来源|原文链接|文号|栏目)\s*[:：]\s*(.*)$"
)


def crawl_header(preamble: list[Paragraph]) -> dict[str, str]:
    """``key: value`` lines a web crawler put before the page text (标题, 发布时间, 发布机构 …)."""
    out: dict[str, str] = {}
    for p in preamble[:HEADER_LINES]:
        m = _HEADER.match(p.text)
        if m and m.group(2).strip():
            out.setdefault(m.group(1), m.group(2).strip())
    return out


def published_date(header: dict[str, str]) -> date | None:
    """The publishing date a crawled page header gives (发布时间: 2022-02-08 16:34)."""
    raw = header.get("发布时间") or header.get("发布日期") or ""
    m = re.match(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", raw)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
