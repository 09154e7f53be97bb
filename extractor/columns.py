"""The output schema: every output table as its columns, each a name, a type and a getter.

The row builders (``export``), the writers (CSV, Parquet, DuckDB, the frames) and the README's
column lists all read the tables here (``test_columns`` holds the README to them). A row is a
tuple in column order, built by the getters from one item of the table: a ``Fact`` for
``facts``, a ``Section`` for ``sections``, a ``Check`` or a ``Problem`` for ``checks``, a
``Failure`` for ``errors``, a report's ``Wide`` line for ``reports``. The first column of these
tables is ``source``, given with the item (the report or input it belongs to), not read from it.

Types: ``string``, ``int``, ``bool``, ``float``, ``decimal`` (exact, as printed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from .canonical import Fact, Problem
from .checks import Check
from .template import schema

Row = tuple[Any, ...]
TYPES = ("string", "int", "bool", "float", "decimal")
SOURCE = "source"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # one of TYPES
    get: Callable[[Any], Any]  # the table's item → this column's value


@dataclass(frozen=True, slots=True, eq=False)  # one object per table: hashed by identity
class Table:
    """An output table. ``keyed``: its first column is ``source``, given with the items (the
    report or input they belong to); else every column is read from the item."""

    name: str
    file: str
    columns: tuple[Column, ...]
    keyed: bool = True
    names: list[str] = field(init=False)

    _values: Callable[[Any], Row] = field(init=False)
    _row: Callable[[str, Any], Row] = field(init=False)

    def __post_init__(self) -> None:
        names = [c.name for c in self.columns]
        object.__setattr__(self, "names", [SOURCE, *names] if self.keyed else names)
        getters = [c.get for c in self.columns]
        object.__setattr__(self, "_values", _row_function(getters))
        object.__setattr__(self, "_row", _row_function(getters, source=True))

    def types(self) -> dict[str, str]:
        """Column name → type, in column order."""
        types = [c.type for c in self.columns]
        return dict(zip(self.names, ["string", *types] if self.keyed else types, strict=True))

    def values(self, item: Any) -> Row:
        """One item → its row (without ``source`` in a keyed table)."""
        return self._values(item)

    def rows(self, source: str, items: Iterable[Any]) -> list[Row]:
        """Items of one source → their rows (a keyed table)."""
        row = self._row
        return [row(source, item) for item in items]


def _row_function(getters: list[Callable[[Any], Any]], source: bool = False) -> Callable[..., Row]:
    """Getters → one function that calls each on an item and returns the tuple, written out as
    ``(g0(x), g1(x), …)`` (as ``dataclasses`` writes ``__init__``): half the time of a loop over
    the getters, for the hundreds of rows each report has. ``source``: the function takes the
    source first and puts it first."""
    args, head = ("s, x", "s, ") if source else ("x", "")
    body = "".join(f"g{i}(x), " for i in range(len(getters)))
    namespace = {f"g{i}": g for i, g in enumerate(getters)}
    exec(f"def row({args}):\n    return ({head}{body})\n", namespace)  # our own names only
    return namespace["row"]


class Failure(NamedTuple):
    """An input that could not be extracted."""

    source: str
    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class Wide:
    """A report as one line of ``reports``: its metadata and its cells' printed values."""

    meta: Mapping[str, Any]
    cells: Mapping[str, Decimal | None]


def printed_value(f: Fact) -> Decimal | None:
    """A fact's value as the report printed it: None for a cell printed empty (the template
    layer reads it as 0 for its checks, and says so in ``blank``), so that blank never becomes 0
    in an output. A zero mark ('—', '无') is a printed 0 and stays 0."""
    if f.blank and not f.raw.strip():
        return None
    return f.value


def _bbox(f: Fact) -> str | None:
    bbox = f.prov.bbox
    return ",".join(str(v) for v in bbox) if bbox else None


def _attr(name: str, type_: str = "string") -> Column:
    """A column that is the item's attribute of the same name."""
    return Column(name, type_, attrgetter(name))


FACTS = Table("facts", "facts.csv", (
    _attr("table"), _attr("row"), _attr("column"),
    Column("value", "decimal", printed_value),
    _attr("unit"), _attr("row_label"), _attr("column_label"), _attr("raw"),
    Column("page", "int", attrgetter("prov.page")),
    _attr("blank", "bool"), _attr("printed_row"), _attr("printed_column"),
    Column("table_index", "int", attrgetter("prov.table")),
    Column("grid_row", "int", attrgetter("prov.row")),
    Column("grid_col", "int", attrgetter("prov.col")),
    Column("line", "int", attrgetter("prov.line")),
    Column("bbox", "string", _bbox),
    _attr("origin"), _attr("note"),
    Column("confidence", "float", attrgetter("prov.confidence")),
    Column("unsure", "bool", attrgetter("prov.unsure")),
))  # fmt: skip

SECTIONS = Table("sections", "sections.csv", (
    Column("section", "string", attrgetter("code")), _attr("title"), _attr("text"),
))  # fmt: skip


def _of_check(name: str, problem: Any = None) -> Callable[[Check | Problem], Any]:
    """A column a rule's check has (``name``) and a problem met mapping the tables has not
    (``problem`` there)."""
    get = attrgetter(name)
    return lambda item: get(item) if isinstance(item, Check) else problem


def _cells(item: Check | Problem) -> str | None:
    return " ".join(item.cells) if isinstance(item, Check) else None


def _page(item: Check | Problem) -> int | None:
    return item.prov.page if isinstance(item, Problem) and item.prov else None


CHECKS = Table("checks", "checks.csv", (
    _attr("rule"), _attr("table"),
    Column("scope", "string", _of_check("scope", "")),
    _attr("status"),
    Column("lhs", "string", _of_check("lhs")),
    Column("lhs_value", "decimal", _of_check("lhs_value")),
    Column("rhs", "string", _of_check("rhs")),
    Column("rhs_value", "decimal", _of_check("rhs_value")),
    Column("difference", "decimal", _of_check("difference")),
    Column("cells", "string", _cells),
    _attr("detail"),
    Column("page", "int", _page),
))  # fmt: skip

ERRORS = Table("errors", "errors.csv", (_attr("kind"), _attr("reason")))

# reports: the metadata of ``report.document_to_report`` (name, type), then every cell
COMPLETENESS = tuple(f"{t}_cells_{n}" for t in ("proactive", "requests", "appeals")
                     for n in ("expected", "found"))  # fmt: skip
META: tuple[tuple[str, str], ...] = (
    ("format", "string"), ("sha256", "string"), ("pages", "int"), ("title", "string"),
    ("body", "string"), ("body_short", "string"), ("level", "string"), ("region", "string"),
    ("signature_body", "string"), ("year", "int"), ("signed", "string"),
    ("published", "string"), ("template", "string"), ("template_tables", "string"),
    ("sections_found", "int"), *((c, "int") for c in COMPLETENESS), ("complete", "bool"),
    ("checks_failed", "int"), ("checks_incomplete", "int"), ("problems", "int"),
    ("notes", "string"),
)  # fmt: skip


@lru_cache(maxsize=1)
def all_cell_keys() -> tuple[str, ...]:
    """Every canonical cell of every template, in a fixed order: the wide columns."""
    from .template.indicators import COLUMNS, INDICATORS

    keys: list[str] = []
    for template in ("2021", "2019"):
        for table, row, col in schema.canonical_cells(template):
            key = f"{table}.{row}.{col}"
            if key not in keys:
                keys.append(key)
    keys += [f"indicators.{i.code}.{c}" for i in INDICATORS for c in COLUMNS]
    return tuple(keys)


def _meta(name: str) -> Callable[[Wide], Any]:
    return lambda wide: wide.meta.get(name)


def _cell(key: str) -> Callable[[Wide], Any]:
    return lambda wide: wide.cells.get(key)


@lru_cache(maxsize=1)
def reports_table() -> Table:
    """``reports``: metadata, then every canonical cell as a decimal column."""
    meta = tuple(Column(name, type_, _meta(name)) for name, type_ in META)
    cells = tuple(Column(key, "decimal", _cell(key)) for key in all_cell_keys())
    return Table("reports", "reports.csv", meta + cells)


def record_table(name: str, file: str, spec: Sequence[tuple[str, str]]) -> Table:
    """A table of records (mappings of column → value) whose columns are ``spec``'s (name,
    type), in order."""
    return Table(name, file, tuple(Column(n, t, itemgetter(n)) for n, t in spec), keyed=False)


def error_row(source: str, kind: str, reason: str) -> Row:
    """An input that failed → its errors.csv row."""
    return ERRORS.rows(source, [Failure(source, kind, reason)])[0]


REPORT_TABLES = ("reports", "facts", "sections", "checks")  # where a report's rows go, in order


@lru_cache(maxsize=1)
def tables() -> dict[str, Table]:
    """The tables of every report and failure, in the order they are written."""
    return {t.name: t for t in (reports_table(), FACTS, SECTIONS, CHECKS, ERRORS)}
