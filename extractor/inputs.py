"""Paths given on the command line or to the API → (source name, bytes loader) pairs.

Folders are walked recursively for supported files, in a stable order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

SUPPORTED = (".pdf", ".docx", ".txt")


def iter_inputs(paths: list[str | Path]) -> Iterator[Path]:
    """Files named directly are yielded as they are (a bad one fails later with its reason);
    folders yield their supported files, sorted."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in SUPPORTED
                    and not child.name.startswith(("~$", "."))
                ):
                    yield child
        else:
            yield path
