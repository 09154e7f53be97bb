"""Reports → DataFrames and CSV files. Reads only the canonical model.

CSV files are UTF-8 with a BOM so Excel and WPS open the Chinese correctly, and are written to
a temporary name and moved into place, so a crash never leaves half a file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .report import Report
from .template import schema as S

FACT_COLUMNS = [
    "source",
    "table",
    "row",
    "column",
    "value",
    "unit",
    "row_label",
    "column_label",
    "raw",
    "page",
    "blank",
    "printed_row",
    "printed_column",
    "table_index",
    "grid_row",
    "grid_col",
    "line",
    "bbox",
    "origin",
    "note",
]
SECTION_COLUMNS = ["source", "section", "title", "text"]
CHECK_COLUMNS = [
    "source",
    "rule",
    "table",
    "scope",
    "status",
    "lhs",
    "lhs_value",
    "rhs",
    "rhs_value",
    "difference",
    "cells",
    "detail",
    "page",
]
META_COLUMNS = [
    "source",
    "format",
    "sha256",
    "pages",
    "title",
    "body",
    "signature_body",
    "year",
    "signed",
    "template",
    "template_tables",
    "sections_found",
    "checks_failed",
    "problems",
]
ERROR_COLUMNS = ["source", "kind", "reason"]


def all_cell_keys() -> list[str]:
    """Every canonical cell of every template, in a fixed order: the wide columns."""
    keys: list[str] = []
    for template in ("2021", "2019"):
        for table, row, col in S.canonical_cells(template):
            key = f"{table}.{row}.{col}"
            if key not in keys:
                keys.append(key)
    return keys


def facts_frame(reports: Iterable[Report]) -> pd.DataFrame:
    rows = []
    for rep in reports:
        for f in rep.fact_list:
            p = f.prov
            rows.append(
                {
                    "source": rep.source,
                    "table": f.table,
                    "row": f.row,
                    "column": f.column,
                    "value": f.value,
                    "unit": f.unit,
                    "row_label": f.row_label,
                    "column_label": f.column_label,
                    "raw": f.raw,
                    "page": p.page,
                    "blank": f.blank,
                    "printed_row": f.printed_row,
                    "printed_column": f.printed_column,
                    "table_index": p.table,
                    "grid_row": p.row,
                    "grid_col": p.col,
                    "line": p.line,
                    "bbox": ",".join(str(v) for v in p.bbox) if p.bbox else None,
                    "origin": f.origin,
                    "note": f.note,
                }
            )
    return pd.DataFrame(rows, columns=FACT_COLUMNS)


def sections_frame(reports: Iterable[Report]) -> pd.DataFrame:
    rows = [
        {"source": rep.source, "section": s.code, "title": s.title, "text": s.text}
        for rep in reports
        for s in rep.section_list
        if s.code != "preamble" or s.paragraphs
    ]
    return pd.DataFrame(rows, columns=SECTION_COLUMNS)


def checks_frame(reports: Iterable[Report]) -> pd.DataFrame:
    rows = []
    for rep in reports:
        for c in rep.check_list:
            rows.append(
                {
                    "source": rep.source,
                    "rule": c.rule,
                    "table": c.table,
                    "scope": c.scope,
                    "status": c.status,
                    "lhs": c.lhs,
                    "lhs_value": c.lhs_value,
                    "rhs": c.rhs,
                    "rhs_value": c.rhs_value,
                    "difference": c.difference,
                    "cells": " ".join(c.cells),
                    "detail": c.detail,
                    "page": None,
                }
            )
        for p in rep.problems:
            rows.append(
                {
                    "source": rep.source,
                    "rule": p.rule,
                    "table": p.table,
                    "scope": "",
                    "status": p.status,
                    "detail": p.detail,
                    "page": p.prov.page if p.prov else None,
                }
            )
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def reports_frame(reports: Iterable[Report]) -> pd.DataFrame:
    """One row per report: metadata, then every canonical cell as a column."""
    keys = all_cell_keys()
    rows = []
    for rep in reports:
        row = {c: rep.meta.get(c) for c in META_COLUMNS}
        values = {f.key: f.value for f in rep.fact_list if f.origin == "table"}
        row.update({k: values.get(k) for k in keys})
        rows.append(row)
    return pd.DataFrame(rows, columns=META_COLUMNS + keys)


def errors_frame(errors: Iterable[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(list(errors), columns=ERROR_COLUMNS)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a frame as UTF-8-with-BOM CSV, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    frame.to_csv(tmp, index=False, encoding="utf-8-sig")
    os.replace(tmp, path)


def write_outputs(
    reports: list[Report], errors: list[tuple[str, str, str]], out_dir: Path
) -> dict[str, Path]:
    """The four CSV files (and errors.csv) for a set of reports."""
    out_dir = Path(out_dir)
    frames = {
        "reports.csv": reports_frame(reports),
        "facts.csv": facts_frame(reports),
        "sections.csv": sections_frame(reports),
        "checks.csv": checks_frame(reports),
        "errors.csv": errors_frame(errors),
    }
    written = {}
    for name, frame in frames.items():
        write_csv(frame, out_dir / name)
        written[name] = out_dir / name
    return written
