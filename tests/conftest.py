from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def hongze_path() -> Path:
    return DATA / "hongze-2024.pdf"
