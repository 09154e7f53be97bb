"""Printed cell text → exact value, unit and how it was read.

Values are ``Decimal`` so money keeps every printed digit. Blank cells and the dashes offices
print for zero read as 0 and say so; text that is not a number reads as no value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .textutil import nfkc

ZERO_MARKS = {"-", "—", "——", "–", "－", "/", "／", "\\", "无", "〇", "/-"}
UNITS = ("万元", "元", "件", "条", "个", "项", "次", "人次")
_NUMBER = re.compile(r"^([+-]?)(\d+(?:\.\d+)?|\.\d+)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# digits on both sides of a space or line break: two numbers in one cell (two rows' values
# that fell into one), or one number broken in two; which, the text cannot tell
_DIGITS_APART = re.compile(r"[\d.]\s+[\d.]")
TWO_NUMBERS = "digits parted by a space or line break: not read as one number"


@dataclass(frozen=True, slots=True)
class Reading:
    """How one cell was read. ``value`` is None when the text is not a number."""

    value: Decimal | None
    raw: str
    unit: str = ""
    blank: bool = False
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.value is not None


@lru_cache(maxsize=16384)
def read_number(raw: str) -> Reading:
    """Cell text → Reading. Full-width digits and thousands separators are read; 元/万元 written
    in the cell become the unit; blank and '—', '－', '/', '无' read as 0 and are noted."""
    text = nfkc(raw or "")
    if _DIGITS_APART.search(text):
        return Reading(None, raw, note=TWO_NUMBERS)
    text = re.sub(r"\s+", "", text)
    if not text:
        return Reading(Decimal(0), raw, blank=True, note="blank read as 0")
    if text in ZERO_MARKS or set(text) <= {"-", "—", "–"}:
        return Reading(Decimal(0), raw, blank=True, note=f"{text!r} read as 0")
    unit = ""
    for u in UNITS:
        if text.endswith(u):
            unit, text = u, text[: -len(u)]
            break
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    m = _NUMBER.match(text)
    if not m:
        return Reading(None, raw, unit, note="not a number")
    try:
        value = Decimal(m.group(1) + m.group(2))
    except InvalidOperation:
        return Reading(None, raw, unit, note="not a number")
    return Reading(value, raw, unit)


def is_numberish(raw: str) -> bool:
    """Could this text be a value cell (a number, a zero mark or blank)?"""
    return read_number(raw).ok


def is_value(raw: str) -> bool:
    """Is this text a value a cell may print: a number, or a mark printed for zero ('—', '/',
    '无', '0'); not blank?"""
    return bool(raw.strip()) and read_number(raw).ok


def has_number(raw: str) -> bool:
    """Is this text a printed number (not blank, not a dash)?"""
    r = read_number(raw)
    return r.ok and not r.blank
