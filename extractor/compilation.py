"""One file, many reports: a compilation (汇编) split into one document per report.

A report starts at its title (a short line naming a yearly report and its year) when section
一 follows before the next title; a title seen again (a running page header) or a title with
no section 一 after it (a table of contents) starts nothing. Each part keeps its blocks and is
named after the file plus its pages (``file.pdf#pages=5-9``) or its blocks (``#blocks=120-241``).

A document (or part) holding more than one set of template tables that no title separates,
such as two years' tables for one body printed one after the other for comparison, is refused:
its values could not be told apart, and one mixed record would be wrong.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .errors import NotAReport
from .model import Block, Document, Paragraph, Table
from .template.labels import squash
from .template.meta import MAX_BODY_LINE, MAX_TITLE, names_yearly_report, year_from_title
from .template.sections import heading_number

SEVERAL_SETS = "several reports' tables, no way to tell them apart"
YEAR_AT_START = 6  # a title that starts with its year has it in these characters (二〇二三年)
# what each template table holds once near its top: every group of words must be there (one
# of each group), so that boxed prose mentioning 行政复议 is no table
_ANCHORS = {
    "requests": (("本年新收",), ("自然人", "上年结转", "申请人")),
    "appeals": (("复议",), ("维持", "纠正", "审结")),
    "proactive": (("规章",), ("制发", "新制作", "第二十条", "信息内容")),
}
ANCHOR_ROWS = 4  # the header and first rows, where a table's anchor words sit
MIN_COLS = 3  # the template tables have at least this many columns
_DATE_LINE = re.compile(r"^\s*\S{4}\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日\s*$")


def is_title(text: str) -> bool:
    """A paragraph that reads as a report's title: short, no sentence punctuation, naming a
    yearly report and a year."""
    if len(text) > 3 * MAX_TITLE or "报" not in text:  # prose, or no 报告/年报: not a title
        return False
    t = squash(text)
    return (
        len(t) <= MAX_TITLE
        and names_yearly_report(t)
        and year_from_title(t) is not None
        and not re.search(r"[，。；：,;:]", t)
    )


def _opens_section_one(blocks: list[Block]) -> bool:
    """Does section 一 (一、/1、/（一）… numbered 1) head one of these blocks?"""
    for b in blocks:
        if isinstance(b, Paragraph) and len(b.text) <= 2 * MAX_TITLE:
            style, number, title = heading_number(b.text)
            if style is not None and number == 1 and title:
                return True
        elif isinstance(b, Paragraph) and re.search(r"一\s*、\s*(总体情况|概述)", b.text):
            return True  # a crawled page: the whole report on one line
    return False


def report_starts(blocks: list[Block]) -> list[int]:
    """Indexes of the blocks that start a report (a title, or the body line above it)."""
    title_text = {
        i: b.text for i, b in enumerate(blocks) if isinstance(b, Paragraph) and is_title(b.text)
    }
    titles = list(title_text)
    starts: list[int] = []
    seen: set[str] = set()
    for k, i in enumerate(titles):
        key = squash(title_text[i])
        nxt = titles[k + 1] if k + 1 < len(titles) else len(blocks)
        if key in seen or not _opens_section_one(blocks[i + 1 : nxt]):
            continue
        seen.add(key)
        start = i
        prev = blocks[i - 1] if i > 0 else None
        if (
            year_from_title(key[:YEAR_AT_START]) is not None
            and isinstance(prev, Paragraph)
            and len(prev.text.strip()) <= MAX_BODY_LINE
            and not _DATE_LINE.match(prev.text)
            and (not starts or i - 1 > starts[-1])
        ):
            start = i - 1
        starts.append(start)
    return starts


def _pages(blocks: list[Block]) -> list[int]:
    out: set[int] = set()
    for b in blocks:
        if isinstance(b, Paragraph):
            if b.prov.page is not None:
                out.add(b.prov.page)
        else:
            out.update(b.pages)
    return sorted(out)


def part_source(source: str, blocks: list[Block], first: int) -> str:
    """``file#pages=a-b`` for paged documents, else ``file#blocks=a-b`` (1-based)."""
    pages = _pages(blocks)
    if pages:
        return f"{source}#pages={pages[0]}-{pages[-1]}"
    return f"{source}#blocks={first + 1}-{first + len(blocks)}"


def split_document(doc: Document) -> list[Document]:
    """A document → one document per report it holds (itself when it holds one). The blocks
    before the first report (a cover, a table of contents) belong to none."""
    starts = report_starts(doc.blocks)
    if len(starts) < 2:
        return [doc]
    bounds = [*starts, len(doc.blocks)]
    out: list[Document] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        blocks = doc.blocks[a:b]
        pages = _pages(blocks)
        out.append(
            replace(
                doc,
                source=part_source(doc.source, blocks, a),
                blocks=blocks,
                pages=len(pages) if pages else doc.pages,
                notes=[*doc.notes, f"report {len(out) + 1} of {len(starts)} in the file"],
            )
        )
    return out


def table_sets(tables: list[Table]) -> int:
    """How many sets of the template tables a document holds: the most times one table's
    anchor (本年新收, 复议, 规章) starts a table."""
    counts = dict.fromkeys(_ANCHORS, 0)
    for t in tables:
        if t.n_cols < MIN_COLS:
            continue
        rows = t.grid[:ANCHOR_ROWS]
        text = squash("".join(c.text for row in rows for c in row if not c.covered))
        for kind, groups in _ANCHORS.items():
            if all(any(w in text for w in group) for group in groups):
                counts[kind] += 1
    return max(counts.values(), default=0)


def refuse_several_sets(doc: Document) -> None:
    """NotAReport when one report's document holds several sets of the template tables."""
    n = table_sets(doc.tables)
    if n > 1:
        raise NotAReport(f"{SEVERAL_SETS} ({n} sets of the template tables, one title)")
