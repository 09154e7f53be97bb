"""CSV files as every output writes them: UTF-8 with a BOM (so Excel and WPS open the Chinese
correctly), written to a temporary name and moved into place, in the dialect pandas writes
(minimal quoting, ``\\n`` line ends); every value ``str(value)`` (a ``Decimal`` exactly as
printed, integers without a ``.0``, ``True``/``False``), ``None`` an empty field. Text that a
spreadsheet would run as a formula (it begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) gets a leading ``'`` (``csv_cell``); numbers, and text that is only a number such as a
raw ``-3``, are written as they are.

Lines are made by a function written out for each table from its column types (``csv_line``):
the same text as ``csv.writer``, three times as fast, which a bulk run spends on every row.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..columns import Row, Table
from ..textutil import FORMULA_START, spreadsheet_safe

_PLAIN_NUMBER = re.compile(r"-?\d[\d,]*(\.\d+)?%?")  # a spreadsheet reads it as a number
FIELDS_KEPT = 100_000  # a few megabytes
BOM = "\ufeff".encode()  # what encoding="utf-8-sig" writes first
STR_CALLED = ("decimal", "bool", "float")  # column types written with str(), not format()


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell that Excel/WPS may open: formula-looking text neutralised
    (``textutil.spreadsheet_safe``), a number in text (``-3``) left a number."""
    if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):
        return value
    return spreadsheet_safe(value)


def csv_field(value: Any) -> str:
    """One value → its field in a line, as ``csv.writer`` writes ``csv_cell(value)`` (quoted when
    it holds a comma, a quote or a line end; quotes doubled)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)
    text = csv_cell(value) if value.startswith(FORMULA_START) else value
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    if "," in text or "\n" in text:
        return '"' + text + '"'
    return text


class _Fields(dict[Any, str]):
    """Text → its field (``csv_field``), remembered: the labels and codes of every report
    repeat. One lookup a cell (``fields[text]``); a text not met yet is added, up to
    FIELDS_KEPT texts, then they are all forgotten."""

    def __missing__(self, value: Any) -> str:
        field = csv_field(value)
        if len(self) >= FIELDS_KEPT:
            self.clear()
        self[value] = field
        return field


_FIELDS = _Fields()


@lru_cache(maxsize=32)
def csv_line(table: Table) -> Callable[[Row], str]:
    """A table's row → its CSV line, by a function written out from the column types: a text
    column through ``_FIELDS`` (remembered), any other as ``str(value)`` ('' for None;
    text met in such a column, never expected, still goes through ``csv_field``). An f-string
    field is ``format(value, '')``, which is ``str(value)``: an int is formatted as it is, a
    Decimal, bool or float by calling ``str`` (a third of the time ``Decimal.__format__``
    takes)."""
    fields = []
    for i, type_ in enumerate(table.types().values()):
        v = f"v{i}"
        if type_ == "string":
            fields.append(f"{{t[x[{i}]]}}")
        else:
            text = f"s({v})" if type_ in STR_CALLED else v
            fields.append(
                f"{{'' if ({v} := x[{i}]) is None else {text} if {v}.__class__ is not str else f({v})}}"
            )
    namespace: dict[str, Any] = {"t": _FIELDS, "f": csv_field, "s": str}
    exec(
        f'def line(x):\n    return f"{",".join(fields)}\\n"\n', namespace
    )  # our own code, from column types
    return namespace["line"]


def csv_text(table: Table, rows: Iterable[Row]) -> str:
    """Rows of a table → their CSV lines."""
    return "".join(map(csv_line(table), rows))


def csv_header(names: Iterable[str]) -> str:
    return ",".join(map(csv_field, names)) + "\n"


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary name beside ``path``, moved onto it when the block ends without error."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_csv_rows(
    path: Path, table: Table, rows: Iterable[Row], header: list[str] | None = None
) -> None:
    """A header (the table's names unless given) and rows → a CSV file, atomically, streamed
    (rows are not held)."""
    line = csv_line(table)
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(csv_header(header or table.names))
        fh.writelines(map(line, rows))
