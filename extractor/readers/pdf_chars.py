"""Characters → cell text: lines grouped by height, rotated glyphs read along the column,
wrapped lines rejoined. Coordinates are PDF points, origin top-left."""

from __future__ import annotations

import re
from operator import itemgetter
from typing import NamedTuple

from ..textutil import fix_lookalikes, join_wrapped
from .pdf_settings import DEFAULT

_X0 = itemgetter(1)  # Char.x0, as a sort key


class Char(NamedTuple):
    """One glyph with its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    upright: bool = True  # False: the glyph is rotated (vertical text set as rotated runs)
    reverse: bool = False  # rotated so that it reads bottom to top


def chars_to_lines(chars: list[Char]) -> list[str]:
    """Characters of one cell → its text lines, top to bottom, each left to right.

    Rotated glyphs (vertical text set as rotated runs) read along the column instead.
    """
    if not chars:
        return []
    first = chars[0]
    lo, hi = 2 * first.top, 2 * first.bottom  # compare doubled centres: no division
    for c in chars:  # the usual: upright glyphs on one line (a number, a short label)
        if not c.upright or not lo <= c.top + c.bottom <= hi:
            break
    else:
        return [_join_chars(sorted(chars, key=_X0))]
    rotated = [c for c in chars if not c.upright]
    upright = [c for c in chars if c.upright] if rotated else list(chars)
    lines: list[str] = []
    if upright:
        first = upright[0]
        lo, hi = 2 * first.top, 2 * first.bottom  # compare doubled centres: no division
        if all(lo <= c.top + c.bottom <= hi for c in upright):
            groups = [upright]  # one line: the usual number or short label
        else:
            upright.sort(key=lambda c: c.top + c.bottom)
            groups = []
            top = bottom = 0.0
            for ch in upright:
                mid = (ch.top + ch.bottom) / 2
                # a thin glyph ('一', '—') may carry a box only as tall as its ink: it belongs
                # to a line whose middle it spans, or which spans its middle
                if groups and (top <= mid <= bottom or ch.top <= (top + bottom) / 2 <= ch.bottom):
                    groups[-1].append(ch)
                    if ch.top < top:
                        top = ch.top
                    if ch.bottom > bottom:
                        bottom = ch.bottom
                else:
                    groups.append([ch])
                    top, bottom = ch.top, ch.bottom
        for group in groups:
            group.sort(key=_X0)
            lines.append(_join_chars(group))
    if rotated:
        reverse = sum(c.reverse for c in rotated) > len(rotated) / 2
        rotated.sort(key=lambda c: ((c.x0 + c.x1) / 2, -c.top if reverse else c.top))
        lines.append("".join(c.text for c in rotated))
    return lines


def word_gap(prev: Char, ch: Char) -> bool:
    """Do two characters of a line stand a word apart? A gap wider than half the glyph height
    reads as a space."""
    gap = ch.x0 - prev.x1
    return gap > 0.5 * (ch.bottom - ch.top) and gap > 0.5


def _join_chars(group: list[Char]) -> str:
    """One line's characters → text, a space where they stand a word apart (``word_gap``)."""
    parts = [group[0].text]
    prev = group[0]
    for ch in group[1:]:
        if word_gap(prev, ch) and parts[-1] != " " and ch.text != " ":
            parts.append(" ")
        parts.append(ch.text)
        prev = ch
    return "".join(parts).strip()


def last_line_full(
    chars: list[Char], right: float, slack: float = DEFAULT.full_line_slack
) -> bool | None:
    """Does a cell's last line of text (its upright characters' lowest line) run to the cell's
    right edge ``right``, within ``slack`` glyph heights? Text wraps only where a line is
    full, so only such a cell's text may go on past a page break. None for rotated text
    (vertical labels run down the column: their lines say nothing of it)."""
    upright = [ch for ch in chars if ch.upright]
    if not upright:
        return None
    last = max(upright, key=lambda ch: ch.top + ch.bottom)
    middle = last.top + last.bottom  # doubled, as the boxes' sums
    end = max(ch.x1 for ch in upright if 2 * ch.top <= middle <= 2 * ch.bottom)
    return right - end <= slack * (last.bottom - last.top)


def cell_text_from_chars(chars: list[Char]) -> str:
    """A cell's characters → one string; wrapped and vertical lines rejoined."""
    if not chars:
        return ""
    if len(chars) == 1:  # the usual single digit: no lines to group
        return fix_lookalikes(chars[0].text.strip())
    lines = chars_to_lines(chars)
    return fix_lookalikes(lines[0].strip() if len(lines) == 1 else join_wrapped(lines))


_NEW_ITEM = re.compile(
    r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.．、])"
)


def looks_like_new_item(text: str) -> bool:
    """Does a label start with an enumerator (一、 / （一） / 1.)? Continuations of a wrapped
    label do not."""
    return bool(_NEW_ITEM.match(text))
