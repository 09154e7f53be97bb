"""overview.html (placeholder until written)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_overview(path: Path, records: list[dict[str, Any]]) -> Path:
    raise NotImplementedError
