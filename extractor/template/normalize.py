"""Document-wide text normalisation before mapping: traditional → simplified characters.

Mirror sites publish reports in traditional characters (公開/報告). The labels the template
layer matches are simplified, so such a document is converted, and says so.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..model import Document, Paragraph, Table

_CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters common in these reports that exist only in traditional writing (公開, 報告, 資訊 …).
_TRADITIONAL = re.compile(
    "[開關報與經實對發會據這為個們來時區國學說處條數請務機門網資專權審訊議購費結總統計辦"
    "產業應給當從達運動際點現規劃決類監檢單證級問題職責]"
)
TRADITIONAL_SHARE = 0.03  # of CJK characters
SAMPLE_PARAGRAPHS = 200  # the share is measured on the first paragraphs: a report is one script


@lru_cache(maxsize=1)
def _converter() -> Any:  # an opencc converter: opencc has no type hints
    import opencc

    return opencc.OpenCC("t2s")


def traditional_share(text: str) -> float:
    """Share of CJK characters that are common traditional-only forms (a cheap test; the
    conversion itself runs only on documents that pass it)."""
    if not _TRADITIONAL.search(text):
        return 0.0
    cjk = len(_CJK.findall(text))
    return len(_TRADITIONAL.findall(text)) / cjk if cjk else 0.0


def to_simplified(doc: Document) -> Document:
    """Convert a document written in traditional characters to simplified, in place; a
    simplified document is returned untouched."""
    text = " ".join(p.text for p in doc.paragraphs[:SAMPLE_PARAGRAPHS])
    if traditional_share(text) < TRADITIONAL_SHARE:
        return doc
    convert = _converter().convert
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            block.text = convert(block.text)
        elif isinstance(block, Table):
            for row in block.grid:
                for cell in row:
                    if cell.text:
                        cell.text = convert(cell.text)
    doc.notes.append("converted from traditional to simplified characters")
    return doc
