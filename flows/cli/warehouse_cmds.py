"""Warehouse commands: ``ita ingest``, ``ita quarantine list|show``, ``ita sql``, ``ita export``,
``ita migrate``. Every failure the user can act on is a message and an exit code, never a
traceback.

Exit codes: 0 done; 1 the run failed (warehouse busy or unusable, a document could not be
fetched or written, bad SQL); 2 bad arguments; 3 ``--strict`` and something was quarantined.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any

import duckdb
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ita.fetch import SourceError, expand_sources
from ita.rawstore import find_stored
from ita.settings import get_settings
from warehouse.connection import WarehouseError, connect
from warehouse.export import export_parquet
from warehouse.ingest import ingest_refs
from warehouse.load import Outcome
from warehouse.migrate import apply_migrations
from warehouse.queries import QueryNotFound, QueryResult, run_query, run_sql

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_QUARANTINED = 3
PROGRESS_FROM = 5  # show a progress bar for runs of at least this many sources
STYLE = {
    "loaded": "green",
    "superseded_previous": "cyan",
    "duplicate": "dim",
    "quarantined": "yellow",
    "failed": "bold red",
}
LABEL = {"superseded_previous": "superseded previous"}

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB file (default: settings / ITA_DB).", show_default=False),
]

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def _warehouse_errors() -> Iterator[None]:
    """Turn the errors a user can act on into a message and exit code 1."""
    try:
        yield
    except WarehouseError as exc:
        err.print(f"[bold red]Error:[/] {escape(str(exc))}")
        raise typer.Exit(EXIT_FAILED) from None
    except duckdb.Error as exc:
        err.print(f"[bold red]SQL error:[/] {escape(str(exc))}")
        raise typer.Exit(EXIT_FAILED) from None


# ------------------------------------------------------------------------------------ ingest
def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="PDF files, folders, globs ('inbox/*.pdf'), http(s) URLs or manifest CSVs."
        ),
    ],
    db: DbOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit with code 3 if any document was quarantined.")
    ] = False,
    raw_dir: Annotated[
        Path | None, typer.Option("--raw-dir", help="Raw store folder (default: settings).")
    ] = None,
) -> None:
    """Load ITA result documents into the warehouse and report each one: loaded, duplicate,
    superseded previous, or quarantined with the reason."""
    try:
        refs = expand_sources(sources)
    except SourceError as exc:
        err.print(f"[bold red]Error:[/] {escape(str(exc))}")
        raise typer.Exit(EXIT_USAGE) from None
    if not refs:
        out.print("Nothing to ingest: no PDF matched " + ", ".join(map(repr, sources)) + ".")
        return
    with _warehouse_errors():
        outcomes = _ingest_with_progress(refs, db, raw_dir)
    counts: Counter[str] = Counter(o.status for o in outcomes)
    summary = ", ".join(f"{counts[s]} {LABEL.get(s, s)}" for s in STYLE if counts[s])
    out.print(f"\n[bold]{len(outcomes)} document(s):[/] {summary}.")
    if counts["quarantined"]:
        out.print("See why with [bold]ita quarantine list[/] and [bold]ita quarantine show ID[/].")
    if counts["failed"]:
        raise typer.Exit(EXIT_FAILED)
    if strict and counts["quarantined"]:
        raise typer.Exit(EXIT_QUARANTINED)


def _ingest_with_progress(refs: list[Any], db: Path | None, raw_dir: Path | None) -> list[Outcome]:
    if len(refs) < PROGRESS_FROM:
        return ingest_refs(refs, db, _print_outcome, raw_dir)
    columns = (
        TextColumn("Ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=out, transient=True) as progress:
        task = progress.add_task("ingest", total=len(refs))

        def report(outcome: Outcome) -> None:
            _print_outcome(outcome)
            progress.advance(task)

        return ingest_refs(refs, db, report, raw_dir)


def _print_outcome(o: Outcome) -> None:
    style = STYLE.get(o.status, "")
    what = f"{o.agency_name} FY{o.fiscal_year}" if o.agency_name else ""
    line = f"[{style}]{LABEL.get(o.status, o.status):<19}[/] {escape(o.file_name)}"
    if o.document_id:
        line += f" [dim]{o.short_id}[/]"
    if what:
        line += f"  {escape(what)}"
    out.print(line)
    if o.reason and o.status != "loaded":
        out.print(f"    {escape(o.reason)}")
        if o.status in ("quarantined", "failed") and o.reason_th != o.reason:
            out.print(f"    {escape(o.reason_th)}")


# -------------------------------------------------------------------------------- quarantine
quarantine_app = typer.Typer(
    help="Documents refused at ingestion and why (in English and Thai).", no_args_is_help=True
)


@quarantine_app.command("list")
def quarantine_list(db: DbOption = None) -> None:
    """List quarantined documents with their first reason."""
    with _warehouse_errors():
        con = connect(db, read_only=True)
        try:
            rows = run_query(con, "quarantine_list").dicts()
        finally:
            con.close()
    if not rows:
        out.print("No document is quarantined.")
        return
    table = Table("id", "file", "agency / year", "errors", "first reason", show_lines=True)
    for r in rows:
        who = f"{r['agency_name']} FY{r['fiscal_year']}" if r["agency_name"] else "—"
        table.add_row(
            r["document_id"][:12], r["file_name"], who, str(r["errors"]), r["reason"] or ""
        )
    out.print(table)
    out.print(f"{len(rows)} quarantined. Details: ita quarantine show ID")


@quarantine_app.command("show")
def quarantine_show(
    document_id: Annotated[str, typer.Argument(help="Document id or its first 6+ characters.")],
    db: DbOption = None,
) -> None:
    """Show a document's status and every finding about it, in English and Thai."""
    if len(document_id) < 6:
        err.print("Give at least the first 6 characters of the document id.")
        raise typer.Exit(EXIT_USAGE)
    with _warehouse_errors():
        con = connect(db, read_only=True)
        try:
            docs = run_query(con, "document_find", prefix=document_id).dicts()
            if len(docs) != 1:
                _no_single_document(document_id, docs)
            doc = docs[0]
            findings = run_query(con, "document_findings", document_id=doc["document_id"]).dicts()
        finally:
            con.close()
    _print_document(doc, findings)


def _no_single_document(prefix: str, docs: list[dict[str, Any]]) -> None:
    if not docs:
        err.print(f"No document id starts with {prefix!r}.")
    else:
        ids = ", ".join(d["document_id"][:16] for d in docs)
        err.print(f"{prefix!r} matches several documents ({ids}); give more characters.")
    raise typer.Exit(EXIT_FAILED)


def _print_document(doc: dict[str, Any], findings: list[dict[str, Any]]) -> None:
    raw = find_stored(Path(get_settings().raw_dir), doc["document_id"])
    out.print(f"[bold]{escape(doc['file_name'])}[/]  ({doc['status']})")
    for label, value in (
        ("document id", doc["document_id"]),
        ("agency", doc["agency_name"]),
        ("fiscal year", doc["fiscal_year"]),
        ("kind", doc["kind"]),
        ("source", doc["source_uri"]),
        ("raw file", raw or "(not in this raw store)"),
        ("pages / producer", f"{doc['page_count']} / {doc['producer']}"),
        ("ingested", _plain(doc["ingested_at"])),
        ("reason", doc["reason"]),
        ("duplicate of", doc["duplicate_of"]),
        ("superseded by", doc["superseded_by"]),
    ):
        if value not in (None, ""):
            out.print(f"  {label:<17} {escape(str(value))}")
    if not findings:
        out.print("  No findings.")
        return
    out.print()
    for f in findings:
        colour = "red" if f["severity"] == "error" else "yellow"
        where = f" [{escape(f['field'])}]" if f["field"] else ""
        out.print(f"[{colour}]{f['finding_no']}. {f['severity']} {f['check_code']}[/]{where}")
        out.print(f"   EN: {escape(f['detail_en'])}")
        out.print(f"   TH: {escape(f['detail_th'])}")


# ------------------------------------------------------------------------------------- sql
def sql(
    statement: Annotated[
        str | None, typer.Argument(help="A SELECT statement (the warehouse is opened read-only).")
    ] = None,
    query: Annotated[
        str | None,
        typer.Option("--query", "-q", help="Run a named query from warehouse/queries instead."),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="NAME=VALUE for a $NAME parameter (repeatable)."),
    ] = None,
    as_csv: Annotated[bool, typer.Option("--csv", help="Write CSV to stdout.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Write JSON rows to stdout.")] = False,
    db: DbOption = None,
) -> None:
    """Query the warehouse read-only and print a table (or CSV / JSON)."""
    if (statement is None) == (query is None):
        err.print('Give either a statement ("SELECT …") or --query NAME.')
        raise typer.Exit(EXIT_USAGE)
    params = _parse_params(param or [])
    with _warehouse_errors():
        con = connect(db, read_only=True)
        try:
            result = (
                run_query(con, query, **params) if query else run_sql(con, statement or "", params)
            )
        except (QueryNotFound, KeyError) as exc:
            err.print(f"[bold red]Error:[/] {escape(str(exc.args[0] if exc.args else exc))}")
            raise typer.Exit(EXIT_USAGE) from None
        finally:
            con.close()
    if as_csv:
        _write_csv(result)
    elif as_json:
        sys.stdout.write(json.dumps(result.dicts(), ensure_ascii=False, default=_json_value) + "\n")
    else:
        _print_table(result)


def _parse_params(pairs: list[str]) -> dict[str, object]:
    params: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            err.print(f"--param wants NAME=VALUE, got {pair!r}")
            raise typer.Exit(EXIT_USAGE)
        params[name.strip()] = _typed(value)
    return params


def _typed(value: str) -> object:
    if value.lstrip("-").isdigit():
        return int(value)
    try:
        return Decimal(value) if any(c.isdigit() for c in value) else value
    except InvalidOperation:
        return value


def _write_csv(result: QueryResult) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([_plain(v) for v in row])


def _print_table(result: QueryResult) -> None:
    table = Table()
    for name in result.columns:
        table.add_column(name, overflow="fold")  # wrap, never hide part of a Thai name
    for row in result.rows:
        table.add_row(*(escape(_plain(v)) for v in row))
    out.print(table)
    out.print(f"{len(result)} row(s)")


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return str(value)


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------------------- export, migrate
def export(
    parquet: Annotated[
        Path,
        typer.Option("--parquet", help="Folder for Parquet files (score tables by fiscal year)."),
    ],
    db: DbOption = None,
) -> None:
    """Export the warehouse as Parquet, partitioned by fiscal_year."""
    with _warehouse_errors():
        con = connect(db, read_only=True)
        try:
            written = export_parquet(con, parquet)
        finally:
            con.close()
    for item in written:
        out.print(f"{item.table:<17} {item.rows:>7} rows → {item.path}")


def migrate(db: DbOption = None) -> None:
    """Apply pending schema migrations to the warehouse."""
    with _warehouse_errors():
        con = connect(db, migrate=False)
        try:
            applied = apply_migrations(con)
        finally:
            con.close()
    if not applied:
        out.print("The warehouse is up to date.")
    for m in applied:
        out.print(f"applied {m.version:04d}_{m.name}")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the ``ita`` app."""
    app.command("ingest")(ingest)
    app.add_typer(quarantine_app, name="quarantine")
    app.command("sql")(sql)
    app.command("export")(export)
    app.command("migrate")(migrate)
