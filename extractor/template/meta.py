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
_TITLE_WORDS = ("年度报告", "工作报告", "年报")
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


def find_title(preamble: list[Paragraph]) -> str:
    """The report's title: the first paragraph naming a yearly report, with the line before it
    when the title starts with the year (body and title set on two lines)."""
    for i, p in enumerate(preamble[:8]):
        t = re.sub(r"\s+", "", p.text)
        if any(w in t for w in _TITLE_WORDS) and len(t) <= 60:
            if _YEAR.match(t) and i > 0 and len(preamble[i - 1].text) <= 30:
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
