"""The ``extract`` command: a thin layer over the library API.

Exit codes: 0 every file extracted; 1 at least one file failed (each named on stderr as
``error: FILE: reason``); 2 usage error (bad option, no input). Failed arithmetic checks do not
change the exit code: they are data, written to checks.csv.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None)


@app.command(
    help="Extract sections, tables and checks from 政府信息公开工作年度报告 files "
    "(PDF, DOCX, TXT, or folders of them) into CSV files."
)
def run(
    paths: Annotated[
        list[Path], typer.Argument(help="Report files or folders.", show_default=False)
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder for the CSV files.")
    ] = Path("extracted"),
    pdf_engine: Annotated[
        str,
        typer.Option("--pdf-engine", help="Table finder for PDFs: pdfium (fast) or pdfplumber."),
    ] = "pdfium",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
) -> None:
    from . import extract_many
    from .export import write_outputs
    from .readers.pdf import ENGINES

    if pdf_engine not in ENGINES:
        typer.echo(f"error: --pdf-engine must be one of {', '.join(ENGINES)}", err=True)
        raise typer.Exit(EXIT_USAGE)
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        typer.echo(f"error: {p}: no such file or folder", err=True)
    batch = extract_many([p for p in paths if p.exists()], pdf_engine=pdf_engine)
    for source, _, reason in batch.errors:
        typer.echo(f"error: {source}: {reason}", err=True)
    errors = batch.errors + [(str(p), "missing", "no such file or folder") for p in missing]
    written = write_outputs(batch.reports, errors, out)
    if not quiet:
        from .summary import print_summary

        print_summary(batch.reports, errors, written)
    if not batch.reports and not errors:
        typer.echo("error: no report files found in the given paths", err=True)
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_SOME_FAILED if errors else EXIT_OK)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
