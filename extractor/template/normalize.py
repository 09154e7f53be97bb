"""Document-wide text normalisation before mapping: traditional → simplified characters.

Mirror sites publish reports in traditional characters (公開/報告). The labels the template
layer matches are simplified, so such a document is converted, and says so.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Document, Paragraph, Table

_CJK = re.compile(r"[\u4e00-\u9fff]")
TRADITIONAL_SHARE = 0.03  # of CJK characters that a t2s conversion changes


@lru_cache(maxsize=1)
def _converter():  # noqa: ANN202 - opencc has no type hints
    import opencc

    return opencc.OpenCC("t2s")


def traditional_share(text: str) -> float:
    """Share of CJK characters that change when converted to simplified."""
    cjk = _CJK.findall(text)
    if not cjk:
        return 0.0
    sample = "".join(cjk[:4000])
    converted = _converter().convert(sample)
    return sum(a != b for a, b in zip(sample, converted, strict=False)) / len(sample)


def to_simplified(doc: Document) -> Document:
    """Convert a document written in traditional characters to simplified, in place; a
    simplified document is returned untouched."""
    text = " ".join(p.text for p in doc.paragraphs[:200])
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
