"""Printed labels → canonical codes: normalise, split off the enumerator, match by text.

A label that matches no code well enough, or two codes equally well, maps to nothing: the caller
reports it. Nothing is guessed from position.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ..textutil import nfkc
from .schema import Item

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PUNCT = re.compile(
    r"[\s\"'“”‘’「」『』,，、。.．:：;；!！?？·•()（）\[\]【】《》<>〈〉/／\\\-—－_~～]"
)
_ENUMS = (
    ("top", re.compile(r"^([一二三四五六七八九十]+)[、.．,，]")),
    ("group", re.compile(r"^\(([一二三四五六七八九十]+)\)")),
    ("item", re.compile(r"^(\d{1,2})[.、．,，](?!\d)")),
    ("item", re.compile(r"^\((\d{1,2})\)")),
)
_WHITESPACE = re.compile(r"\s+")
MIN_SCORE = 0.6  # a label names an item it fits at least this well ...
MARGIN = 0.08  # ... and this much better than the next item: else it names none (unmapped)
CONTAINS_MIN = 4  # a known form at least this long found inside a printed label scores ...
CONTAINS_SCORE = 0.95  # ... this (the label adds words around it: 其中, 数量 …)
CONTAINED_MIN = 3  # a printed label at least this long found inside a known form scores ...
CONTAINED_SCORE = 0.9  # ... this (a label printed shorter than its known forms)
NUMBER_TRUST = 0.95  # a label whose printed number is not the item's must match this well ...
NUMBER_PENALTY = 0.3  # ... or lose this much: the enumerator is evidence too


def cn_number(text: str) -> int | None:
    """一 … 九十九 → int; None for anything else."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _, units = text.partition("十")
        t = _CN_DIGITS.get(tens, 1) if tens else 1
        u = _CN_DIGITS.get(units, 0) if units else 0
        return t * 10 + u
    return _CN_DIGITS.get(text)


def squash(text: str) -> str:
    """NFKC (full-width → half-width, Kangxi radicals → ordinary) and no whitespace at all."""
    return _WHITESPACE.sub("", nfkc(text or ""))


@dataclass(frozen=True, slots=True)
class Label:
    """A printed label taken apart: enumerator kind and number, and the comparable key."""

    printed: str
    kind: str | None  # "top" (一、), "group" （一）, "item" 1. — or None
    number: int | None
    key: str


@lru_cache(maxsize=8192)
def parse_label(text: str) -> Label:
    """Split the enumerator off a label and reduce the rest to a comparable key."""
    s = squash(text)
    kind = number = None
    for k, pattern in _ENUMS:
        m = pattern.match(s)
        if m:
            kind, number = k, cn_number(m.group(1))
            s = s[m.end() :]
            break
    return Label(text, kind, number, _PUNCT.sub("", s))


def key_of(text: str) -> str:
    """The comparable key of a label or variant (enumerator and punctuation removed)."""
    return parse_label(text).key


@lru_cache(maxsize=512)
def form_keys(item: Item) -> tuple[str, ...]:
    """The comparable keys of an item's official label and variants."""
    return tuple(k for k in (key_of(f) for f in (item.label, *item.variants)) if k)


@lru_cache(maxsize=65536)
def score(key: str, item: Item) -> float:
    """How well a label key fits an item: 1 for an exact form, high for containment, else the
    similarity ratio of the closest form."""
    if not key:
        return 0.0
    best = 0.0
    for fk in form_keys(item):
        if key == fk:
            return 1.0
        if len(fk) >= CONTAINS_MIN and fk in key:
            best = max(best, CONTAINS_SCORE)
        elif len(key) >= CONTAINED_MIN and key in fk:
            best = max(best, CONTAINED_SCORE)
        matcher = SequenceMatcher(None, key, fk, autojunk=False)
        if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
            best = max(best, matcher.ratio())
    return best


def match(label: str | Label, items: Sequence[Item]) -> Item | None:
    """The item a label names, or None when no item fits clearly.

    The enumerator is evidence too: an item whose template number differs from the printed one
    needs a near-exact text match.
    """
    lab = label if isinstance(label, Label) else parse_label(label)
    if not lab.key or not items or lab.key.isdigit():
        return None
    return _match(lab, tuple(items))


@lru_cache(maxsize=65536)
def _match(lab: Label, items: tuple[Item, ...]) -> Item | None:
    if two_items(lab.key, items):
        return None
    scored = []
    for item in items:
        s = score(lab.key, item)
        if lab.number is not None and item.number is not None and lab.number != item.number:
            s = s if s >= NUMBER_TRUST else s - NUMBER_PENALTY
        scored.append((s, item))
    scored.sort(key=lambda t: -t[0])
    best_score, best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best_score < MIN_SCORE or (best_score < 1.0 and best_score - runner_up < MARGIN):
        return None
    return best


def two_items(key: str, items: tuple[Item, ...]) -> bool:
    """Is a label key two items' forms run together (规章 + 规范性文件 → 规章规范性文件) and no
    form itself? It names neither: matching it by containment would put one row's numbers
    under the other."""
    forms = {fk: item for item in items for fk in form_keys(item)}
    if key in forms:
        return False
    for i in range(1, len(key)):
        head, tail = forms.get(key[:i]), forms.get(key[i:])
        if head is not None and tail is not None and head is not tail:
            return True
    return False
