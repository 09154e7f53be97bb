"""DOCX: paragraphs and tables in document order, table grids read from the XML.

python-docx's ``row.cells`` repeats a merged cell at every position it covers, so the grid is
built from ``w:gridSpan``, ``w:vMerge`` and ``w:gridBefore`` directly.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.oxml.ns import qn
from lxml import etree

from ..errors import EmptyFile, EncryptedFile, UnreadableFile
from ..model import Block, Document, Paragraph, Provenance, Table, grid_from_spans
from ..textutil import clean_inline, fix_lookalikes
from .formats import ENCRYPTED_OOXML, OLE_MAGIC

_P, _TBL, _TR, _TC, _SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")


def paragraph_text(p: etree._Element) -> str:
    """Text of a w:p: runs, tabs as a space, breaks as newlines; deleted text skipped."""
    parts: list[str] = []
    for el in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:delText")):
        if el.tag == qn("w:t"):
            parts.append(el.text or "")
        elif el.tag == qn("w:tab"):
            parts.append(" ")
        elif el.tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
    return fix_lookalikes("".join(parts))


def cell_text(tc: etree._Element) -> str:
    """Text of a w:tc: its paragraphs (and any nested table's) joined by newlines."""
    lines = [paragraph_text(p) for p in tc.iter(_P)]
    return "\n".join(clean_inline(line) for line in lines if line.strip())


def _int_attr(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(qn("w:val")))
    except (TypeError, ValueError):
        return default


def table_to_grid(tbl: etree._Element, index: int) -> Table:
    """A w:tbl → Table with merges resolved (gridSpan across, vMerge down)."""
    raw_rows: list[list[tuple[int, int, str | None, str]]] = []  # (col, span, vmerge, text)
    for tr in tbl.iterchildren(_TR):
        trpr = tr.find(qn("w:trPr"))
        col = _int_attr(trpr.find(qn("w:gridBefore")) if trpr is not None else None, 0)
        cells = []
        for tc in tr.iterchildren(_TC):
            tcpr = tc.find(qn("w:tcPr"))
            span = _int_attr(tcpr.find(qn("w:gridSpan")) if tcpr is not None else None, 1)
            vm_el = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
            vmerge = None if vm_el is None else (vm_el.get(qn("w:val")) or "continue")
            cells.append((col, span, vmerge, cell_text(tc)))
            col += span
        raw_rows.append(cells)
    n_rows = len(raw_rows)
    n_cols = max((c + s for row in raw_rows for c, s, _, _ in row), default=0)
    spans = []
    for r, row in enumerate(raw_rows):
        for c, span, vmerge, text in row:
            if vmerge == "continue":
                continue
            rowspan = 1
            if vmerge == "restart":
                while r + rowspan < n_rows and any(
                    cc == c and vm == "continue" for cc, _, vm, _ in raw_rows[r + rowspan]
                ):
                    rowspan += 1
            spans.append((r, c, rowspan, span, text, Provenance(table=index, row=r, col=c)))
    return Table(grid_from_spans(spans, n_rows, n_cols), Provenance(table=index), index)


def body_to_blocks(body: etree._Element) -> list[Block]:
    """Walk the body (and content controls) in order into paragraphs and tables."""
    blocks: list[Block] = []
    counters = {"para": 0, "table": 0}

    def walk(parent: etree._Element) -> None:
        for el in parent.iterchildren():
            if el.tag == _P:
                text = paragraph_text(el)
                for line in text.split("\n"):
                    if line.strip():
                        blocks.append(
                            Paragraph(clean_inline(line), Provenance(para=counters["para"]))
                        )
                counters["para"] += 1
            elif el.tag == _TBL:
                blocks.append(table_to_grid(el, counters["table"]))
                counters["table"] += 1
            elif el.tag == _SDT:
                content = el.find(qn("w:sdtContent"))
                if content is not None:
                    walk(content)

    walk(body)
    return blocks


def page_count(data: bytes) -> int | None:
    """Pages as the saving application recorded them in docProps/app.xml, if it did."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("docProps/app.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile):
        return None
    m = re.search(r"<Pages>(\d+)</Pages>", xml)
    return int(m.group(1)) if m else None


def read_docx(data: bytes, source: str) -> Document:
    """DOCX bytes → Document."""
    if not data:
        raise EmptyFile("the file is empty")
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_OOXML in data:
            raise EncryptedFile("the document is password-protected (encrypted)")
        raise UnreadableFile("this is a legacy Word 97-2003 file, not DOCX")
    try:
        document = docx.Document(io.BytesIO(data))
    except MemoryError:
        raise
    except Exception as exc:  # python-docx raises several types for broken packages
        raise UnreadableFile(f"not a readable DOCX ({type(exc).__name__})") from exc
    blocks = body_to_blocks(document.element.body)
    return Document(source=source, blocks=blocks, format="docx", pages=page_count(data))
