"""The ``extract`` command: a thin layer over ``extractor.bulk.run_bulk``.

Exit codes: 0 every file extracted; 1 at least one file failed (each named on stderr as
``error: FILE: reason``); 2 usage error (bad option, no input). Failed arithmetic checks do not
change the exit code: they are data, written to checks.csv.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None)


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
            self.counts = {"done": 0, "failed": 0, "skipped": 0}

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

        def assembling(self) -> None:
            self.close()

        def close(self) -> None:
            if self.progress:
                self.progress.stop()
                self.progress = None

    return TerminalListener()


def print_one_report(paths: list[Path], source: str, pdf_engine: str) -> None:
    """The terminal summary of a run with one report: its tables and failed checks."""
    from rich.console import Console

    from . import ExtractError, extract_item
    from .inputs import iter_inputs
    from .summary import print_report

    for item in iter_inputs(paths):
        if item.source == source:
            with contextlib.suppress(ExtractError):
                print_report(Console(), extract_item(item, pdf_engine=pdf_engine))
            return


@app.command(
    help="Extract sections, tables and checks from 政府信息公开工作年度报告 files "
    "(PDF, DOCX, TXT, or folders and archives of them) into CSV (and Parquet, DuckDB) files. "
    "Runs in parallel; a re-run with the same --out skips what is done."
)
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
        str, typer.Option("--format", help="Outputs, comma-separated: csv, parquet, duckdb.")
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
        )
    except BulkError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    finally:
        listener.close()  # the progress bar, also on Ctrl-C
    if not quiet:
        if result.inputs == 1 and result.first_report:
            print_one_report(paths, result.first_report, pdf_engine)
        else:
            typer.echo(
                f"{result.reports} reports, {result.errors} errors "
                f"({result.extracted} extracted, {result.failed} failed, "
                f"{result.skipped} skipped in this run)"
            )
        if result.errors:
            typer.echo(f"{result.errors} file(s) failed (see errors.csv)")
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
