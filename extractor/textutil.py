"""Small text helpers shared by readers and the template layer."""

from __future__ import annotations

import re
import unicodedata

_LOOKALIKE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]")
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_END = re.compile(f"[{_CJK}“”‘’《》（）]$")
_CJK_START = re.compile(f"^[{_CJK}“”‘’《》（）]")


# NFKC's own mapping of the full-width ASCII forms and the ideographic space, applied by one
# translate: most Chinese text is NFKC-stable but for these, and decomposing every character
# to find them costs twice as much
_FULL_WIDTH = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
)


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, the same string, sooner."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    text = text.translate(_FULL_WIDTH)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def fix_lookalikes(text: str) -> str:
    """Map Kangxi radicals and compatibility ideographs to the ordinary characters (⼀ → 一).

    Only those ranges are touched, so Chinese punctuation stays full-width.
    """
    if text.isascii() or not _LOOKALIKE.search(text):  # isascii: a flag read, no scan
        return text
    return _LOOKALIKE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def join_wrapped(lines: list[str]) -> str:
    """Rejoin lines a page or cell wrapped: no space between Chinese characters, one between
    Latin words or numbers."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif _CJK_END.search(out) or _CJK_START.search(line):
            out += line
        else:
            out += " " + line
    return out


def clean_inline(text: str) -> str:
    """Collapse runs of whitespace inside a paragraph to one space and trim the ends."""
    return re.sub(r"[ \t\u00a0\u3000]+", " ", text).strip()


_MARKUP = re.compile(
    r"<!--.*?-->|<!\[(?:if|endif)[^\]]*\]>|</?[a-zA-Z][\w:.-]*(?:\s[^<>]*)?/?>", re.S
)


def strip_markup(text: str) -> str:
    """Remove Word/HTML markup that leaked into published text (``<!--[if !supportLists]-->``,
    ``<o:p></o:p>``, stray tags); the text between the markers is kept."""
    if "<" not in text:
        return text
    return _MARKUP.sub("", text)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet runs as a formula


def spreadsheet_safe(value: object) -> object:
    """A value as a spreadsheet cell may safely hold it: text that Excel/WPS would run as a
    formula (it begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading
    ``'`` (the OWASP rule); numbers and everything else pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
