"""The numbers a report's prose states about its own tables (template/prose.py)."""

from __future__ import annotations

from extractor.model import Paragraph
from extractor.template.prose import PATTERNS, facts_from_prose


def test_every_statement_pattern_ends_in_jian():
    """facts_from_prose searches only paragraphs holding 件: a pattern without it would never
    be tried."""
    assert all("件" in pattern.pattern for _, pattern in PATTERNS)


def test_statements_are_read_and_paragraphs_without_jian_skipped():
    paragraphs = [
        Paragraph("本年度共收到70件政府信息公开申请，1件结转下年度继续办理。"),
        Paragraph("现行有效规范性文件698条。"),  # counted in 条: no statement in 件
        Paragraph("本年度制发的规范性文件88件。"),
        Paragraph("本年度废止规章2件。"),
    ]
    got = {(f.table, f.row, f.column): f.value for f in facts_from_prose(paragraphs)}
    assert got == {
        ("requests", "new", "total"): 70,
        ("requests", "carried_forward", "total"): 1,
        ("proactive", "normative_documents", "issued"): 88,
        ("proactive", "regulations", "repealed"): 2,
    }
