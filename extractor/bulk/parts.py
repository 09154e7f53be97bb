"""Parts: what a run keeps of one report, in ``OUT/.catalog/parts.pack``, until the outputs are
assembled (and for later runs into the same folder, which skip what is done).

A part holds the report's year, what the compare table keeps of it (``analysis.collect.Entry``),
the values the year-over-year rule reads, and its rows of every output table, compressed apart:
a run that writes only CSV files, given the CSV text by the worker, never decodes the rows. No
part holds its ``source`` (it is added when the outputs are assembled, from the first input in
the run that has those bytes, with the suffix that names a compilation's report), so a part
depends only on the content. The pack keeps, for each file's bytes, the parts of the reports in
it, one for most files, one per report for a compilation (``encode_parts``); the catalog finds
them by the file's SHA-256.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis.collect import Entry, summarize
from ..columns import SOURCE, Row
from ..export import year_fields

Rows = dict[str, list[Row]]


@dataclass(frozen=True, slots=True)
class Part:
    """A decoded part; ``rows()`` decodes its rows (no ``source`` column) when first asked."""

    year: int | None
    entry: Entry  # what compare keeps of the report
    years: dict[str, Any]  # what the year-over-year rule reads, but its source
    packed: bytes  # the rows, compressed
    _rows: list[Rows] = field(default_factory=list)

    def rows(self) -> Rows:
        if not self._rows:
            self._rows.append(pickle.loads(zlib.decompress(self.packed)))
        return self._rows[0]


def encode_part(rows: Rows) -> bytes:
    """A report's output rows (``export.report_to_rows``, ``source`` first) → part bytes."""
    report = rows["reports"][0]
    years = {k: v for k, v in year_fields(report).items() if k != SOURCE}
    year = years.get("year")
    summary = summarize(rows)
    entry = {f.name: getattr(summary, f.name) for f in dataclasses.fields(Entry)}
    bare = {t: [r[1:] for r in rs] for t, rs in rows.items()}
    packed = zlib.compress(pickle.dumps(bare, protocol=pickle.HIGHEST_PROTOCOL), 1)
    return pickle.dumps((year, entry, years, packed), protocol=pickle.HIGHEST_PROTOCOL)


def decode_part(data: bytes) -> Part:
    """Part bytes → Part (the rows stay packed)."""
    year, entry, years, packed = pickle.loads(data)
    return Part(year, Entry(**entry), years, packed)


def encode_parts(reports: list[tuple[str, Rows]]) -> bytes:
    """The reports of one file, each with what its source adds to the file's name ('' for a
    file of one report; ``#pages=5-9``, ``#blocks=27-54`` for each of a compilation's) and its
    output rows → the bytes the pack keeps for the file."""
    parts = [(suffix, encode_part(rows)) for suffix, rows in reports]
    return pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)


def decode_parts(data: bytes) -> list[tuple[str, Part]]:
    """The bytes kept for a file → its reports' (source suffix, Part), in the file's order."""
    return [(suffix, decode_part(part)) for suffix, part in pickle.loads(data)]


PARTS_LAYOUT = "reports of a file"  # what a file's bytes in the pack hold (``encode_parts``)


def part_shape() -> list[str]:
    """What a part's layout depends on besides the output tables (for ``made_with``)."""
    return [PARTS_LAYOUT, *(f.name for f in dataclasses.fields(Entry))]


class Pack:
    """The parts of an output folder, one after another in one file (``.catalog/parts.pack``):
    appending is one write, where a file a part costs a create and a rename (a third of a
    millisecond each, on the run's one busy process). A part is appended, then recorded in the
    catalog with its offset and size: a run killed mid-write leaves a tail no entry names, and
    the next run appends after it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
        self.end = os.fstat(self.fd).st_size

    def append(self, payload: bytes) -> int:
        """Write a part at the end → its offset."""
        offset = self.end
        view = memoryview(payload)
        while view:
            view = view[os.write(self.fd, view) :]
        self.end += len(payload)
        return offset

    def holds(self, offset: int, size: int) -> bool:
        return offset + size <= self.end

    def read(self, offset: int, size: int) -> list[tuple[str, Part]]:
        """The parts of the file kept at ``offset`` (``decode_parts``); EOFError when the pack
        is shorter, a decoding error when it holds no parts there."""
        data = os.pread(self.fd, size, offset)
        if len(data) != size:
            raise EOFError(f"{self.path} ends before the part at {offset}")
        return decode_parts(data)

    def close(self) -> None:
        os.close(self.fd)
