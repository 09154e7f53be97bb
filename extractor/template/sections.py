"""Split a report's paragraphs into its sections.

Headings are numbered one after another (一、二、三… or 1、2、… or （一）（二）…, in the style of
the first heading) and short. A heading whose title is one of the known section titles gets
that section's code (the six of the 2019/2021 formats, and the parts pre-2019 reports use);
another title gets ``part<N>``. Because numbers must follow on, sub-parts ((一)主动公开情况 …)
and table row labels (一、本年新收…) are never taken for sections.

Text saved from web pages often has the whole report on one line; headings inside such a line
are found the same way and the line is cut there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache

from ..model import Block, Paragraph, Table
from .labels import cn_number, parse_label, squash

# code, official 2019/2021 title, other printed titles (old wordings, pre-2019 parts)
SECTIONS = (
    ("overview", "一、总体情况", ("总体情况", "概述", "基本情况")),
    (
        "proactive",
        "二、主动公开政府信息情况",
        ("主动公开政府信息情况", "主动公开政府信息", "主动公开政府信息的情况", "主动公开情况"),
    ),
    (
        "requests",
        "三、收到和处理政府信息公开申请情况",
        (
            "收到和处理政府信息公开申请情况",
            "收到和处理政府信息公开申请",
            "政府信息依申请公开工作情况",
            "依申请公开政府信息情况",
            "依申请公开情况",
            "政府信息依申请公开情况",
            "依申请公开不予公开及咨询政府信息情况",
        ),
    ),
    (
        "appeals",
        "四、政府信息公开行政复议、行政诉讼情况",
        (
            "政府信息公开行政复议行政诉讼情况",
            "因政府信息公开工作被申请行政复议提起行政诉讼情况",
            "因政府信息公开申请行政复议提起行政诉讼的情况",
            "因政府信息公开申请行政复议提起行政诉讼情况",
            "申请行政复议提起行政诉讼和申诉的情况",
            "行政复议行政诉讼情况",
        ),
    ),
    (
        "problems",
        "五、存在的主要问题及改进情况",
        (
            "存在的主要问题及改进情况",
            "存在的主要问题及改进措施",
            "存在的主要问题和改进情况",
            "政府信息公开工作存在的主要问题及改进情况",
            "政府信息公开工作存在的主要问题及改进措施",
            "存在的问题及改进措施",
            "主要问题和改进措施",
            "主要问题及改进措施",
            "存在的主要问题和改进措施",
        ),
    ),
    ("other", "六、其他需要报告的事项", ("其他需要报告的事项",)),
)
EXTRA_PARTS = (
    ("fees", ("政府信息公开的收费及减免情况", "收费及减免情况", "政府信息公开收费及减免情况")),
    ("statistics", ("政府信息公开情况统计表", "统计表", "附表")),
    ("staff", ("工作人员及信息公开事务支出情况",)),
)
# Thresholds, in characters of a squashed title (no spaces or punctuation) and difflib ratios:
MAX_HEADING = 40  # a heading's title is at most this long (the longest known title is 24)
MIN_TITLE_SCORE = 0.8  # a printed title this like a known one takes its code (a typo or two)
CONTAINED_MIN = 4  # a known title at least this long found inside a printed one counts ...
CONTAINED_EXTRA = 12  # ... when the printed one adds at most this much (政府信息公开工作…)
CONTAINED_SCORE = 0.9  # ... and scores this, above any mere likeness of the same length
UNNUMBERED_SCORE = 0.9  # an unnumbered line heads a section only this close to a known title
FREE_TITLE_MAX = 25  # an unknown title (a pre-2019 report's own part) is at most this long
INLINE_MIN = 120  # a paragraph shorter than this runs no sections together (a web page's one
# line holding the whole report is thousands long)
INLINE_SLACK = 10  # characters looked at past a heading's title inside a line (spaces, marks)
TITLE_SHORTER, TITLE_LONGER = 2, 4  # an inline title's cut, in characters around a known
# title's length: a character or two dropped, or punctuation and brackets inside
FUZZY_MIN, FUZZY_LENGTH = 6, 2  # an inline title is compared loosely only to known titles this
# long, and only within this many characters of their length
INLINE_SCORE = 0.88  # an inline title this like a known one is that title
SIGNATURE_BODY_MAX = 40  # the body signed under a report is a name this short, not a sentence
_DIGIT = re.compile(r"\d")
_DATE = re.compile(
    r"^\s*(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(\S{1,3})\s*月\s*(\S{1,3})\s*日\s*$"
)
_CN = "一二三四五六七八九十"
_STYLES = {
    "top": re.compile(f"^([{_CN}]+)\\s*[、.．]"),
    "arabic": re.compile(r"^(\d{1,2})\s*[、．]"),
    "group": re.compile(f"^[（(]([{_CN}]+)[)）]"),
}


@dataclass(slots=True)
class Section:
    code: str
    title: str  # as printed
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    number: int | None = None

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


def _vocabulary() -> list[tuple[str, str]]:
    """(code, comparable key) for every known section title."""
    out = []
    for code, label, variants in SECTIONS:
        out += [(code, parse_label(form).key) for form in (label, *variants)]
    for code, variants in EXTRA_PARTS:
        out += [(code, parse_label(form).key) for form in variants]
    return out


VOCABULARY = _vocabulary()


@lru_cache(maxsize=4096)
def title_code(title: str) -> tuple[str | None, float]:
    """A printed section title (without its number) → (code, score); (None, best) if none fits."""
    key = parse_label(title).key
    if not key or len(key) > MAX_HEADING:
        return None, 0.0
    best, best_code = 0.0, None
    for code, form in VOCABULARY:
        if key == form:
            return code, 1.0
        if len(form) >= CONTAINED_MIN and form in key and len(key) - len(form) <= CONTAINED_EXTRA:
            best, best_code = (
                max(best, CONTAINED_SCORE),
                code if best < CONTAINED_SCORE else best_code,
            )
            continue
        matcher = SequenceMatcher(None, key, form, autojunk=False)
        if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
            ratio = matcher.ratio()
            if ratio > best:
                best, best_code = ratio, code
    return (best_code, best) if best >= MIN_TITLE_SCORE else (None, best)


def heading_number(text: str) -> tuple[str | None, int | None, str]:
    """Numbering style, number and title of a would-be heading (style None: unnumbered)."""
    s = squash(text)
    for style, pattern in _STYLES.items():
        m = pattern.match(s)
        if m:
            return style, cn_number(m.group(1)), s[m.end() :]
    return None, None, s


def _is_heading(
    text: str, style: str | None, expected: int, free_titles: bool = True
) -> tuple[str, str] | None:
    """(style, code) when a paragraph heads the next section, else None. ``free_titles``
    allows titles outside the known ones (pre-2019 reports name their own parts)."""
    if len(text) > 2 * MAX_HEADING:
        return None
    st, number, title = heading_number(text)
    if not title or len(title) > MAX_HEADING or _DIGIT.search(title):
        return None
    code, score = title_code(title)
    if st is None:  # unnumbered: only a close match of a known title
        return (style or "", code) if code is not None and score >= UNNUMBERED_SCORE else None
    if number != expected or (style is not None and st != style):
        return None
    if code is None:
        # an unknown title is a section only in the first style's run of numbers, once the
        # report's own numbering is established, and when it reads like a title
        if (
            not free_titles
            or style is None
            or len(title) > FREE_TITLE_MAX
            or re.search(r"[，。；：,;:]", title)
        ):
            return None
        return st, f"part{number}"
    return st, code


def split_inline_headings(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Cut paragraphs that run several sections together (text saved from a web page) at the
    headings inside them."""
    out: list[Paragraph] = []
    for p in paragraphs:
        if len(p.text) < INLINE_MIN:
            out.append(p)
            continue
        cuts = _inline_heading_positions(p.text, free_titles=not _is_current_format(p.text))
        if not cuts:
            out.append(p)
            continue
        bounds = [0, *cuts, len(p.text)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            piece = p.text[a:b].strip()
            if piece:
                out.append(Paragraph(piece, replace(p.prov, note=f"chars {a}-{b}")))
    return out


_INLINE = re.compile(f"([{_CN}]+)、\\s*")


def _is_current_format(text: str) -> bool:
    """Does the text open with the 2019/2021 format's first section (总体情况, not 概述)?"""
    m = re.search(f"[{_CN}]、\\s*(总体情况|概述)", text)
    return bool(m and m.group(1) == "总体情况")


def _inline_heading_positions(text: str, free_titles: bool = True) -> list[int]:
    """Positions where a numbered heading with a known title starts inside a long text, in
    sequence (一、 then 二、 …); the heading text itself is also cut off from what follows."""
    cuts: list[int] = []
    expected = 1
    for m in _INLINE.finditer(text):
        if cn_number(m.group(1)) != expected:
            continue
        rest = text[m.end() : m.end() + MAX_HEADING + INLINE_SLACK]
        title_len = _known_title_prefix(rest, free_titles)
        if title_len is None:
            continue
        cuts += [m.start(), m.end() + title_len]
        expected += 1
    return [c for c in cuts if 0 < c < len(text)]


_TITLE_PUNCT = re.compile(r"[、，,:：（）()“”\"]")


def _known_title_prefix(rest: str, free_titles: bool = True) -> int | None:
    """Length of the known section title at the start of ``rest`` (spaces, punctuation and a
    typo or two allowed); a short unknown title followed by a space also counts when
    ``free_titles``."""
    kept = [(i, ch) for i, ch in enumerate(rest) if not ch.isspace()]
    flat = "".join(ch for _, ch in kept)
    best: tuple[float, int, int] | None = None  # best score, then longest title, then shortest cut
    for _, form in VOCABULARY:
        n = len(form)
        for length in range(max(2, n - TITLE_SHORTER), min(len(flat), n + TITLE_LONGER) + 1):
            key = _TITLE_PUNCT.sub("", flat[:length])
            if key == form:
                score = 1.0
            elif n >= FUZZY_MIN and abs(len(key) - n) <= FUZZY_LENGTH:
                score = SequenceMatcher(None, key, form, autojunk=False).ratio()
            else:
                continue
            if score >= INLINE_SCORE and (best is None or (score, n, -length) > best):
                best = (score, n, -length)
    if best is not None:
        return kept[-best[2] - 1][0] + 1
    m = re.match(r"\s*([^\s\d，。；：,;:]{2,30}?统计表)", rest)
    if m:
        return m.end(1)
    if not free_titles:
        return None
    m = re.match(r"\s*([^\s\d，。；：,;:]{2,20})\s", rest)
    return m.end(1) if m else None


def blocks_to_sections(blocks: list[Block]) -> tuple[list[Section], list[Paragraph]]:
    """Blocks → the preamble (code ``preamble``) and the sections found, in order; the trailing
    signature lines (issuing body and date) are returned apart."""
    sections = [Section("preamble", "")]
    style: str | None = None
    expected = 1
    seen_codes: set[str] = set()
    free_titles = True
    for block in _expand(blocks):
        if isinstance(block, Paragraph):
            hit = _is_heading(block.text, style, expected, free_titles)
            if hit is not None and hit[1] not in seen_codes:
                st, code = hit
                style = style or st or None
                _, number, _ = heading_number(block.text)
                sections.append(Section(code, block.text, number=number or expected))
                if len(sections) == 2:  # the first heading tells the generation
                    free_titles = heading_number(block.text)[2] != "总体情况"
                seen_codes.add(code)
                expected = (number or expected) + 1
                continue
            sections[-1].paragraphs.append(block)
        else:
            sections[-1].tables.append(block)
    attachment = _split_attachment(sections[-1]) if len(sections) > 1 else None
    signature = _split_signature(sections[-1]) if len(sections) > 1 else []
    if attachment is not None:
        sections.append(attachment)
    return sections, signature


def _expand(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    run: list[Paragraph] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            run.append(b)
        else:
            out += split_inline_headings(run)
            run = []
            out.append(b)
    out += split_inline_headings(run)
    return out


_ATTACHMENT = re.compile(r"^\s*(附件|附表)\s*\d*\s*[:：]?|统计表\s*$")


def _split_attachment(last: Section) -> Section | None:
    """An attachment after the signature (附件1：…统计表, or a 统计表 title right after the date)
    → its own section (``statistics`` when it is the statistics table, else ``attachment``),
    titled by its heading and holding what follows; the last section's tables go with it."""
    paras = last.paragraphs
    for i, p in enumerate(paras[:-1]):
        if not _DATE.match(p.text) or not _ATTACHMENT.search(paras[i + 1].text):
            continue
        if len(paras[i + 1].text) > MAX_HEADING:
            continue
        heading = paras[i + 1]
        code = "statistics" if "统计表" in heading.text else "attachment"
        part = Section(code, heading.text, paras[i + 2 :], last.tables)
        del paras[i + 1 :]
        last.tables = []
        return part
    return None


def _split_signature(last: Section) -> list[Paragraph]:
    """Take the signature block (body, date) off the end of the last section."""
    paras = last.paragraphs
    if not paras or not _DATE.match(paras[-1].text):
        return []
    take = 1
    if len(paras) >= 2 and _looks_like_body(paras[-2].text):
        take = 2
    signature = paras[-take:]
    del paras[-take:]
    return signature


def _looks_like_body(text: str) -> bool:
    t = text.strip()
    return 2 <= len(t) <= SIGNATURE_BODY_MAX and not re.search(r"[，。；：,;:]", t)
