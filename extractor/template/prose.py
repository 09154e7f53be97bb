"""Numbers a 2019/2021 report's prose states about its own tables (本年度共收到70件申请,
1件结转下年度继续办理), as facts marked as coming from the text, for the cross-checks."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar

from ..canonical import Fact
from ..model import Paragraph
from . import schema

K = TypeVar("K")

_NORMATIVE = "(?:行政)?规范性文件"
_THIS_YEAR = r"(?:本年度?|全年|今年|\d{4}年度?)"


def _table1_patterns(row: str, noun: str) -> list[tuple[tuple[str, str, str], re.Pattern[str]]]:
    """Table 1's document counts as the prose states them (现行有效行政规范性文件698件,
    本年度制发的规范性文件88件, 废止规章2件)."""
    return [
        (
            ("proactive", row, "in_force"),
            re.compile(rf"现行有效(?:的)?{noun}(?:共)?\s*(\d+)\s*件"),
        ),
        (
            ("proactive", row, "issued"),
            re.compile(rf"{_THIS_YEAR}[^。；\d]{{0,8}}?制发(?:的)?{noun}(?:共)?\s*(\d+)\s*件"),
        ),
        (
            ("proactive", row, "repealed"),
            re.compile(rf"{_THIS_YEAR}[^。；\d]{{0,8}}?废止(?:的)?{noun}(?:共)?\s*(\d+)\s*件"),
        ),
    ]


PATTERNS = (
    (
        ("requests", "new", "total"),
        re.compile(
            r"(?:本年度?|全年|今年)[^。；\d]{0,12}?(?:新收|收到|受理)(?:到)?[^。；\d]{0,8}?(\d+)\s*件"
            r"(?:政府信息公开|依申请公开)?申请"
        ),
    ),
    (
        ("requests", "new", "total"),
        re.compile(r"新收(?:到)?(?:政府信息公开|依申请公开)?申请\s*(\d+)\s*件"),
    ),
    (
        ("requests", "carried_over", "total"),
        re.compile(r"上年(?:度)?结转(?:政府信息公开)?(?:申请)?\s*(\d+)\s*件"),
    ),
    (
        ("requests", "carried_forward", "total"),
        re.compile(r"(\d+)\s*件(?:申请)?结转(?:至|到)?下(?:一)?年度"),
    ),
    (
        ("requests", "carried_forward", "total"),
        re.compile(r"结转(?:至|到)?下(?:一)?年度(?:继续办理)?\s*(\d+)\s*件"),
    ),
    *(
        pattern
        for row, noun in (("normative_documents", _NORMATIVE), ("regulations", "规章"))
        for pattern in _table1_patterns(row, noun)
    ),
)


def first_statements(
    paragraphs: list[Paragraph],
    patterns: Sequence[tuple[K, re.Pattern[str]]],
    accept: Callable[[Paragraph, re.Match[str]], bool] | None = None,
) -> list[tuple[K, re.Match[str], Paragraph]]:
    """For each key, the first match of one of its patterns in text order (among those
    ``accept`` takes)."""
    out = []
    seen: set[K] = set()
    for p in paragraphs:
        for key, pattern in patterns:
            if key in seen:
                continue
            for m in pattern.finditer(p.text):
                if accept is None or accept(p, m):
                    seen.add(key)
                    out.append((key, m, p))
                    break
    return out


def facts_from_prose(paragraphs: list[Paragraph]) -> list[Fact]:
    """The first statement of each number in the prose (tables are not prose: run-together
    table text never ends a number with 件)."""
    return [
        Fact(
            table=table,
            row=row,
            column=col,
            value=Decimal(m.group(1)),
            unit="件",
            raw=m.group(0),
            blank=False,
            row_label=schema.label_of(table, "row", row),
            column_label=schema.label_of(table, "column", col),
            printed_row=m.group(0),
            printed_column="",
            prov=p.prov,
            note="stated in the text",
            origin="text",
        )
        # every pattern ends with 件: a paragraph without it states none (and costs no search)
        for (table, row, col), m, p in first_statements(
            [p for p in paragraphs if "件" in p.text], PATTERNS
        )
    ]
