"""Paths given on the command line or to the API → input items (a source name and its bytes).

Folders are walked recursively for supported files, in a stable order. A file named directly is
always yielded, so a bad one fails later with its reason instead of vanishing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

SUPPORTED = (".pdf", ".docx", ".txt")


@dataclass(frozen=True, slots=True)
class InputItem:
    """One report to extract: ``source`` names it (a path, or ``archive.zip!member/path``) and
    ``read()`` returns its bytes."""

    source: str
    read: Callable[[], bytes]
    size: int | None = None


def _file_item(path: Path) -> InputItem:
    try:
        size = path.stat().st_size
    except OSError:
        size = None
    return InputItem(str(path), path.read_bytes, size)


def _wanted(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED and not path.name.startswith(("~$", "."))


def iter_inputs(paths: list[str | Path]) -> Iterator[InputItem]:
    """Files and folders → input items."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _wanted(child):
                    yield _file_item(child)
        else:
            yield _file_item(path)
