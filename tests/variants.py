"""Reports of other bodies and years made from the numbered Word sample: the title, signature
and prose name another body and year, and every number in it is multiplied by one factor (so
every template rule still holds, and the expected values are the hand-checked ones × factor)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import SAMPLES

NUMBERED_DOCX = SAMPLES / "pingchangguan-2023-numbered.docx"
BODY, YEAR = "平昌关镇", "2023"
TITLE = "平昌关镇 2023 年政府信息公开工作年度报告"
NUMBER_CELL = re.compile(r"<w:t>(\d+(?:\.\d+)?)</w:t>")


def _scale(factor: int) -> Callable[[re.Match[str]], str]:
    def scale(m: re.Match[str]) -> str:
        text = m.group(1)
        if "." in text:
            places = len(text.split(".")[1])
            return f"<w:t>{float(text) * factor:.{places}f}</w:t>"
        return f"<w:t>{int(text) * factor}</w:t>"

    return scale


def vary(body: str, year: int, factor: int = 1, title: str | None = None) -> bytes:
    """The numbered sample for ``body`` and ``year``, numbers × ``factor``; ``title`` replaces
    the printed title (e.g. one that starts with the year)."""
    out = io.BytesIO()
    with zipfile.ZipFile(NUMBERED_DOCX) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                xml = NUMBER_CELL.sub(_scale(factor), data.decode("utf-8"))
                if title is not None:
                    xml = xml.replace(f"<w:t>{TITLE}</w:t>", f"<w:t>{title}</w:t>", 1)
                xml = xml.replace(YEAR, str(year)).replace(BODY, body)
                data = xml.encode("utf-8")
            dst.writestr(info, data)
    return out.getvalue()


def write_variant(folder: Path, name: str, *args: Any, **kwargs: Any) -> Path:
    path = folder / name
    path.write_bytes(vary(*args, **kwargs))
    return path
