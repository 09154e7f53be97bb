"""The ``extract`` command: a thin layer over ``extractor.bulk.run_bulk``.

Exit codes: 0 every file extracted; 1 at least one file failed (each named on stderr as
``error: FILE: reason``); 2 usage error (bad option, no input). Failed arithmetic checks do not
change the exit code: they are data, written to checks.csv.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None)

HELP = """Extract sections, tables and checks from 政府信息公开工作年度报告 files into
comparable data. Runs in parallel; a re-run with the same --out skips what is done.

\b
Inputs: .pdf (text layer; scans with the ocr extra), .docx, .doc/.wps (LibreOffice), .html/.htm,
.mht/.mhtml, .txt; folders (walked) and archives (.zip, .tar, .tar.gz/.tgz, .tar.bz2, .tar.xz).
"""
EPILOG = """\b
Outputs in --out: reports.csv, facts.csv, sections.csv, checks.csv, errors.csv, compare.csv (one
row per body and year), dictionary.csv; parquet/ and reports.duckdb (--format parquet, duckdb);
reports.xlsx (--format xlsx); overview.html (--format html).

\b
Exit codes: 0 every file extracted; 1 some file failed (named on stderr, listed in errors.csv);
2 usage error (bad option, no input). Failed checks do not change the exit code.

\b
Examples:
  extract report.pdf
  extract reports/ archive.zip -o out --format csv,xlsx,html
"""


def version_callback(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"extract {version('extractor')}")
        raise typer.Exit()


def unsupported_files(paths: list[Path]) -> dict[str, list[str]]:
    """Files in the given folders that are neither a report type nor an archive: suffix → names
    (what the walk skips, so that the user sees it)."""
    from .inputs import skipped_name, walked

    out: dict[str, list[str]] = {}
    for folder in (p for p in paths if p.is_dir()):
        for f in sorted(folder.rglob("*")):
            if f.is_file() and not skipped_name(f.name) and not walked(f.name):
                out.setdefault(f.suffix.lower() or "(none)", []).append(str(f))
    return out


def skipped_line(skipped: dict[str, list[str]]) -> str:
    """'skipped: 4 files of unsupported type (.rar, .7z, .ofd)'."""
    n = sum(len(v) for v in skipped.values())
    return f"skipped: {n} file{'s' if n != 1 else ''} of unsupported type ({', '.join(sorted(skipped))})"


def _error_line(source: str, reason: str) -> str:
    return f"error: {source}: {reason}"


def make_listener(quiet: bool) -> Any:
    """A bulk-run listener: a progress bar on a terminal (unless quiet), errors on stderr."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    from .bulk import Listener

    console = Console(stderr=True)

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(f"{task.speed or 0:.1f}/s")

    class TerminalListener(Listener):
        def __init__(self) -> None:
            self.progress: Progress | None = None
            self.counts: dict[str, Any] = {"done": 0, "failed": 0, "skipped": 0}  # rich fields

        def started(self, total: int) -> None:
            if quiet or not console.is_terminal:
                return
            self.progress = Progress(
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                TextColumn("{task.fields[done]} done · {task.fields[failed]} failed · "
                           "{task.fields[skipped]} skipped"),
                RateColumn(),
                TimeElapsedColumn(),
                console=console,
            )  # fmt: skip
            self.task = self.progress.add_task("extract", total=total, **self.counts)
            self.progress.start()

        def advanced(self, status: str) -> None:
            self.counts[status] += 1
            if self.progress:
                self.progress.update(self.task, advance=1, **self.counts)

        def error(self, source: str, kind: str, reason: str) -> None:
            line = _error_line(source, reason)
            if self.progress:
                self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
            else:
                print(line, file=sys.stderr, flush=True)

        def redoing(self, reason: str) -> None:
            if not quiet:
                print(f"note: {reason}", file=sys.stderr, flush=True)

        def assembling(self) -> None:
            self.close()

        def close(self) -> None:
            if self.progress:
                self.progress.stop()
                self.progress = None

    return TerminalListener()


def print_one_report(out: Path, source: str) -> None:
    """The terminal summary of a run with one report (its tables and failed checks), from the
    rows the run kept in its catalog: the report is not extracted again."""
    from rich.console import Console

    from .bulk.run import kept_rows
    from .summary import print_report_rows

    rows = kept_rows(out, source)
    if rows is not None:
        print_report_rows(Console(), rows)


@app.command(help=HELP, epilog=EPILOG)
def run(
    paths: Annotated[
        list[Path], typer.Argument(help="Report files, folders or archives.", show_default=False)
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder (also holds the run's catalog).")
    ] = Path("extracted"),
    pdf_engine: Annotated[
        str,
        typer.Option("--pdf-engine", help="Table finder for PDFs: pdfium (fast) or pdfplumber."),
    ] = "pdfium",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Worker processes [default: every core].", min=1),
    ] = None,
    formats: Annotated[
        str,
        typer.Option(
            "--format", help="Outputs, comma-separated: csv, parquet, duckdb, xlsx, html."
        ),
    ] = "csv",
    timeout: Annotated[
        str, typer.Option("--timeout", help="Time limit per file (e.g. 120s, 2m; 0: none).")
    ] = "120s",
    max_memory: Annotated[
        str,
        typer.Option("--max-memory", help="Memory limit per worker (e.g. 1GB, 512MB; 0: none)."),
    ] = "1GB",
    engine: Annotated[
        str, typer.Option("--engine", help="Where files are extracted: processes or dask.")
    ] = "processes",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Dask scheduler address (tcp://HOST:PORT); without it --engine dask starts "
            "a local cluster.",
        ),
    ] = None,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Extract again files that failed before.")
    ] = False,
    chinese_headers: Annotated[
        bool, typer.Option("--chinese-headers", help="compare.csv with Chinese column headers.")
    ] = False,
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Print the version."
        ),
    ] = None,
) -> None:
    from .bulk import BulkError, parse_seconds, parse_size, run_bulk

    if scheduler and engine != "dask":
        typer.echo("error: --scheduler needs --engine dask", err=True)
        raise typer.Exit(EXIT_USAGE)
    listener = make_listener(quiet)
    try:
        result = run_bulk(
            paths,
            out,
            jobs=jobs,
            formats=[f.strip() for f in formats.split(",") if f.strip()],
            pdf_engine=pdf_engine,
            timeout=parse_seconds(timeout),
            max_memory=parse_size(max_memory),
            engine=engine,
            scheduler=scheduler,
            retry_failed=retry_failed,
            listener=listener,
            chinese_headers=chinese_headers,
        )
    except BulkError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except KeyboardInterrupt:
        listener.close()
        done = listener.counts
        typer.echo(
            f"interrupted: {done['done']} extracted, {done['failed']} failed, "
            f"{done['skipped']} skipped are kept in {out}/.catalog; run the same command "
            "again to resume",
            err=True,
        )
        raise typer.Exit(130) from None
    finally:
        listener.close()  # the progress bar, also on Ctrl-C
    if not quiet:
        if result.inputs == 1 and result.reports == 1 and result.first_report:
            print_one_report(out, result.first_report)
        else:
            from .summary import checks_line

            typer.echo(
                f"{result.reports} reports, {result.errors} errors "
                f"({result.extracted} extracted, {result.failed} failed, "
                f"{result.skipped} skipped in this run)"
            )
            if result.reports:
                typer.echo(checks_line(result.checks, problems=result.problems > 0))
        if result.errors:
            typer.echo(f"{result.errors} file(s) failed (see errors.csv)")
        skipped = unsupported_files(paths)
        if skipped:
            typer.echo(skipped_line(skipped))
        typer.echo(f"written: {', '.join(result.written)} in {out}/")
    raise typer.Exit(EXIT_SOME_FAILED if result.errors else EXIT_OK)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
