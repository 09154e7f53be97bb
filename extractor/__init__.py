"""extractor: Chinese government information-disclosure annual reports → clean, comparable data.

>>> import extractor
>>> report = extractor.extract("report.pdf")
>>> report.facts, report.sections, report.checks, report.meta
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ExtractError
from .inputs import InputItem
from .readers import read_document
from .report import Report, document_to_report, document_to_reports

if TYPE_CHECKING:  # pandas is imported when a frame is asked for
    import pandas as pd

__all__ = [
    "Batch",
    "ExtractError",
    "InputItem",
    "Report",
    "compare",
    "extract",
    "extract_all",
    "extract_bytes",
    "extract_bytes_all",
    "extract_item",
    "extract_many",
]


def extract_bytes(data: bytes, source: str, pdf_engine: str = "pdfium") -> Report:
    """Bytes of one report (PDF, DOCX or text) → Report. Raises ExtractError with a reason."""
    return document_to_report(read_document(data, source, pdf_engine=pdf_engine))


def extract_bytes_all(data: bytes, source: str, pdf_engine: str = "pdfium") -> list[Report]:
    """Bytes of a file → every report it holds (one, or each of a compilation's)."""
    return document_to_reports(read_document(data, source, pdf_engine=pdf_engine))


def extract_all(path: str | Path, pdf_engine: str = "pdfium") -> list[Report]:
    """One file → every report it holds: one for an ordinary report, one per report of a
    compilation (汇编), each with ``source`` naming the file and its pages or blocks."""
    path = Path(path)
    return extract_item_all(InputItem(str(path), path.read_bytes), pdf_engine=pdf_engine)


def extract(path: str | Path, pdf_engine: str = "pdfium") -> Report:
    """One report file → Report. Raises ExtractError (one-line reason) for bad input."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        from .errors import UnreadableFile

        raise UnreadableFile(exc.strerror or str(exc)) from exc
    return extract_bytes(data, str(path), pdf_engine=pdf_engine)


@dataclass(slots=True)
class Batch:
    """Many reports: the concatenated frames, and the files that failed with their reasons."""

    reports: list[Report] = field(default_factory=list)
    error_list: list[tuple[str, str, str]] = field(default_factory=list)  # source, kind, reason

    @property
    def errors(self) -> pd.DataFrame:
        """The files that failed: a DataFrame with the columns of errors.csv."""
        from .export import errors_frame

        return errors_frame(self.error_list)

    @property
    def facts(self) -> pd.DataFrame:
        from .export import facts_frame

        return facts_frame(self.reports)

    @property
    def sections(self) -> pd.DataFrame:
        from .export import sections_frame

        return sections_frame(self.reports)

    @property
    def checks(self) -> pd.DataFrame:
        """Every report's checks, then the year-over-year rule across the batch."""
        from .export import checks_frame

        return checks_frame(self.reports)

    @property
    def table(self) -> pd.DataFrame:
        """One row per report with every canonical cell as a column."""
        from .export import reports_frame

        return reports_frame(self.reports)


def extract_many(paths: list[str | Path], pdf_engine: str = "pdfium") -> Batch:
    """Files and folders → Batch. A file that fails is recorded in ``errors``; the rest go on."""
    from .inputs import iter_inputs

    batch = Batch()
    for item in iter_inputs(list(paths)):
        try:
            batch.reports += extract_item_all(item, pdf_engine=pdf_engine)
        except ExtractError as exc:
            batch.error_list.append((item.source, exc.kind, str(exc)))
    from .years import settle_across_years

    settle_across_years(batch.reports)  # one body's consecutive years settle run-together cells
    return batch


def compare(
    source: Batch | list[Report] | list[str | Path] | str | Path,
    chinese: bool = False,
    pdf_engine: str = "pdfium",
) -> pd.DataFrame:
    """Reports (a Batch; Report objects, files and folders to extract, or a mix) → the compare table:
    one row per issuing body and year, harmonised indicators, rates and year-over-year change
    (``analysis.compare``). ``chinese``: Chinese column headers."""
    from .analysis.compare import compare_frame, reports_records

    if isinstance(source, Batch):
        reports = source.reports
    else:
        given = [source] if isinstance(source, str | Path) else list(source)
        reports = [s for s in given if isinstance(s, Report)]
        paths = [s for s in given if not isinstance(s, Report)]
        if paths:  # files and folders to extract (after any Reports given with them)
            reports += extract_many(paths, pdf_engine=pdf_engine).reports
    return compare_frame(reports_records(reports), chinese=chinese)


def extract_item(item: InputItem, pdf_engine: str = "pdfium") -> Report:
    """One input item (file or archive member) → Report; ExtractError for bad input."""
    try:
        data = item.read()
    except OSError as exc:
        from .errors import read_failure

        raise read_failure(exc) from exc
    return extract_bytes(data, item.source, pdf_engine=pdf_engine)


def extract_item_all(item: InputItem, pdf_engine: str = "pdfium") -> list[Report]:
    """One input item → every report it holds (see extract_all); ExtractError for bad input."""
    try:
        data = item.read()
    except OSError as exc:
        from .errors import read_failure

        raise read_failure(exc) from exc
    return extract_bytes_all(data, item.source, pdf_engine=pdf_engine)
