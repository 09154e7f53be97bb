"""Part files: the rows of one report, kept in ``OUT/.catalog/parts/`` until the final outputs
are assembled.

A part holds the rows of every output table for one report, without the ``source`` column (it is
added when the outputs are assembled, from the first input in the run that has those bytes), so
a part depends only on the content: it is named by its SHA-256 and written atomically.
"""

from __future__ import annotations

import os
import pickle
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PART_SUFFIX = ".part"


@dataclass(frozen=True, slots=True)
class Part:
    """A decoded part: the report's year and its rows per output table (no ``source`` column)."""

    year: int | None
    rows: dict[str, list[tuple[Any, ...]]]


def encode_part(year: int | None, rows: dict[str, list[tuple[Any, ...]]]) -> bytes:
    """A report's year and rows (``source`` column included, left out here) → part bytes."""
    rows = {t: [r[1:] for r in rs] for t, rs in rows.items()}
    return zlib.compress(pickle.dumps((year, rows), protocol=pickle.HIGHEST_PROTOCOL), 1)


def decode_part(data: bytes) -> Part:
    """Part bytes → Part."""
    year, rows = pickle.loads(zlib.decompress(data))
    return Part(year, rows)


def part_path(parts_dir: Path, sha256: str) -> Path:
    """Where the part of one content lives (fanned out over 256 folders)."""
    return parts_dir / sha256[:2] / f"{sha256}{PART_SUFFIX}"


def write_part(path: Path, payload: bytes) -> None:
    """Write a part atomically: a temporary name, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_bytes(payload)
    os.replace(tmp, path)


def read_part(path: Path) -> Part:
    return decode_part(path.read_bytes())
