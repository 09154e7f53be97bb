"""The house as drawn in README.md's Architecture section: every import inside ``extractor``
(function-local ones included, read from each module's syntax tree, nothing imported) is allowed
by the layer table there, and no chain of imports comes back to where it started."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "extractor"
ANYTHING = "anything"
NOTHING = "nothing of ours"
# Cycles through files being rewritten by other branches (issue 12): each edge named here is left
# out of the cycle search and must still exist. Remove an entry when its file is rewritten.
BEING_REWRITTEN: dict[tuple[str, str], str] = {}


@dataclass(frozen=True, slots=True)
class Import:
    source: str  # the importing module
    target: str  # the module imported
    type_only: bool  # inside ``if TYPE_CHECKING:``: never runs
    line: int


def module_name(path: Path) -> str:
    """extractor/readers/pdf.py → extractor.readers.pdf; a package's __init__ → the package."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _targets(node: ast.ImportFrom, source: str, is_package: bool) -> list[str]:
    """Modules a ``from … import …`` names: each imported name that is a submodule, else the
    module it is imported from."""
    if node.level:
        base = source.split(".")[: len(source.split(".")) - node.level + is_package]
        origin = ".".join(base + [node.module] if node.module else base)
    else:
        origin = node.module or ""
    return [f"{origin}.{a.name}" if f"{origin}.{a.name}" in MODULES else origin for a in node.names]


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def module_imports(source: str, path: Path) -> list[Import]:
    """Every import of one of our modules in ``source``, wherever it stands in the module."""
    found: list[Import] = []

    def visit(node: ast.AST, type_only: bool) -> None:
        if isinstance(node, ast.ImportFrom):
            names = _targets(node, source, path.name == "__init__.py")
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            names = []
        found.extend(Import(source, n, type_only, node.lineno) for n in names if n in MODULES)
        for child in ast.iter_child_nodes(node):
            visit(child, type_only or _is_type_checking(node))

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return [i for i in found if i.target != source]


IMPORTS = [i for name, path in MODULES.items() for i in module_imports(name, path)]


# --- cycles -------------------------------------------------------------------------------------


def ancestors(name: str) -> list[str]:
    """The packages whose ``__init__`` runs before ``name`` does: a.b.c → a, a.b."""
    parts = name.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def runtime_edges(imports: list[Import]) -> dict[str, set[str]]:
    """Who runs whom on import: each import's module and the packages above it (not those above
    the importer, which have already run)."""
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    for i in imports:
        if i.type_only or (i.source, i.target) in BEING_REWRITTEN:
            continue
        own = set(ancestors(i.source))
        runs = [a for a in ancestors(i.target) if a not in own and a in MODULES]
        edges[i.source].update({i.target, *runs} - {i.source})
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import cycle as the modules along it (first = last), or [] when there is none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = 2
        path.pop()
        return []

    for start in sorted(edges):
        if start not in state and (cycle := visit(start)):
            return cycle
    return []


def test_a_cycle_hidden_in_a_function_is_found_and_a_type_only_one_is_not(tmp_path):
    """canonical imports model; a model that imported canonical in a function would close a
    cycle, one that imported it only for type checkers would not."""
    others = [i for i in IMPORTS if i.source != "extractor.model"]
    fake = tmp_path / "model.py"
    fake.write_text("def f():\n    from .canonical import Fact\n")
    cycle = find_cycle(runtime_edges(others + module_imports("extractor.model", fake)))
    assert cycle[0] == cycle[-1] and set(cycle) == {"extractor.model", "extractor.canonical"}
    fake.write_text("if TYPE_CHECKING:\n    from .canonical import Fact\n")
    assert find_cycle(runtime_edges(others + module_imports("extractor.model", fake))) == []


def test_no_import_cycle():
    assert find_cycle(runtime_edges(IMPORTS)) == []


def test_edges_left_for_rewrites_still_exist():
    """An entry of BEING_REWRITTEN whose import is gone must leave the list."""
    edges = {(i.source, i.target) for i in IMPORTS}
    assert set(BEING_REWRITTEN) <= edges


# --- layers, as README.md draws them --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Layer:
    name: str
    members: tuple[str, ...]  # module names; a folder ``readers/`` stands for its package
    allowed: tuple[str, ...]  # layer names and module names; ANYTHING or NOTHING


def layer_table(readme: str) -> list[Layer]:
    """The rows of the table under "What each layer may import"."""
    section = readme.split("### What each layer may import", 1)[1].split("\n#", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    layers = []
    for row in rows[1:]:  # the header first
        name, members, allowed = (cell.strip() for cell in row.strip("|").split("|"))
        words = re.sub(r"\([^)]*\)", "", allowed)  # a remark in brackets allows nothing
        allowed_names = re.findall(r"`([^`]+)`", words) + [
            w for w in re.sub(r"`[^`]+`", "", words).replace(",", " ").split()
        ]
        if allowed.startswith((ANYTHING, NOTHING)):
            allowed_names = [ANYTHING if allowed.startswith(ANYTHING) else NOTHING]
        layers.append(Layer(name, tuple(re.findall(r"`([^`]+)`", members)), tuple(allowed_names)))
    return layers


LAYERS = layer_table((ROOT / "README.md").read_text(encoding="utf-8"))


def member_matches(member: str, module: str) -> bool:
    """Does a table entry (``model``, ``readers/``, ``template/schema``, ``__init__``) name the
    module?"""
    if member == "__init__":
        return module == "extractor"
    dotted = "extractor." + member.rstrip("/").replace("/", ".")
    return module == dotted or (member.endswith("/") and module.startswith(dotted + "."))


def layer_of(module: str) -> Layer:
    (layer,) = [la for la in LAYERS if any(member_matches(m, module) for m in la.members)]
    return layer


def allows(layer: Layer, target: str) -> bool:
    """May a module of ``layer`` import ``target``?"""
    if ANYTHING in layer.allowed:
        return True
    target_layer = layer_of(target)
    if target_layer == layer or target_layer.name in layer.allowed:
        return True
    return any(member_matches(m, target) for m in layer.allowed)


def test_every_module_has_one_layer_and_every_entry_a_module():
    for module in MODULES:
        assert [la.name for la in LAYERS if any(member_matches(m, module) for m in la.members)]
    names = {la.name for la in LAYERS}
    for la in LAYERS:
        for entry in la.members + tuple(a for a in la.allowed if a not in names):
            if entry not in (ANYTHING, NOTHING):
                assert any(member_matches(entry, m) for m in MODULES), (la.name, entry)


def test_every_import_is_allowed_by_the_layer_table():
    bad = [
        f"{i.source} imports {i.target} (line {i.line})"
        for i in IMPORTS
        if not allows(layer_of(i.source), i.target)
    ]
    assert bad == []


def test_the_rules_the_house_keeps():
    """What the table must go on saying, whatever else changes in it."""
    assert LAYERS and all(len(la.members) for la in LAYERS)
    assert layer_of("extractor.model").allowed == (NOTHING,)
    assert not allows(layer_of("extractor.readers.pdf"), "extractor.template.schema")
    assert not allows(layer_of("extractor.template.tables"), "extractor.readers.docx")
    for module in ("extractor.checks", "extractor.export", "extractor.outputs.xlsx"):
        for forbidden in ("extractor.model", "extractor.readers", "extractor.template.sections"):
            assert not allows(layer_of(module), forbidden), (module, forbidden)


def test_pdf_modules_need_nothing_of_ocr_but_its_page_hook():
    """The PDF reader calls OCR for a page without a usable text layer, and nothing else of it:
    OCR'd lines are TextLines carrying their confidence, so paragraphs need no OCR type."""
    hook = {"read_page", "no_text_error"}
    for name, path in MODULES.items():
        if not name.startswith("extractor.readers.pdf"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used = {
            n.attr
            for n in ast.walk(tree)
            if isinstance(n, ast.Attribute) and ast.unparse(n.value) == "ocr"
        }
        used |= {
            a.name
            for n in ast.walk(tree)
            if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("ocr")
            for a in n.names
        }
        assert used <= hook, (name, used - hook)


MAX_MODULE_LINES = 400  # a module a reader can hold in mind (issue 12)


def test_no_module_is_over_the_line_limit():
    long = {
        module: n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
        for module in [module_name(path)]
    }
    assert long == {}
