"""``ita demo`` (the whole pipeline on the bundled samples) and ``ita serve`` (the scheduled
deployments, with a local Prefect server when none is configured).

Prefect is imported only inside the commands, after its console logging has been quietened for
the demo (`PREFECT_LOGGING_LEVEL`, unless you set it), so other commands start fast.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from ita.settings import get_settings

if TYPE_CHECKING:
    from flows.demo import DemoResult

console = Console(highlight=False)
err = Console(stderr=True, highlight=False)

EXIT_FAILED = 1
# Light rules: terminals measure Thai combining marks unevenly, so heavy boxes look broken.
TABLE_STYLE: dict[str, Any] = {"title_justify": "left", "box": box.SIMPLE_HEAD}


def demo(
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for the report files (default: settings out_dir)."),
    ] = None,
) -> None:
    """Run the whole pipeline on the bundled samples through the real Prefect flows: ingest,
    plans of measures, tracking, and the seed agency's report (DOCX, PDF, HTML)."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from flows.demo import run_demo

    settings = get_settings()
    if out_dir is not None:
        settings = settings.model_copy(update={"out_dir": out_dir})
    console.rule("[bold]ita demo")
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as bars:
        current = bars.add_task("Starting Prefect and the parsers", total=None)

        def step(text: str) -> None:
            nonlocal current
            bars.update(
                current,
                completed=bars.tasks[current].total or 1,
                total=bars.tasks[current].total or 1,
            )
            current = bars.add_task(text, total=None)

        def progress(done: int, total: int) -> None:
            bars.update(current, total=total, completed=done)

        try:
            result = run_demo(settings, progress=progress, step=step)
        except Exception as exc:
            err.print(f"[bold red]The demo failed:[/] {escape(f'{type(exc).__name__}: {exc}')}")
            raise typer.Exit(EXIT_FAILED) from None
        bars.update(current, total=1, completed=1)
    print_demo(result)


def print_demo(result: DemoResult) -> None:
    from flows.summary import STATUS_LABELS

    summary, track = result.ingest, result.track
    if summary is None:
        return
    table = Table(title="Documents (one ingest flow run)", **TABLE_STYLE)
    table.add_column("outcome")
    table.add_column("documents", justify="right")
    for status, label in STATUS_LABELS.items():
        table.add_row(label, str(summary.counts.get(status, 0)))
    console.print(table)

    refused = [r for r in summary.results if r.status in ("quarantined", "failed")]
    if refused:
        table = Table(title="Quarantined — each with the reason to act on", **TABLE_STYLE)
        table.add_column("file")
        table.add_column("reason")
        for r in refused:
            table.add_row(escape(r.file_name or r.source), escape(r.reason))
        console.print(table)

    console.print(
        f"Plans of measures generated from the latest result of "
        f"{summary.planned_assessments} agencies."
    )
    if track is not None:
        console.print(
            f"Tracking as of [bold]{track.as_of}[/]: {len(track.overdue)} overdue, "
            f"{len(track.due_soon)} due soon, {track.reminders} reminders recorded."
        )
        if track.overdue:
            table = Table(title="Most overdue", **TABLE_STYLE)
            for name in ("agency", "measure / milestone", "due", "days late"):
                table.add_column(name)
            for item in sorted(track.overdue, key=lambda i: -i.days)[:5]:
                table.add_row(
                    escape(item.agency_name), escape(item.title), str(item.due_date), str(item.days)
                )
            console.print(table)

    console.print("[bold]Reports of the seed agency:[/]")
    for path in result.reports:
        console.print(f"  {path}")
    t = result.timings
    rate = summary.parsed / summary.seconds * 60 if summary.seconds else 0.0
    plan_s = summary.phase_seconds.get("plan", 0.0)
    console.print(
        f"Time: {t.get('total', 0):.1f} s in all — start-up (Prefect, parser processes) "
        f"{t.get('startup', 0):.1f} s, ingest flow run {t.get('ingest', 0):.1f} s "
        f"({summary.parsed} documents parsed and loaded, {rate:.0f}/min; planning {plan_s:.1f} s), "
        f"track {t.get('track', 0):.1f} s, reports {t.get('reports', 0):.1f} s."
    )
    console.print(
        f"Warehouse: {result.db}  (try: ita sql --db {result.db} "
        '"select status, count(*) from documents group by status")'
    )
    console.print(f"Prefect: {result.prefect}; `ita serve` shows these runs in the UI.")
    console.print(
        f"Web page: ita users add <name> --role admin --db {result.db}; "
        f"then ita web --db {result.db}"
    )


def serve(
    inbox: Annotated[
        Path | None, typer.Option("--inbox", help="Folder ingested hourly (default: settings).")
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option("--manifest", help="CSV of URLs ingested nightly (default: settings)."),
    ] = None,
    db: Annotated[
        Path | None, typer.Option("--db", help="DuckDB file (default: settings).")
    ] = None,
    inbox_every: Annotated[
        int, typer.Option("--inbox-every", help="Seconds between inbox runs.", min=1)
    ] = 3600,
    port: Annotated[
        int | None, typer.Option("--port", help="Port of a local Prefect server (default 4200).")
    ] = None,
) -> None:
    """Serve the scheduled deployments: the inbox hourly, the URL manifest nightly (01:00),
    tracking daily at 07:00 Asia/Bangkok. Starts a local Prefect server when none is configured
    and prints where its UI is. Stop with Ctrl-C."""
    from flows.deployments import ServePlan, build_deployments, serve_deployments
    from flows.local_server import ServerError, prefect_server

    settings = get_settings()
    if port is not None:
        settings = settings.model_copy(update={"prefect_port": port})
    plan = ServePlan.from_settings(
        settings,
        inbox=inbox,
        manifest=manifest,
        db=db,
        inbox_every=timedelta(seconds=inbox_every),
    )
    try:
        with prefect_server(settings) as server:
            how = "started here" if server.started_here else "already running"
            console.print(f"Prefect server ({how}): UI at [bold]{server.ui_url}[/]")
            if server.log_path:
                console.print(f"  server log: {server.log_path}")
            for deployment in build_deployments(plan):
                console.print(f"  {deployment.name}: {describe_schedule(deployment)}")
            if plan.manifest is None:
                console.print(
                    f"  (no manifest at {settings.manifest_csv}: nightly URL ingestion is off;"
                    " pass --manifest)"
                )
            console.print("Serving; Ctrl-C stops (the schedules are paused until the next serve).")
            serve_deployments(plan)  # returns on Ctrl-C or SIGTERM
        console.print("Stopped: schedules paused; the server, if started here, is stopped.")
    except ServerError as exc:
        err.print(f"[bold red]Error:[/] {escape(str(exc))}")
        raise typer.Exit(EXIT_FAILED) from None


def describe_schedule(deployment: object) -> str:
    parts = []
    for schedule in getattr(deployment, "schedules", None) or []:
        inner = getattr(schedule, "schedule", schedule)
        if getattr(inner, "cron", None):
            parts.append(f"cron {inner.cron} ({inner.timezone})")
        elif getattr(inner, "interval", None):
            parts.append(f"every {inner.interval}")
    return ", ".join(parts) or "no schedule"


def register(app: typer.Typer) -> None:
    """Add ``ita demo`` and ``ita serve`` to the ``ita`` app."""
    app.command("demo")(demo)
    app.command("serve")(serve)
