"""Digit runs whose cell boundaries were lost → the splits the template's rules allow.

Text saved from web pages often runs a table row's cells together (行政规范性文件693665 is
69, 3, 665). A run can be cut into the row's cells in many ways; these functions list the ways
that are valid numbers and, where the template has a sum rule, satisfy it. Whitespace inside a
run is a boundary that every split keeps.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from itertools import product

_INT = re.compile(r"0|[1-9]\d*")
_SIGNED = re.compile(r"-?(0|[1-9]\d*)")
_DECIMAL = re.compile(r"-?(0|[1-9]\d*)(\.\d+)?")
MAX_COMBINATIONS = 200_000  # rows' splits combined past this are not narrowed (too slow to try)
SHOWN_READINGS = 4  # a problem's detail shows this many of a run's candidate splits


def shown_readings(readings: Sequence[Sequence[str]]) -> str:
    """The first candidate splits of a run, for a problem's detail: ``69/3/665 | 6/93/665``."""
    return " | ".join("/".join(c) for c in readings[:SHOWN_READINGS])


def tokens_of(run: str) -> list[str]:
    """A run of printed digits → its whitespace-separated tokens."""
    return run.split()


_PATTERNS = {"int": _INT, "signed": _SIGNED, "decimal": _DECIMAL}


def _token_splits(token: str, kinds: Sequence[str]) -> Iterator[list[str]]:
    """Ways to cut one token into len(kinds) numbers, each valid for its kind ('int',
    'signed' — may be negative — or 'decimal')."""
    if len(kinds) == 1:
        if _PATTERNS[kinds[0]].fullmatch(token):
            yield [token]
        return
    for cut in range(1, len(token)):
        head = token[:cut]
        if token[cut] == "." or not _PATTERNS[kinds[0]].fullmatch(head):
            continue
        for rest in _token_splits(token[cut:], kinds[1:]):
            yield [head, *rest]


def splits(run: str, kinds: Sequence[str], limit: int | None = None) -> list[list[str]]:
    """Every way to read ``run`` as one number per kind (whitespace kept as boundaries), up to
    ``limit`` ways."""
    toks = tokens_of(run)
    k = len(kinds)
    out: list[list[str]] = []

    def walk(i: int, used: int, acc: list[str]) -> bool:
        if i == len(toks):
            if used == k:
                out.append(list(acc))
                return limit is not None and len(out) >= limit
            return False
        remaining = len(toks) - i - 1
        for n in range(1, k - used - remaining + 1):
            for pieces in _token_splits(toks[i], kinds[used : used + n]):
                if walk(i + 1, used + n, acc + pieces):
                    return True
        return False

    if toks and len(toks) <= k:
        walk(0, 0, [])
    return out


def row_total_splits(run: str, k: int) -> list[list[str]]:
    """Splits of a row whose last cell is the sum of the others (总计 = the applicant columns)."""
    return [s for s in splits(run, ["int"] * k) if sum(int(v) for v in s[:-1]) == int(s[-1])]


def block_total_splits(run: str, blocks: int, width: int) -> list[list[str]]:
    """Splits of ``blocks`` consecutive blocks of ``width`` cells, each ending in its total."""
    return [
        s
        for s in splits(run, ["int"] * (blocks * width))
        if all(
            sum(int(v) for v in s[b * width : b * width + width - 1])
            == int(s[b * width + width - 1])
            for b in range(blocks)
        )
    ]


def agreed_cells(candidates: list[list[str]]) -> list[str | None]:
    """Per cell: the value every candidate agrees on, else None."""
    if not candidates:
        return []
    return [col[0] if len(set(col)) == 1 else None for col in zip(*candidates, strict=True)]


def combine_rows(
    rows: dict[str, list[list[str]]],
    rule: Callable[[dict[str, list[str]]], bool],
) -> tuple[dict[str, list[list[str]]], bool]:
    """Narrow each row's candidate splits to those that take part in some combination of rows
    satisfying ``rule`` (the column rules). Returns the narrowed candidates and False when the
    combinations were too many to try (then nothing is narrowed)."""
    names = list(rows)
    sizes = [len(rows[n]) for n in names]
    total = 1
    for s in sizes:
        total *= s
    if total == 0 or total > MAX_COMBINATIONS:
        return rows, False
    keep: dict[str, set[int]] = {n: set() for n in names}
    for choice in product(*(range(s) for s in sizes)):
        picked = {n: rows[n][i] for n, i in zip(names, choice, strict=True)}
        if rule(picked):
            for n, i in zip(names, choice, strict=True):
                keep[n].add(i)
    return {n: [rows[n][i] for i in sorted(keep[n])] for n in names}, True
