"""Tables flattened into running text (pages saved by web crawlers) → canonical facts.

The row labels are found in template order; the digits between one label and the next are
the row's cells run together. They are cut into cells with the template's sum rules
(splits.py): a cell is taken only when every split that satisfies the rules gives it the same
value; otherwise it is reported as ambiguous, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from ..canonical import Fact, Pending, Problem, TableMapping
from ..model import Paragraph, Provenance
from . import schema
from .runs import Found, find_rows, run_after
from .settle import IN_FORCE_BEFORE, Constraint, narrow, settled_how, stated
from .splits import (
    SHOWN_READINGS,
    agreed_cells,
    block_total_splits,
    combine_rows,
    row_total_splits,
    shown_readings,
    splits,
)


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
        row_label=schema.label_of(table, "row", row),
        column_label=schema.label_of(table, "column", col),
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
    constraints: Sequence[Constraint] = (),
) -> None:
    """Facts for the cells all candidate splits left by the constraints agree on; a problem
    (and the readings left, as pending) for the others."""
    if not cands:
        out.problems.append(
            Problem(
                "split.none",
                table,
                f"{table}.{found.code}: no way to read {found.run!r} as {len(cols)} cells"
                + (" satisfying the sum rules" if how != _ONE_WAY else ""),
                prov,
                "fail",
            )
        )
        return
    cands, used, contradicted = narrow(cands, cols, constraints)
    for name in contradicted:
        out.problems.append(
            Problem(
                "split.contradicted",
                table,
                f"{table}.{found.code}: no reading of {found.run!r} agrees with {name}",
                prov,
            )
        )
    agreed = agreed_cells(cands)
    note = (
        f"cells run together in the text ({found.run!r}); split "
        + (settled_how(used, "" if how == _ONE_WAY else how) if used else how)
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
        shown = shown_readings(cands)
        out.problems.append(
            Problem(
                "split.ambiguous",
                table,
                f"{table}.{found.code}: {found.run!r} splits {len(cands)} ways ({shown}"
                f"{' …' if len(cands) > SHOWN_READINGS else ''}); cells {', '.join(unsure)} not taken",
                prov,
                "fail",
            )
        )
        out.pending.append(
            Pending(
                table,
                found.code,
                tuple(cols),
                cands,
                found.unit or unit,
                schema.label_of(table, "row", found.code),
                tuple(schema.label_of(table, "column", c) for c in cols),
                found.code,
                replace(prov, note=f"flattened text, chars {found.start}-{found.end}"),
                found.run,
            )
        )


_ONE_WAY = "as the one way its digits read"

# --- the three tables --------------------------------------------------------------------------

_REQUEST_COLS = [c.code for c in schema.REQUEST_COLUMNS]


def _request_row_specs(one_row_other: bool) -> list[tuple[str, str, bool]]:
    specs = []
    for item in schema.REQUEST_ROWS:
        if one_row_other and item.code in schema.OTHER_SUBROWS:
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


def requests_from_text(
    text: str, prov: Provenance, said: Mapping[str, Fact] | None = None
) -> TableMapping:
    """Table 2 flattened into text → facts, cut by the row rule, the numbers the prose states
    (``said``: text facts by key) and then the column rules."""
    out = TableMapping()
    head = re.search(r"本\s*年\s*新\s*收", text)
    if not head:
        return out
    one_row_other = not re.search(r"逾\s*期\s*不\s*补\s*正", text)
    found = {
        f.code: f for f in find_rows(text, _request_row_specs(one_row_other), head.start() - 4)
    }
    cands = {code: row_total_splits(f.run, 7) if f.run else [] for code, f in found.items()}
    told: dict[str, list[str]] = {}
    for code, rows_read in cands.items():
        if rows_read:
            cands[code], told[code], _ = narrow(
                rows_read, _REQUEST_COLS, stated("requests", code, _REQUEST_COLS, said or {})
            )
    rows = [c for c in found if cands[c]]
    outcomes = [
        r for r in schema.OUTCOME_ROWS if r in found and r not in ("other",) + schema.OTHER_SUBROWS
    ]
    outcomes += [
        r for r in (["other"] if one_row_other else list(schema.OTHER_SUBROWS)) if r in found
    ]

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
        how = settled_how(told.get(code, []), how)
        _emit(out, "requests", f, _REQUEST_COLS, narrowed.get(code, []), prov, "件", how)
    out.version = "2021" if not one_row_other else None
    return out


_BLOCKS, _BLOCK_CELLS = len(schema.APPEAL_ROWS), len(schema.APPEAL_COLUMNS)  # 3 blocks of 5
APPEALS_RUN_WINDOW = 120  # the 15 numbers follow the header's last 总计 within this many
# characters (spaces and marks between them included)


def appeals_from_text(
    text: str, prov: Provenance, said: Mapping[str, Fact] | None = None
) -> TableMapping:
    """Table 3 flattened into text: the 15 numbers after the header's last 总计."""
    out = TableMapping()
    m = re.search(r"复\s*议.*?维\s*持", text, re.S)
    if not m:
        return out
    totals = [t.end() for t in re.finditer(r"总\s*计", text)]
    after = [t for t in totals if t > m.start()]
    if len(after) < _BLOCKS:  # each block of the header ends with its 总计
        return out
    end = after[_BLOCKS - 1]
    run, _ = run_after(text, end, min(len(text), end + APPEALS_RUN_WINDOW))
    if not run:
        return out
    cands = block_total_splits(run, _BLOCKS, _BLOCK_CELLS)
    agreed = agreed_cells(cands)
    note = (
        f"cells run together in the text ({run!r}); split by the block sum rules"
        if len(run.split()) != _BLOCKS * _BLOCK_CELLS
        else ""
    )
    for b, block in enumerate(r.code for r in schema.APPEAL_ROWS):
        found = Found(block, end, end + len(run), run)
        pieces = [agreed[b * _BLOCK_CELLS + i] if agreed else None for i in range(_BLOCK_CELLS)]
        for col, piece in zip([c.code for c in schema.APPEAL_COLUMNS], pieces, strict=True):
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


def proactive_from_text(
    text: str, prov: Provenance, said: Mapping[str, Fact] | None = None
) -> TableMapping:
    """Table 1 flattened into text. It has no sum rule: a run is taken only when one reading
    alone is left by the numbers the prose states (``said``: text facts by key) and, for the
    in-force counts, by the count in force before the year not being negative."""
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
        constraints = stated("proactive", code, cols, said or {})
        if "in_force" in cols:
            constraints.append(IN_FORCE_BEFORE)
        _emit(out, "proactive", f, cols, cands, prov, unit, _ONE_WAY, constraints)
    return out


def tables_from_text(
    paragraphs: list[Paragraph], kinds: Sequence[str], said: Mapping[str, Fact] | None = None
) -> dict[str, TableMapping]:
    """Recover the given template tables from flattened text paragraphs; ``said`` holds the
    numbers the prose states (text facts by key), which settle run-together cells."""
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
        mapping = makers[kind](text, prov, said)
        if mapping.facts or mapping.problems:
            out[kind] = mapping
    return out
