"""Part files: what a run keeps of one report, in ``OUT/.catalog/parts/``, until the outputs are
assembled (and for later runs into the same folder, which skip what is done).

A part holds the report's year, what the compare table keeps of it (``analysis.collect.Entry``),
the values the year-over-year rule reads, and its rows of every output table, compressed apart:
a run that writes only CSV files, given the CSV text by the worker, never decodes the rows. No
part holds its ``source`` (it is added when the outputs are assembled, from the first input in
the run that has those bytes), so a part depends only on the content: it is named by its SHA-256
and written atomically.
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

PART_SUFFIX = ".part"
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


def part_shape() -> list[str]:
    """What a part's layout depends on besides the output tables (for ``made_with``)."""
    return [f.name for f in dataclasses.fields(Entry)]


def part_path(parts_dir: Path, sha256: str) -> Path:
    """Where the part of one content lives (fanned out over 256 folders)."""
    return parts_dir / sha256[:2] / f"{sha256}{PART_SUFFIX}"


def write_part(path: Path, payload: bytes) -> None:
    """Write a part atomically: a temporary name, then a rename (its folder made when
    missing)."""
    tmp = f"{path.parent}/.{path.name}.tmp{os.getpid()}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    try:
        fd = os.open(tmp, flags, 0o644)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, flags, 0o644)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
    os.replace(tmp, path)


def read_part(path: Path) -> Part:
    return decode_part(path.read_bytes())
