"""Split a document's paragraphs into the six sections of the 2019/2021 report.

A heading is a short paragraph whose text, after its number, is close to a section title and
whose number (一、 1、 （一）…) is the section's own. Headings must come in order, so the
report's sub-parts ((一)主动公开情况 …) are never taken for sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from ..model import Block, Paragraph, Table
from .labels import parse_label

SECTIONS = (
    ("overview", "一、总体情况", ("总体情况", "概述")),
    ("proactive", "二、主动公开政府信息情况", ("主动公开政府信息情况", "主动公开政府信息")),
    (
        "requests",
        "三、收到和处理政府信息公开申请情况",
        ("收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请"),
    ),
    (
        "appeals",
        "四、政府信息公开行政复议、行政诉讼情况",
        (
            "政府信息公开行政复议行政诉讼情况",
            "因政府信息公开工作被申请行政复议提起行政诉讼情况",
            "政府信息公开行政复议行政诉讼",
        ),
    ),
    (
        "problems",
        "五、存在的主要问题及改进情况",
        ("存在的主要问题及改进情况", "存在的主要问题及改进措施", "存在的主要问题和改进情况"),
    ),
    ("other", "六、其他需要报告的事项", ("其他需要报告的事项",)),
)
MAX_HEADING = 40
MIN_TITLE_SCORE = 0.75
_DATE = re.compile(
    r"^\s*(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(\S{1,3})\s*月\s*(\S{1,3})\s*日\s*$"
)


@dataclass(slots=True)
class Section:
    code: str
    title: str  # as printed
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@lru_cache(maxsize=4096)
def title_score(text: str, index: int) -> float:
    """How well a paragraph reads as the heading of section ``index`` (0-based)."""
    if len(text) > 2 * MAX_HEADING:
        return 0.0
    lab = parse_label(text)
    if len(lab.key) > MAX_HEADING or not lab.key:
        return 0.0
    if lab.number is not None and lab.number != index + 1:
        return 0.0
    forms = (SECTIONS[index][1], *SECTIONS[index][2])
    best = 0.0
    for form in forms:
        fk = parse_label(form).key
        if lab.key == fk:
            return 1.0
        matcher = SequenceMatcher(None, lab.key, fk, autojunk=False)
        if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
            best = max(best, matcher.ratio())
    if lab.number is None:  # an unnumbered heading must match closely
        best -= 0.1
    return best


def blocks_to_sections(blocks: list[Block]) -> tuple[list[Section], list[Paragraph]]:
    """Blocks → the preamble (code ``preamble``) and the sections found, in order; the trailing
    signature lines (issuing body and date) are returned apart."""
    sections = [Section("preamble", "")]
    expected = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            hit = _heading_index(block.text, expected)
            if hit is not None:
                sections.append(Section(SECTIONS[hit][0], block.text))
                expected = hit + 1
                continue
            sections[-1].paragraphs.append(block)
        else:
            sections[-1].tables.append(block)
    signature = _split_signature(sections[-1]) if len(sections) > 1 else []
    return sections, signature


def _heading_index(text: str, expected: int) -> int | None:
    """The section this paragraph heads, looking at the next expected one and (for reports that
    skip a section) the one after."""
    for index in range(expected, min(expected + 2, len(SECTIONS))):
        if title_score(text, index) >= MIN_TITLE_SCORE:
            return index
    return None


def _split_signature(last: Section) -> list[Paragraph]:
    """Take the signature block (body, date) off the end of the last section."""
    paras = last.paragraphs
    if not paras or not _DATE.match(paras[-1].text):
        return []
    take = 1
    if len(paras) >= 2 and _looks_like_body(paras[-2].text):
        take = 2
    signature = paras[-take:]
    del paras[-take:]
    return signature


def _looks_like_body(text: str) -> bool:
    t = text.strip()
    return 2 <= len(t) <= 40 and not re.search(r"[，。；：,;:]", t)
