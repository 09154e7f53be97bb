"""Tables flattened into running text (pages saved by web crawlers) → canonical facts.

The row labels are found in template order; the digits between one label and the next are
the row's cells run together. They are cut into cells with the template's sum rules
(splits.py): a cell is taken only when every split that satisfies the rules gives it the same
value; otherwise it is reported as ambiguous, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from ..canonical import Fact, Problem, TableMapping
from ..model import Paragraph, Provenance
from . import schema as S
from .labels import parse_label
from .splits import agreed_cells, block_total_splits, combine_rows, row_total_splits, splits

_RUN = re.compile(r"[-\d][\d\s.,\-]*")
_UNIT = re.compile(r"\s*(万元|元)")
_CN = "〇一二三四五六七八九十"


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


def _run_after(text: str, pos: int, limit: int) -> tuple[str, str]:
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
        limit = hits[i + 1][1] if i + 1 < len(hits) else min(len(text), e + 200)
        run, unit = _run_after(text, e, limit)
        out.append(Found(code, s, e, run, unit))
    return out


def _fact(
    table: str,
    row: str,
    col: str,
    piece: str,
    unit: str,
    found: Found,
    prov: Provenance,
    note: str,
) -> Fact:
    return Fact(
        table=table,
        row=row,
        column=col,
        value=Decimal(piece),
        unit=unit,
        raw=piece,
        blank=False,
        row_label=S.label_of(table, "row", row),
        column_label=S.label_of(table, "column", col),
        printed_row=row,
        printed_column="",
        prov=replace(prov, note=f"flattened text, chars {found.start}-{found.end}"),
        note=note,
    )


def _emit(
    out: TableMapping,
    table: str,
    found: Found,
    cols: Sequence[str],
    cands: list[list[str]],
    prov: Provenance,
    unit: str,
    how: str,
) -> None:
    """Facts for the cells all candidate splits agree on; a problem for the others."""
    if not cands:
        out.problems.append(
            Problem(
                "split.none",
                table,
                f"{table}.{found.code}: no way to read {found.run!r} as {len(cols)} cells"
                + (" satisfying the sum rules" if how != "unique" else ""),
                prov,
                "fail",
            )
        )
        return
    agreed = agreed_cells(cands)
    note = (
        f"cells run together in the text ({found.run!r}); split {how}"
        if len(found.run.split()) != len(cols)
        else ""
    )
    for col, piece in zip(cols, agreed, strict=True):
        if piece is not None:
            out.facts.append(
                _fact(table, found.code, col, piece, found.unit or unit, found, prov, note)
            )
    unsure = [c for c, p in zip(cols, agreed, strict=True) if p is None]
    if unsure:
        shown = " | ".join("/".join(c) for c in cands[:4])
        out.problems.append(
            Problem(
                "split.ambiguous",
                table,
                f"{table}.{found.code}: {found.run!r} splits {len(cands)} ways ({shown}"
                f"{' …' if len(cands) > 4 else ''}); cells {', '.join(unsure)} not taken",
                prov,
                "fail",
            )
        )


# --- the three tables --------------------------------------------------------------------------

_REQUEST_COLS = [c.code for c in S.REQUEST_COLUMNS]


def _request_row_specs(one_row_other: bool) -> list[tuple[str, str, bool]]:
    specs = []
    for item in S.REQUEST_ROWS:
        if one_row_other and item.code in S.OTHER_SUBROWS:
            continue
        if not one_row_other and item.code == "other":
            continue
        label = item.label
        if item.code == "partially_granted":
            label = "（二）部分公开"
        specs.append(
            (item.code, label, item.group in ("denied", "unavailable", "rejected", "other_group"))
        )
    return specs


def requests_from_text(text: str, prov: Provenance) -> TableMapping:
    """Table 2 flattened into text → facts, cut by the row rule and then the column rules."""
    out = TableMapping()
    head = re.search(r"本\s*年\s*新\s*收", text)
    if not head:
        return out
    one_row_other = not re.search(r"逾\s*期\s*不\s*补\s*正", text)
    found = {
        f.code: f for f in find_rows(text, _request_row_specs(one_row_other), head.start() - 4)
    }
    cands = {code: row_total_splits(f.run, 7) if f.run else [] for code, f in found.items()}
    rows = [c for c in found if cands[c]]
    outcomes = [r for r in S.OUTCOME_ROWS if r in found and r not in ("other",) + S.OTHER_SUBROWS]
    outcomes += [r for r in (["other"] if one_row_other else list(S.OTHER_SUBROWS)) if r in found]

    def column_rules(picked: dict[str, list[str]]) -> bool:
        for j in range(7):
            v = {r: int(picked[r][j]) for r in picked}
            if {"new", "carried_over", "total", "carried_forward"} <= v.keys() and (
                v["new"] + v["carried_over"] != v["total"] + v["carried_forward"]
            ):
                return False
            if (
                "total" in v
                and all(r in v for r in outcomes)
                and v["total"] != sum(v[r] for r in outcomes)
            ):
                return False
        return True

    narrowed, tried = combine_rows({c: cands[c] for c in rows}, column_rules)
    if tried and any(not v for v in narrowed.values()):
        narrowed = {c: cands[c] for c in rows}  # the printed table breaks a rule: rows alone
        out.problems.append(
            Problem(
                "split.column_rules",
                "requests",
                "no reading of the run-together rows satisfies every column rule; each row is "
                "cut by its own row rule only",
                prov,
            )
        )
    for code, f in found.items():
        how = "by the row and column sum rules" if tried else "by the row sum rule"
        _emit(out, "requests", f, _REQUEST_COLS, narrowed.get(code, []), prov, "件", how)
    out.version = "2021" if not one_row_other else None
    return out


def appeals_from_text(text: str, prov: Provenance) -> TableMapping:
    """Table 3 flattened into text: the 15 numbers after the header's last 总计."""
    out = TableMapping()
    m = re.search(r"复\s*议.*?维\s*持", text, re.S)
    if not m:
        return out
    totals = [t.end() for t in re.finditer(r"总\s*计", text)]
    after = [t for t in totals if t > m.start()]
    if len(after) < 3:
        return out
    end = after[2]
    run, _ = _run_after(text, end, min(len(text), end + 120))
    if not run:
        return out
    cands = block_total_splits(run, 3, 5)
    agreed = agreed_cells(cands)
    note = (
        f"cells run together in the text ({run!r}); split by the block sum rules"
        if len(run.split()) != 15
        else ""
    )
    for b, block in enumerate(r.code for r in S.APPEAL_ROWS):
        found = Found(block, end, end + len(run), run)
        pieces = [agreed[b * 5 + i] if agreed else None for i in range(5)]
        for col, piece in zip([c.code for c in S.APPEAL_COLUMNS], pieces, strict=True):
            if piece is not None:
                out.facts.append(_fact("appeals", block, col, piece, "件", found, prov, note))
    if not cands or None in agreed:
        out.problems.append(
            Problem(
                "split.ambiguous" if cands else "split.none",
                "appeals",
                f"appeals: {run!r} splits {len(cands)} ways satisfying the block rules",
                prov,
                "fail",
            )
        )
    return out


_PROACTIVE_2021 = [
    ("regulations", "规章", ("issued", "repealed", "in_force"), ("int", "int", "int")),
    ("normative_documents", "行政规范性文件", ("issued", "repealed", "in_force"), ("int",) * 3),
    ("licensing", "行政许可", ("decisions",), ("int",)),
    ("punishment", "行政处罚", ("decisions",), ("int",)),
    ("enforcement", "行政强制", ("decisions",), ("int",)),
    ("fees", "行政事业性收费", ("amount",), ("decimal",)),
]
_P19 = ("previous_items", "change", "decisions")
_PROACTIVE_2019 = [
    ("regulations", "规章", ("made", "published", "total_published"), ("int",) * 3),
    ("normative_documents", "规范性文件", ("made", "published", "total_published"), ("int",) * 3),
    ("licensing", "行政许可", _P19, ("int", "signed", "int")),
    ("other_services", "其他对外管理服务事项", _P19, ("int", "signed", "int")),
    ("punishment", "行政处罚", _P19, ("int", "signed", "int")),
    ("enforcement", "行政强制", _P19, ("int", "signed", "int")),
    ("fees", "行政事业性收费", ("previous_items", "change"), ("int", "signed")),
    ("procurement", "政府集中采购", ("items", "amount"), ("int", "decimal")),
]


def proactive_from_text(text: str, prov: Provenance) -> TableMapping:
    """Table 1 flattened into text. It has no sum rule: a run is taken only when it can be read
    one way alone (as many tokens as cells, or digits that allow a single split)."""
    out = TableMapping()
    if re.search(r"新\s*制\s*作", text):
        specs, out.version = _PROACTIVE_2019, "2019"
    elif re.search(r"制\s*发\s*件\s*数", text):
        specs, out.version = _PROACTIVE_2021, "2021"
    else:
        return out
    start = text.find("第二十条")
    found = {
        f.code: f
        for f in find_rows(text, [(c, lab, False) for c, lab, _, _ in specs], max(start, 0))
    }
    for code, _, cols, kinds in specs:
        f = found.get(code)
        if f is None or not f.run:
            continue
        cands = splits(f.run, kinds, limit=50)
        unit = "万元" if "amount" in cols else "件"
        _emit(out, "proactive", f, cols, cands, prov, unit, "unique")
    return out


def tables_from_text(paragraphs: list[Paragraph], kinds: Sequence[str]) -> dict[str, TableMapping]:
    """Recover the given template tables from flattened text paragraphs."""
    out: dict[str, TableMapping] = {}
    if not paragraphs:
        return out
    text = " ".join(p.text for p in paragraphs)
    prov = paragraphs[0].prov
    makers = {
        "proactive": proactive_from_text,
        "requests": requests_from_text,
        "appeals": appeals_from_text,
    }
    for kind in kinds:
        mapping = makers[kind](text, prov)
        if mapping.facts or mapping.problems:
            out[kind] = mapping
    return out
