"""Plain text as published on web pages: paragraphs a line each, table rows as tab-separated
lines."""

from __future__ import annotations

from ..errors import EmptyFile, UnreadableFile
from ..model import Block, Document, Paragraph, Provenance, Table, grid_from_spans
from ..textutil import clean_inline, fix_lookalikes, strip_markup

_ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")


def decode_text(data: bytes, source: str) -> str:
    """Bytes → str, trying UTF-8, then GB18030 (a superset of GBK/GB2312), then UTF-16."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for enc in _ENCODINGS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("not valid UTF-8, GB18030 or UTF-16 text")


def rows_to_table(rows: list[tuple[int, list[str]]], index: int) -> Table:
    """Tab-split lines (line number, cells) → a table; short rows are padded with empty cells."""
    width = max(len(cells) for _, cells in rows)
    spans = [
        (r, c, 1, 1, clean_inline(text), Provenance(line=line_no, table=index, row=r, col=c))
        for r, (line_no, cells) in enumerate(rows)
        for c, text in enumerate(cells)
    ]
    grid = grid_from_spans(spans, len(rows), width)
    return Table(grid, Provenance(line=rows[0][0], table=index), index)


def text_to_blocks(text: str) -> list[Block]:
    """Lines → paragraphs and tables (runs of lines holding a tab)."""
    blocks: list[Block] = []
    pending: list[tuple[int, list[str]]] = []
    n_tables = 0

    def flush() -> None:
        nonlocal pending, n_tables
        if pending:
            blocks.append(rows_to_table(pending, n_tables))
            n_tables += 1
            pending = []

    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = fix_lookalikes(strip_markup(raw.rstrip("\r\n")))
        if "\t" in line:
            pending.append((line_no, line.split("\t")))
            continue
        if not line.strip():
            continue
        flush()
        blocks.append(Paragraph(clean_inline(line), Provenance(line=line_no)))
    flush()
    return blocks


def read_text(data: bytes, source: str) -> Document:
    """Text file bytes → Document."""
    text = decode_text(data, source)
    if not text.strip():
        raise EmptyFile("the file holds no text")
    return Document(source=source, blocks=text_to_blocks(text), format="text")
