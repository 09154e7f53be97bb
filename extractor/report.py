"""Document → Report: the template layer applied, metadata read, checks run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .canonical import Fact, Pending, Problem, TableMapping
from .checks import Check, run_checks
from .compilation import refuse_several_sets, split_document
from .errors import NotAReport
from .model import Document
from .template.bodies import describe_body
from .template.completeness import table_completeness
from .template.flattened import tables_from_text
from .template.meta import (
    body_from_title,
    crawl_header,
    find_title,
    published_date,
    signature_body,
    signing_date,
    year_from_title,
)
from .template.normalize import to_simplified
from .template.prose import facts_from_prose
from .template.sections import Section, blocks_to_sections
from .template.statistics import (
    indicators_from_grid,
    indicators_from_prose,
    indicators_from_text,
    is_indicator_table,
)
from .template.tables import map_tables

if TYPE_CHECKING:
    import pandas as pd


@dataclass(slots=True)
class Report:
    """One extracted report. ``facts``, ``sections`` and ``checks`` are DataFrames; the lists
    behind them are ``fact_list``, ``section_list``, ``check_list`` and ``problems``."""

    source: str
    meta: dict[str, Any]
    section_list: list[Section]
    fact_list: list[Fact]
    check_list: list[Check]
    problems: list[Problem] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)  # run-together rows left unsettled

    @property
    def facts(self) -> pd.DataFrame:
        from .export import facts_frame

        return facts_frame([self])

    @property
    def sections(self) -> pd.DataFrame:
        from .export import sections_frame

        return sections_frame([self])

    @property
    def checks(self) -> pd.DataFrame:
        from .export import checks_frame

        return checks_frame([self])

    def value(self, key: str) -> Any:
        """The value of one canonical cell, e.g. ``report.value("requests.new.total")``."""
        for f in self.fact_list:
            if f.key == key and f.origin == "table":
                return f.value
        raise KeyError(key)

    @property
    def failed_checks(self) -> list[Check]:
        return [c for c in self.check_list if c.status == "fail"]


def _template_version(versions: dict[str, str | None]) -> str:
    known = {v for v in versions.values() if v}
    if len(known) == 1:
        return known.pop()
    if len(known) > 1:
        return "mixed"
    return "unknown"


KINDS = ("proactive", "requests", "appeals")


def _flattened_tables(sections: list[Section], kinds: list[str], said: dict[str, Fact]) -> dict:
    """Tables missing from the grid, recovered from text that ran their cells together: each
    from its own section's text (or from the whole text when the sections were not found),
    run-together cells settled with the numbers the prose states (``said``)."""
    by_code = {s.code: s.paragraphs for s in sections}
    everything = [p for s in sections for p in s.paragraphs]
    out = {}
    for kind in kinds:
        found = tables_from_text(by_code.get(kind) or everything, [kind], said)
        out.update(found)
    return out


def _indicators(sections: list[Section], grids: list, year: int | None) -> TableMapping:
    """The pre-2019 统计表 from its grid, else from text that ran it together (its run-together
    values settled with the prose's numbers), with the numbers the prose states (origin
    'text') to check it; without a table, the prose's numbers alone."""
    paragraphs = [p for s in sections for p in s.paragraphs]
    prose = indicators_from_prose(paragraphs, year)
    if grids:
        found = indicators_from_grid(grids[0])
    else:
        stats = [p for s in sections if s.code == "statistics" for p in s.paragraphs]
        stats = stats or paragraphs
        text = " ".join(p.text for p in stats)
        said = {f.key: f for f in prose.facts}
        found = indicators_from_text(text, stats[0].prov, said) if stats else TableMapping()
    if found.facts or found.problems:
        found.facts += prose.facts
        return found
    return prose if len(sections) >= 2 else found  # prose only in a document with sections


def unsure_problems(facts: list[Fact]) -> list[Problem]:
    """One ``ocr.low_confidence`` problem per value its reader doubts (OCR: the recogniser's
    confidence was low, or the value was read under a stamp)."""
    out = []
    for f in facts:
        p = f.prov
        if p.unsure:
            why = f"confidence {p.confidence:.2f}" if p.confidence is not None else "no text read"
            if p.note:
                why += f", {p.note}"
            out.append(Problem("ocr.low_confidence", f.table, f"{f.key}: {f.raw!r} ({why})", p))
    return out


def document_to_reports(doc: Document) -> list[Report]:
    """Every report a document holds (a compilation holds several), each from its own part of
    the document. A part that is no report (NotAReport) is skipped when others are."""
    doc = to_simplified(doc)
    parts = split_document(doc)
    if len(parts) == 1:
        return [document_to_report(doc)]
    out, errors = [], []
    for part in parts:
        try:
            out.append(_part_to_report(part))
        except NotAReport as exc:
            errors.append(exc)
    if not out:
        raise errors[0]
    return out


def document_to_report(doc: Document) -> Report:
    """Apply the template layer to a document holding one report. A compilation of several,
    or several sets of the template tables under one title, is refused (NotAReport)."""
    doc = to_simplified(doc)
    parts = split_document(doc)
    if len(parts) > 1:
        raise NotAReport(
            f"{len(parts)} reports in one file (a compilation): extractor.extract_all reads each"
        )
    return _part_to_report(doc)


def _part_to_report(doc: Document) -> Report:
    refuse_several_sets(doc)
    sections, signature = blocks_to_sections(doc.blocks)
    indicator_grids = [t for t in doc.tables if is_indicator_table(t)]
    mappings = map_tables([t for t in doc.tables if t not in indicator_grids])
    prose = facts_from_prose([p for sec in sections for p in sec.paragraphs])
    said = {f.key: f for f in prose}
    mappings.update(_flattened_tables(sections, [k for k in KINDS if k not in mappings], said))
    if not mappings:  # no 2019/2021 table anywhere: a pre-2019 report
        year = year_from_title(find_title(sections[0].paragraphs))
        indicators = _indicators(sections, indicator_grids, year)
        if indicators.facts or indicators.problems:
            mappings["indicators"] = indicators
    found_sections = [s for s in sections if s.code != "preamble"]
    if not found_sections and not mappings:
        raise NotAReport("no report sections or disclosure tables found")
    facts = [f for m in mappings.values() for f in m.facts]
    if any(k in mappings for k in KINDS):
        facts += prose
    problems = [p for m in mappings.values() for p in m.problems]
    for kind in KINDS if "indicators" not in mappings else ():
        if kind not in mappings:
            problems.append(Problem("table.missing", kind, f"no {kind} table found"))
    versions = {k: m.version for k, m in mappings.items()}
    preamble = sections[0].paragraphs
    header = crawl_header(preamble)
    title = find_title(preamble)
    signed = signing_date(signature)
    published = published_date(header)
    body = describe_body(body_from_title(title) or signature_body(signature))
    meta: dict[str, Any] = {
        "source": doc.source,
        "format": doc.format,
        "sha256": doc.sha256,
        "pages": doc.pages,
        "title": title,
        "body": body.full,
        "body_short": body.short,
        "level": body.level,
        "region": body.region,
        "signature_body": signature_body(signature),
        "year": year_from_title(title),
        "signed": signed.isoformat() if signed else None,
        "published": published.isoformat() if published else None,
        "template": _template_version(versions),
        "template_tables": ";".join(f"{k}:{v or '?'}" for k, v in sorted(versions.items())),
        "sections_found": len(found_sections),
    }
    meta["notes"] = "; ".join(doc.notes)
    problems += unsure_problems(facts)
    found = {k: v for k, v in versions.items() if k in KINDS}
    counts, missing = table_completeness(found, facts, meta["template"])
    meta.update(counts)
    problems += missing
    checks = run_checks(facts)
    meta["checks_failed"] = sum(c.status == "fail" for c in checks)
    meta["checks_incomplete"] = sum(c.status == "incomplete" for c in checks)
    meta["problems"] = sum(p.status == "fail" for p in problems)
    pending = [p for m in mappings.values() for p in m.pending]
    return Report(doc.source, meta, sections, facts, checks, problems, pending)
