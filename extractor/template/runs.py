"""Labels and the digit runs after them, in text that ran a table's cells together.

A label is found in order with any whitespace between its characters (and its enumerator when
asked); the digits between it and the next label are its row's cells, run together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .labels import parse_label

_RUN = re.compile(r"[-\d][\d\s.,\-]*")
_UNIT = re.compile(r"\s*(万元|元)")
_CN = "〇一二三四五六七八九十"
LAST_RUN_WINDOW = 200  # the last label's digit run is looked for this far after it


@dataclass(frozen=True, slots=True)
class Found:
    """A label found in the text and the run of digits that follows it."""

    code: str
    start: int
    end: int
    run: str
    unit: str = ""


def _char_pattern(ch: str) -> str:
    if ch in "“”\"'‘’":
        return "[“”\"'‘’]?"
    if ch in "（(":
        return "[（(]"
    if ch in "）)":
        return "[）)]"
    if ch in "、，,":
        return "[、，,]?"
    return re.escape(ch)


def label_pattern(label: str, enumerator: bool) -> re.Pattern[str]:
    """A regex finding a label in flattened text: any whitespace between characters; the
    enumerator (1. / （一） / 一、) required when ``enumerator``."""
    lab = parse_label(label)
    body = label
    m = re.match(
        r"^\s*(\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)",
        label,
    )
    if m:
        body = label[m.end() :]
    chars = r"\s*".join(_char_pattern(ch) for ch in body if not ch.isspace())
    prefix = ""
    if enumerator and lab.number is not None:
        n = lab.number
        cn = "十" if n == 10 else _CN[n]
        prefix = {
            "item": rf"{n}\s*[.．、]\s*",
            "group": rf"[（(]\s*{cn}\s*[)）]\s*",
            "top": rf"{cn}\s*[、.．]\s*",
        }[lab.kind or "item"]
    return re.compile(prefix + chars)


def run_after(text: str, pos: int, limit: int) -> tuple[str, str]:
    """The digit run (and a unit written after it) starting at the first digit after ``pos``
    before ``limit``; the enumerator of the next label is not part of it."""
    segment = text[pos:limit]
    m = re.search(r"[-\d]", segment)
    if not m:
        return "", ""
    run_m = _RUN.match(segment, m.start())
    run = run_m.group() if run_m else ""
    tail = segment[run_m.end() :] if run_m else ""
    unit_m = _UNIT.match(tail)
    unit = unit_m.group(1) if unit_m else ""
    return run.strip(" ,"), unit


def find_rows(text: str, rows: Sequence[tuple[str, str, bool]], start: int = 0) -> list[Found]:
    """Labels (code, label, enumerator required) found in order from ``start``, each with the
    digit run before the next label."""
    hits: list[tuple[str, int, int]] = []
    pos = start
    for code, label, enum in rows:
        m = label_pattern(label, enum).search(text, pos)
        if m is None:
            continue
        hits.append((code, m.start(), m.end()))
        pos = m.end()
    out = []
    for i, (code, s, e) in enumerate(hits):
        limit = hits[i + 1][1] if i + 1 < len(hits) else min(len(text), e + LAST_RUN_WINDOW)
        run, unit = run_after(text, e, limit)
        out.append(Found(code, s, e, run, unit))
    return out
