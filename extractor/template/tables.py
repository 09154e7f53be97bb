"""Table grids → canonical facts for the three tables of the 2019/2021 templates.

Tables are found by their labels, not their position. Every row and column is mapped by its
label; a label that maps to nothing is reported and its numbers are not guessed into a
neighbouring code.
"""

from __future__ import annotations

from ..canonical import Fact, Problem, TableMapping
from ..model import Cell, Table
from ..numbers import Reading, has_number, is_numberish, read_number
from . import schema as S
from .labels import Label, match, parse_label, score, squash

SUBGROUPS = {"denied", "unavailable", "rejected", "other_group"}
_COUNT_UNIT = "件"


# --- finding the tables ------------------------------------------------------------------------


def classify(table: Table) -> str | None:
    """Which template table a grid is, by the labels it holds: proactive, requests, appeals."""
    text = squash("".join(c.text for row in table.grid for c in row if not c.covered))
    if any(k in text for k in ("本年新收", "上年结转", "申请人情况", "自然人", "结转下年度")):
        return "requests"
    if "复议" in text and any(k in text for k in ("维持", "纠正", "审结")):
        return "appeals"
    if any(
        k in text for k in ("第二十条", "信息内容", "规章", "行政许可", "行政处罚", "事业性收费")
    ):
        return "proactive"
    if any(k in text for k in ("不予公开", "无法提供", "不予处理", "其他处理")):
        return "requests"
    return None


def group_tables(tables: list[Table]) -> dict[str, list[Table]]:
    """Template table → its fragments in order. An unrecognised fragment right after a
    recognised one with as many columns continues it."""
    out: dict[str, list[Table]] = {}
    prev: str | None = None
    prev_cols = 0
    for table in tables:
        kind = classify(table)
        if kind is None and prev is not None and table.n_cols == prev_cols:
            kind = prev
        if kind is not None:
            out.setdefault(kind, []).append(table)
        prev, prev_cols = kind, table.n_cols
    return out


# --- shared helpers ----------------------------------------------------------------------------


def _row_cells(table: Table, r: int) -> list[Cell]:
    """The distinct real cells of a row, left to right (a merged cell once)."""
    seen: set[tuple[int, int]] = set()
    out = []
    grid = table.grid
    for cell in grid[r]:
        if cell.origin is not None:
            orow, ocol = cell.origin
            cell = grid[orow][ocol]
        key = (cell.row, cell.col)
        if key not in seen:
            seen.add(key)
            out.append(cell)
    return out


def _fact(
    table: str,
    row: str,
    column: str,
    cell: Cell,
    reading: Reading,
    printed_row: str,
    printed_column: str,
    default_unit: str,
    note: str = "",
) -> Fact:
    if reading.note and note:
        note = f"{reading.note}; {note}"
    elif reading.note:
        note = reading.note
    return Fact(  # positional: this runs for every value of every report
        table,
        row,
        column,
        reading.value,
        reading.unit or default_unit,
        cell.text,
        reading.blank,
        S.label_of(table, "row", row),
        S.label_of(table, "column", column),
        printed_row,
        printed_column,
        cell.prov,
        note,
    )


def _take(out: TableMapping, fact: Fact) -> None:
    """Add a fact; a cell whose text is not a number is also reported."""
    out.facts.append(fact)
    if fact.value is None:
        out.problems.append(
            Problem(
                "number.unreadable",
                fact.table,
                f"{fact.key}: {fact.raw!r} is not a number",
                fact.prov,
                "fail",
            )
        )


def _column_map(
    frag: Table, header_rows: range, items: tuple[S.Item, ...]
) -> dict[int, tuple[S.Item, str]]:
    """Column index → (item, printed header) from the deepest header text that names an item."""
    out: dict[int, tuple[S.Item, str]] = {}
    for c in range(frag.n_cols):
        for r in reversed(header_rows):
            text = frag.text(r, c)
            if not text.strip():
                continue
            item = match(text, items)
            if item is not None:
                out[c] = (item, text)
            break
    return out


def _pick_cell(cells: list[Cell]) -> tuple[Cell | None, bool]:
    """Of the cells under one code, the one holding the value; True when several disagree."""
    filled = [c for c in cells if c.text.strip()]
    distinct = {(c.row, c.col) for c in filled}
    if not filled:
        return (cells[0] if cells else None), False
    return filled[0], len(distinct) > 1


# --- table 2: requests -------------------------------------------------------------------------


def _header_end(frag: Table, items: tuple[S.Item, ...], min_hits: int = 2) -> int:
    """Index of the first row after the header (rows naming at least ``min_hits`` columns)."""
    last = -1
    for r in range(min(frag.n_rows, 6)):
        cells = _row_cells(frag, r)
        if any(has_number(cell.text) for cell in cells):
            continue  # a header row holds no numbers: （六）其他处理 / 3.其他 is a data row
        hits = sum(1 for cell in cells if match(cell.text, items) is not None)
        if hits >= min_hits:
            last = r
    return last + 1


def map_requests(frags: list[Table]) -> TableMapping:
    """Table 2 fragments → facts under ``requests.<row>.<column>``."""
    out = TableMapping()
    colmap: dict[int, tuple[S.Item, str]] = {}
    group: str | None = None
    seen_rows: set[str] = set()
    for frag in frags:
        start = _header_end(frag, S.REQUEST_COLUMNS)
        if start > 0:
            colmap = _column_map(frag, range(start), S.REQUEST_COLUMNS)
        if not colmap:
            out.problems.append(
                Problem("table.no_header", "requests", "no column header found", frag.prov, "fail")
            )
            continue
        by_code: dict[str, list[int]] = {}
        for c, (item, _) in sorted(colmap.items()):
            by_code.setdefault(item.code, []).append(c)
        first_data_col = min(colmap)
        for r in range(start, frag.n_rows):
            cells = _row_cells(frag, r)
            labels = [c for c in cells if c.text.strip() and not is_numberish(c.text)]
            group, row_item, printed = _resolve_request_row(labels, group)
            values = _row_values(frag, r, cells, by_code, first_data_col)
            has_values = values is not None and any(
                has_number(cell.text) for cell, _ in values.values()
            )
            if row_item is None:
                if has_values or (values is None and any(has_number(c.text) for c in cells)):
                    out.problems.append(
                        Problem(
                            "label.unmapped",
                            "requests",
                            f"row label {printed!r} maps to no code; its numbers are not taken",
                            cells[0].prov,
                            "fail",
                        )
                    )
                continue
            if values is None:
                out.problems.append(
                    Problem(
                        "row.unaligned",
                        "requests",
                        f"row {row_item.code} ({printed!r}): its values do not line up with the "
                        "header columns; not taken",
                        cells[0].prov,
                        "fail",
                    )
                )
                continue
            if row_item.code in seen_rows:
                out.problems.append(
                    Problem(
                        "row.duplicate",
                        "requests",
                        f"row {row_item.code} printed twice ({printed!r}); the first is kept",
                        cells[0].prov,
                    )
                )
                continue
            seen_rows.add(row_item.code)
            for code, (cell, note) in values.items():
                column_printed = colmap.get(cell.col, (None, ""))[1]
                fact = _fact(
                    "requests",
                    row_item.code,
                    code,
                    cell,
                    read_number(cell.text),
                    printed,
                    column_printed,
                    _COUNT_UNIT,
                    note,
                )
                _take(out, fact)
    out.version = _requests_version(seen_rows)
    return out


def _requests_version(seen: set[str]) -> str | None:
    if any(code in seen for code in S.OTHER_SUBROWS):
        return "2021"
    return None


def _resolve_request_row(
    labels: list[Cell], group: str | None
) -> tuple[str | None, S.Item | None, str]:
    """Label cells of a row (left to right) and the group in force → (new group, row item,
    printed label)."""
    parsed = [parse_label(c.text) for c in labels]
    printed = " / ".join(c.text for c in labels)
    if not parsed:
        return group, None, printed
    for lab in parsed[:-1]:
        g = match(lab, S.REQUEST_GROUPS)
        if g is not None:
            group = g.code
    leaf = parsed[-1]
    item = _match_request_row(leaf, group)
    if item is None:
        g = match(leaf, S.REQUEST_GROUPS)
        if g is not None:
            return g.code, None, printed
        return group, None, printed
    return (item.group if item.group in SUBGROUPS else None), item, printed


def _match_request_row(leaf: Label, group: str | None) -> S.Item | None:
    """Match a row label with the group in force: sub-rows of another group need a near-exact
    match; a numbered sub-row label needs a group."""
    if leaf.kind == "item" or (leaf.kind is None and group in SUBGROUPS):
        pool = [i for i in S.REQUEST_ROWS if i.group == group] if group in SUBGROUPS else []
        hit = match(leaf, pool) if pool else None
        if hit is not None:
            return hit
        hit = match(leaf, [i for i in S.REQUEST_ROWS if i.group in SUBGROUPS])
        return hit if hit is not None and _near_exact(leaf, hit) else None
    pool = [i for i in S.REQUEST_ROWS if i.group not in SUBGROUPS]
    return match(leaf, pool)


def _near_exact(leaf: Label, item: S.Item) -> bool:
    return score(leaf.key, item) >= 0.9


def _row_values(
    frag: Table, r: int, row_cells: list[Cell], by_code: dict[str, list[int]], first_data_col: int
) -> dict[str, tuple[Cell, str]] | None:
    """Code → (cell, note) for row ``r`` (whose distinct cells are ``row_cells``). Values are read
    under their header columns; a row whose cells are shifted (published text that lost or gained
    a cell) is read by order instead, and says so; None when neither works."""
    picked: dict[str, tuple[Cell, str]] = {}
    aligned = True
    width = len(frag.grid[r])
    for code, cols in by_code.items():
        if len(cols) == 1 and cols[0] < width:  # the usual: one column per code
            cell, conflict = frag.origin_cell(r, cols[0]), False
        else:
            cell, conflict = _pick_cell([frag.origin_cell(r, c) for c in cols if c < width])
        if cell is None or conflict or not is_numberish(cell.text):
            aligned = False
            break
        picked[code] = (cell, "")
    label_digits = any(has_number(c.text) for c in row_cells if c.col < first_data_col)
    if aligned and not label_digits:
        return picked
    if any(c.prov.bbox is not None for c in row_cells):
        return None  # a PDF row's places are proven by geometry, never by order
    cells = row_cells
    last_label = max((i for i, c in enumerate(cells) if not is_numberish(c.text)), default=-1)
    tail = cells[last_label + 1 :]
    k = len(by_code)
    while len(tail) > k and not tail[-1].text.strip():
        tail = tail[:-1]
    if len(tail) != k or not any(has_number(c.text) for c in tail):
        return None
    codes = [code for code, _ in sorted(by_code.items(), key=lambda kv: kv[1][0])]
    return {
        code: (cell, "read by order: the row's cells are shifted")
        for code, cell in zip(codes, tail, strict=True)
    }


# --- table 3: appeals --------------------------------------------------------------------------


def map_appeals(frags: list[Table]) -> TableMapping:
    """Table 3 → facts under ``appeals.<block>.<result>``."""
    out = TableMapping()
    seen: set[tuple[str, str]] = set()
    for frag in frags:
        data_rows = [
            r for r in range(frag.n_rows) if any(has_number(c.text) for c in _row_cells(frag, r))
        ]
        if not data_rows:
            continue
        header = range(data_rows[0])
        blocks = _appeal_blocks(frag, header)
        results = _column_map(frag, header, S.APPEAL_COLUMNS)
        for r in data_rows:
            for c in range(frag.n_cols):
                cell = frag.origin_cell(r, c)
                if cell.col != c:
                    continue
                block, result = blocks.get(c), results.get(c)
                if block is None or result is None:
                    if has_number(cell.text):
                        out.problems.append(
                            Problem(
                                "label.unmapped",
                                "appeals",
                                f"column {c}: header does not name a block and a result; "
                                f"value {cell.text!r} not taken",
                                cell.prov,
                                "fail",
                            )
                        )
                    continue
                key = (block[0].code, result[0].code)
                if key in seen:
                    out.problems.append(
                        Problem("cell.duplicate", "appeals", f"{key} printed twice", cell.prov)
                    )
                    continue
                seen.add(key)
                fact = _fact(
                    "appeals",
                    key[0],
                    key[1],
                    cell,
                    read_number(cell.text),
                    block[1],
                    result[1],
                    _COUNT_UNIT,
                )
                _take(out, fact)
    return out


def _appeal_blocks(frag: Table, header: range) -> dict[int, tuple[S.Item, str]]:
    """Column → block (复议 / 直接起诉 / 复议后起诉). A block label spans to the right until the
    next non-empty header cell of its row; the deepest row that names a block wins."""
    out: dict[int, tuple[S.Item, str]] = {}
    for r in header:
        current: tuple[S.Item, str] | None = None
        prev_origin = None
        for c in range(frag.n_cols):
            cell = frag.origin_cell(r, c)
            origin = (cell.row, cell.col)
            if cell.text.strip() and origin != prev_origin:
                item = match(cell.text, S.APPEAL_ROWS)
                current = (item, cell.text) if item is not None else None
            prev_origin = origin
            if current is not None:
                out[c] = current
    return out


# --- table 1: proactive ------------------------------------------------------------------------

_PROACTIVE_COLUMNS = S.PROACTIVE_COLUMNS_2021 + S.PROACTIVE_COLUMNS_2019
_SHARED_CODES = {i.code for i in S.PROACTIVE_COLUMNS_2021} & {
    i.code for i in S.PROACTIVE_COLUMNS_2019
}


def _column_version(item: S.Item) -> str:
    """The template a table-1 column belongs to; "" for a code both templates have (it does
    not tell them apart)."""
    if item.code in _SHARED_CODES:
        return ""
    return "2021" if item in S.PROACTIVE_COLUMNS_2021 else "2019"


def _header_unit(text: str) -> str:
    s = squash(text)
    if "万元" in s:
        return "万元"
    if "元" in s:
        return "元"
    return ""


def map_proactive(frags: list[Table]) -> TableMapping:
    """Table 1 (one table or one per block) → facts under ``proactive.<row>.<column>``."""
    out = TableMapping()
    versions: set[str] = set()
    seen: set[tuple[str, str]] = set()
    for frag in frags:
        colmap: dict[int, tuple[S.Item, str]] = {}
        for r in range(frag.n_rows):
            cells = _row_cells(frag, r)
            header = {c.col: (match(c.text, _PROACTIVE_COLUMNS), c.text) for c in cells[1:]}
            if any(item is not None for item, _ in header.values()) and not any(
                has_number(c.text) for c in cells[1:]
            ):
                colmap = {}
                for c in range(1, frag.n_cols):
                    cell = frag.origin_cell(r, c)
                    item, text = header.get(cell.col, (None, ""))
                    if item is not None:
                        colmap[c] = (item, text)
                        versions.add(_column_version(item))
                continue
            row_item = match(cells[0].text, S.PROACTIVE_ROWS) if cells else None
            data = [c for c in cells[1:] if c.text.strip()]
            if row_item is None:
                if any(has_number(c.text) for c in data):
                    out.problems.append(
                        Problem(
                            "label.unmapped",
                            "proactive",
                            f"row label {cells[0].text!r} maps to no code; its numbers are not taken",
                            cells[0].prov,
                            "fail",
                        )
                    )
                continue
            by_code: dict[str, list[int]] = {}
            for c, (item, _) in sorted(colmap.items()):
                by_code.setdefault(item.code, []).append(c)
            if not by_code:
                out.problems.append(
                    Problem(
                        "table.no_header",
                        "proactive",
                        f"row {row_item.code} has no column header",
                        cells[0].prov,
                        "fail",
                    )
                )
                continue
            for code, cols in by_code.items():
                cand = [frag.origin_cell(r, c) for c in cols]
                cand = [c for c in cand if c.col > 0]
                cell, conflict = _pick_cell(cand)
                if cell is None:
                    continue
                if (row_item.code, code) in seen:
                    out.problems.append(
                        Problem(
                            "cell.duplicate",
                            "proactive",
                            f"{row_item.code}.{code} printed twice",
                            cell.prov,
                        )
                    )
                    continue
                seen.add((row_item.code, code))
                printed_col = colmap[cols[0]][1]
                unit = _header_unit(printed_col) or (
                    "万元" if (row_item.code, code) in S.MONEY_COLUMNS else _COUNT_UNIT
                )
                note = (
                    "several cells under one header; the first filled one is taken"
                    if conflict
                    else ""
                )
                fact = _fact(
                    "proactive",
                    row_item.code,
                    code,
                    cell,
                    read_number(cell.text),
                    cells[0].text,
                    printed_col,
                    unit,
                    note,
                )
                _take(out, fact)
                if conflict:
                    out.problems.append(
                        Problem(
                            "cell.ambiguous", "proactive", f"{fact.key}: {note}", cell.prov, "fail"
                        )
                    )
    versions.discard("")
    out.version = versions.pop() if len(versions) == 1 else ("mixed" if versions else None)
    for fact in out.facts:  # the official wording of the report's own template
        fact.column_label = S.label_of("proactive", "column", fact.column, out.version or "2021")
    return out


def map_tables(tables: list[Table]) -> dict[str, TableMapping]:
    """All tables of a document → one mapping per template table found."""
    groups = group_tables(tables)
    mappers = {"proactive": map_proactive, "requests": map_requests, "appeals": map_appeals}
    return {kind: mappers[kind](frags) for kind, frags in groups.items()}
