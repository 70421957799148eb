"""``ita report``: the analysis report of one agency and fiscal year, from the warehouse.

    ita report --agency "อบต.ตะคร้ำเอน" --year 2565 --format pdf
    ita report --agency "องค์การบริหารส่วนตำบลตะคร้ำเอน" --year 2565 --format pdf,docx,html \\
        --out out/ --thai-digits --date 2022-08-15

Exit codes: 0 written; 1 the warehouse is unusable or the report could not be written;
2 refused (unknown agency, no result for that year, bad arguments).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.markup import escape

from ita.reports import FORMATS, render_report
from ita.settings import get_settings
from warehouse.connection import WarehouseError, connect
from warehouse.plan import PlanError
from warehouse.report_context import build_report_context_with_sources

EXIT_FAILED = 1
EXIT_REFUSED = 2

err = Console(stderr=True, highlight=False, soft_wrap=True)


def report(
    agency: Annotated[
        str,
        typer.Option("--agency", help='Agency as typed: full name, "อบต.…" or the agency id.'),
    ],
    year: Annotated[int, typer.Option("--year", help="Fiscal year of the result (B.E.).")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help=f"One or more of {', '.join(FORMATS)}, comma-separated, or 'all'.",
        ),
    ] = "pdf",
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Folder to write into (default: settings out_dir)."),
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="DuckDB file (default: settings / ITA_DB).", show_default=False),
    ] = None,
    thai_digits: Annotated[
        bool, typer.Option("--thai-digits", help="Print numbers with Thai digits (๐–๙).")
    ] = False,
    on: Annotated[
        str | None,
        typer.Option("--date", help="Date the report is dated (YYYY-MM-DD; default today)."),
    ] = None,
    author: Annotated[
        str | None,
        typer.Option("--author", help='Unit that prepared it, e.g. "งานตรวจสอบภายใน".'),
    ] = None,
) -> None:
    """Write the analysis report (รายงานการวิเคราะห์ผลการประเมิน ITA) of one agency."""
    formats = _formats(fmt)
    day = _day(on)
    target = out_dir or get_settings().out_dir
    try:
        con = connect(db, read_only=True)
    except WarehouseError as exc:
        err.print(f"[bold red]Error:[/] {escape(str(exc))}")
        raise typer.Exit(EXIT_FAILED) from None
    try:
        context, sources = build_report_context_with_sources(
            con, agency, year, generated_on=day, author=author
        )
    except PlanError as exc:
        err.print(f"[bold red]Refused:[/] {escape(str(exc))}")
        raise typer.Exit(EXIT_REFUSED) from None
    except (WarehouseError, duckdb.Error) as exc:
        err.print(f"[bold red]Error:[/] {escape(str(exc))}")
        raise typer.Exit(EXIT_FAILED) from None
    finally:
        con.close()
    if not sources.classification_stored:
        err.print("[yellow]note:[/] no stored classification: classified now from the result")
    if not sources.measures_stored:
        err.print(
            f"[yellow]note:[/] no stored plan for FY{year + 1}: the report shows the plan "
            "`ita measures generate` would store"
        )
    for one in formats:
        try:
            path = render_report(context, one, target, thai_digits=thai_digits)
        except OSError as exc:
            err.print(f"[bold red]Error:[/] cannot write the {one} report: {escape(str(exc))}")
            raise typer.Exit(EXIT_FAILED) from None
        typer.echo(f"{one}\t{path}")  # tab-separated, for scripts


def _formats(text: str) -> list[str]:
    wanted = list(FORMATS) if text.strip() == "all" else [f.strip() for f in text.split(",")]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        err.print(
            f"[bold red]Refused:[/] unknown format {', '.join(unknown) or text!r}; "
            f"choose from {', '.join(FORMATS)} or 'all'"
        )
        raise typer.Exit(EXIT_REFUSED)
    return wanted


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        err.print(f"[bold red]Refused:[/] --date must be YYYY-MM-DD, not {text!r}")
        raise typer.Exit(EXIT_REFUSED) from None


def register(app: typer.Typer) -> None:
    """Add ``ita report`` to the ``ita`` app."""
    app.command("report")(report)
