"""``ita measures …``: classify a result, generate the next year's plan, track each measure.

    ita measures generate --agency "อบต.ตะคร้ำเอน" --year 2565     # plan for FY2566
    ita measures list --year 2566 --overdue --as-of 2023-05-01
    ita measures update M2566-i09-… --status done --evidence report.pdf --note "…"
    ita measures overdue                                           # exit 1 if anything is late
    ita measures export plan.csv / ita measures import plan.csv

Every command that depends on the date takes ``--as-of YYYY-MM-DD`` (default: today in
Asia/Bangkok), so back-dated entry and reports are reproducible.

Exit codes: 0 done; 1 something is overdue (``overdue``) or rows were rejected (``import``);
2 refused (unknown agency or id, illegal status change, bad arguments, warehouse unusable).
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import duckdb
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ita.classify import Classification
from ita.fiscal import (
    bangkok_date,
    bangkok_zone,
    format_fiscal_period,
    format_thai_date,
    quarter_of,
    today_bangkok,
)
from ita.measures import PlannedMeasure
from ita.settings import get_settings
from ita.tracking import STATUS_TH, STATUSES, Change, TransitionRefused
from warehouse.connection import WarehouseError, connect
from warehouse.plan import (
    AgencyRef,
    GenerationReport,
    carry_over_unfinished,
    find_agency,
    generate_measures,
)
from warehouse.queries import run_query
from warehouse.tracking import (
    TrackingError,
    daily_lists,
    edit_target,
    export_csv,
    find_target,
    import_csv,
    list_measure_rows,
    load_events,
    moment_for,
    overdue_rows,
    parse_day,
    quarterly_progress,
    record_change,
    resolve_evidence,
    send_reminders,
    year_end_summary,
)

EXIT_OVERDUE = 1
EXIT_REJECTED = 1
EXIT_REFUSED = 2
STATUS_STYLE = {
    "planned": "",
    "in_progress": "cyan",
    "done": "green",
    "postponed": "yellow",
    "cancelled": "dim",
}

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB file (default: settings / ITA_DB).", show_default=False),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="The day to answer for, YYYY-MM-DD (default: today in Asia/Bangkok).",
        show_default=False,
    ),
]
AgencyOption = Annotated[
    str | None,
    typer.Option("--agency", help="Agency name as printed (or part of it), or its id."),
]
PlanYearOption = Annotated[
    int | None,
    typer.Option("--year", help="The plan's fiscal year (B.E.), the year the measures run."),
]
ActorOption = Annotated[
    str | None,
    typer.Option("--actor", help="Who records this (default: the login name).", show_default=False),
]

app = typer.Typer(
    help="Classification, the next fiscal year's measures, and tracking them (มาตรการ).",
    no_args_is_help=True,
)


# ---- helpers ----------------------------------------------------------------------------------
@contextmanager
def _refusals() -> Iterator[None]:
    """Errors a user can act on become a message (English and Thai) and exit code 2."""
    try:
        yield
    except (WarehouseError, TransitionRefused) as exc:
        err.print(f"[bold red]Refused:[/] {escape(str(exc))}")
        raise typer.Exit(EXIT_REFUSED) from None
    except duckdb.Error as exc:
        err.print(f"[bold red]Warehouse error:[/] {escape(str(exc))}")
        raise typer.Exit(EXIT_REFUSED) from None


@contextmanager
def _open(db: Path | None, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    with _refusals():
        con = connect(db, read_only=read_only)
        try:
            yield con
        finally:
            con.close()


def _day(text: str | None) -> date:
    if text is None:
        return today_bangkok()
    try:
        return parse_day(text)
    except TrackingError as exc:
        err.print(f"[bold red]Refused:[/] --as-of: {escape(str(exc))}")
        raise typer.Exit(EXIT_REFUSED) from None


def _actor(actor: str | None) -> str:
    if actor and actor.strip():
        return actor.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _when(as_of: str | None, at: str | None) -> datetime:
    """The time a change is recorded at: --at (ISO, with or without zone: Bangkok), else
    --as-of (noon in Bangkok for another day, now for today)."""
    if at:
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            err.print(f"[bold red]Refused:[/] --at {at!r} is not an ISO date-time")
            raise typer.Exit(EXIT_REFUSED) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=bangkok_zone())
        return moment
    return moment_for(_day(as_of) if as_of else None)


def _agency_id(con: duckdb.DuckDBPyConnection, agency: str | None) -> str | None:
    return find_agency(con, agency).agency_id if agency else None


def _thai_day(day: date | None) -> str:
    return format_thai_date(day, abbreviated=True) if day else ""


def _table(*headers: str, **options: Any) -> Table:
    """A rich table whose cells fold long Thai runs (Thai has no spaces between words, so the
    default would cut them with an ellipsis)."""
    table = Table(**options)
    for header in headers:
        table.add_column(header, overflow="fold")
    return table


def _status(status: str) -> str:
    style = STATUS_STYLE.get(status, "")
    return f"[{style}]{status}[/]" if style else status


# ---- generate ---------------------------------------------------------------------------------
@app.command("generate")
def generate(
    year: Annotated[
        int, typer.Option("--year", help="Fiscal year (B.E.) of the result; the plan is for +1.")
    ],
    agency: AgencyOption = None,
    all_agencies: Annotated[
        bool, typer.Option("--all", help="Every agency with a result of that year.")
    ] = False,
    db: DbOption = None,
    as_of: AsOfOption = None,
    actor: ActorOption = None,
) -> None:
    """Classify an agency's result of --year and store the plan of measures for the next fiscal
    year (1 Oct – 30 Sep); print it as the seed's measures table. Generating again adds only
    what is missing and never overwrites stored measures or their edits."""
    if bool(agency) == all_agencies:
        err.print("Give either --agency NAME or --all.")
        raise typer.Exit(EXIT_REFUSED)
    at = moment_for(_day(as_of) if as_of else None)
    with _open(db) as con, _refusals():
        agencies = (
            [find_agency(con, agency)]
            if agency
            else [
                AgencyRef(aid, name, None)
                for aid, name in run_query(con, "measure_agencies_of_year", fiscal_year=year).rows
            ]
        )
        for ref in agencies:
            report = generate_measures(con, ref, year, at=at, actor=_actor(actor) + " (generate)")
            if agency:
                _print_classification(report.classification)
                _print_plan(con, ref, report, at.date())
            else:
                out.print(
                    f"{escape(ref.name)}: {len(report.inserted)} new, "
                    f"{len(report.kept)} kept, plan FY{year + 1}"
                )
    if all_agencies:
        out.print(f"{len(agencies)} agencies with a FY{year} result.")


def _print_classification(c: Classification) -> None:
    out.print(
        f"[bold]{escape(c.agency_name)}[/] ผลการประเมินปีงบประมาณ พ.ศ. {c.fiscal_year}: "
        f"{c.score} คะแนน ระดับ {c.grade or '-'}"
        + ("" if c.grade_agrees in (None, True) else f" (printed {c.printed_grade})")
    )
    names = {r.number: r.name for r in c.indicators}
    line = c.lines
    out.print(
        f"จุดแข็ง (> {line.strength_above}) {len(c.strengths)} ตัวชี้วัด: "
        + ", ".join(str(n) for n in c.strengths)
    )
    out.print(
        f"จุดอ่อน (< {line.weakness_below}) {len(c.weaknesses)} ตัวชี้วัด: "
        + ", ".join(f"{n} {names[n]}" for n in c.weaknesses)
    )
    out.print(f"เร่งด่วน: {escape(c.most_urgent_note_th)}")
    out.print(
        f"ต้องพัฒนา (< {line.improve_below}) {len(c.to_improve)} ตัวชี้วัด: "
        + ", ".join(f"{r.number} ({r.score})" for r in c.to_improve)
    )
    if c.score_change is not None:
        out.print(f"เทียบปี {c.previous_fiscal_year}: {c.score_change:+} คะแนน")
    if c.peers:
        out.print(
            f"หน่วยงาน{escape(c.peers.agency_type or '')}ใน{escape(c.peers.province or '')} "
            f"อื่น {c.peers.n_agencies} แห่ง เฉลี่ย {c.peers.score} คะแนน"
        )


def _print_plan(
    con: duckdb.DuckDBPyConnection, ref: AgencyRef, report: GenerationReport, as_of: date
) -> None:
    measures = report.measures
    if not measures:
        out.print("No measure to plan.")
        return
    fy = measures[0].fiscal_year
    stored = {
        r["measure_id"]: r
        for r in list_measure_rows(con, as_of=as_of, agency_id=ref.agency_id, fiscal_year=fy)
    }
    table = _table(
        "ประเด็นที่ต้องพัฒนา",
        "มาตรการ/ขั้นตอน/วิธีการดำเนินการ",
        "ผู้รับผิดชอบ",
        "ระยะเวลาดำเนินการ",
        "แนวทางกำกับติดตาม",
        title=f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี {fy} — {ref.name}",
        show_lines=True,
    )
    for pm in measures:
        row = stored.get(pm.measure_id, {})
        table.add_row(
            escape(f"{pm.measure_id}\n{pm.issue}"),
            escape(_steps_text(pm, row)),
            escape(row.get("owner", pm.owner)),
            f"{_thai_day(row.get('start_date', pm.start_date))} –\n"
            f"{_thai_day(row.get('due_date', pm.due_date))}",
            escape("\n".join(f"{i}. {t}" for i, t in enumerate(pm.monitoring, 1))),
        )
    out.print(table)
    out.print(
        f"Plan FY{fy} ({format_fiscal_period(fy, thai_digits=False)}): "
        f"{len(report.inserted)} new, {len(report.kept)} already stored."
    )
    for kept in report.kept:
        for d in kept.differences:
            out.print(
                f"[yellow]kept[/] {kept.measure_id} {d.field}: stored "
                f"{escape(d.stored[:60])!r}, template now suggests {escape(d.suggested[:60])!r}"
            )
    for mid in report.not_indicated:
        out.print(
            f"[yellow]{mid}[/] is no longer called for by the result; kept (cancel it with "
            "a reason if it is not needed)."
        )


def _steps_text(pm: PlannedMeasure, row: dict[str, Any]) -> str:
    lines = [row.get("title", pm.title)]
    due_by_step: dict[int, list[date]] = {}
    for ms in pm.milestones:
        due_by_step.setdefault(ms.step_no, []).append(ms.due_date)
    for step_no, text, code in pm.steps:
        dues = due_by_step[step_no]
        every = "ทุกเดือน" if len(dues) > 4 else "ทุกไตรมาส"
        when = f"{every} ({len(dues)} ครั้ง)" if len(dues) > 1 else f"ภายใน {_thai_day(dues[0])}"
        lines.append(f"{step_no}. {f'[{code}] ' if code else ''}{text} — {when}")
    return "\n".join(lines)


# ---- list / show --------------------------------------------------------------------------------
@app.command("list")
def list_measures(
    status: Annotated[
        str | None, typer.Option("--status", help=f"Only this status ({', '.join(STATUSES)}).")
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue measures.")] = False,
    agency: AgencyOption = None,
    year: PlanYearOption = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
) -> None:
    """List measures with their status as of a day."""
    day = _day(as_of)
    with _open(db, read_only=True) as con, _refusals():
        rows = list_measure_rows(
            con,
            as_of=day,
            status=status,
            agency_id=_agency_id(con, agency),
            fiscal_year=year,
            overdue_only=overdue,
        )
    if not rows:
        out.print(f"No measure matches (as of {day}).")
        if year:
            out.print(
                f"Measures answering the FY{year} result run in FY{year + 1}: try --year "
                f"{year + 1}."
            )
        return
    table = _table("id", "agency", "ind.", "measure", "owner", "due", "status", "overdue")
    for r in rows:
        late = (day - r["due_date"]).days if r["is_overdue"] else 0
        table.add_row(
            r["measure_id"],
            escape(r["agency_name"] or ""),
            str(r["indicator"] or ""),
            escape(r["title"]),
            escape(r["owner"]),
            r["due_date"].isoformat(),
            _status(r["status"]),
            f"[red]{late} d[/]" if late else "",
        )
    out.print(table)
    out.print(f"{len(rows)} measure(s) as of {day}.")


@app.command("show")
def show(
    measure_id: Annotated[str, typer.Argument(help="Measure id (M2566-…) .")],
    as_of: AsOfOption = None,
    db: DbOption = None,
) -> None:
    """One measure: its steps with due dates and status, and its history of events."""
    day = _day(as_of)
    with _open(db, read_only=True) as con, _refusals():
        target = find_target(con, measure_id)
        rows = list_measure_rows(con, as_of=day)
        m = next(r for r in rows if r["measure_id"] == target.measure_id)
        steps = run_query(
            con,
            "measure_milestone_list",
            as_of=day,
            agency_id=None,
            fiscal_year=None,
            measure_id=target.measure_id,
        ).dicts()
        events = load_events(con, measure_id=target.measure_id)
    out.print(f"[bold]{m['measure_id']}[/] {escape(m['title'])}")
    out.print(escape(m["issue"]))
    out.print(
        f"{escape(m['owner'])} · {m['start_date']} – {m['due_date']} · {_status(m['status'])}"
    )
    table = _table("id", "step", "owner", "due", "status")
    for s in steps:
        text = f"{s['text']} ({s['occurrence']})" if s["occurrence"] else s["text"]
        table.add_row(
            s["milestone_id"],
            escape(text),
            escape(s["owner"]),
            s["due_date"].isoformat(),
            _status(s["status"]),
        )
    out.print(table)
    history = _table("when (Bangkok)", "target", "change", "who", "note / reason / evidence")
    for e in events:
        if bangkok_date(e.event_at) > day:
            continue
        what = " · ".join(
            x
            for x in (e.note, e.reason, e.evidence_url, e.evidence_file_name, e.evidence_sha256)
            if x
        )
        history.add_row(
            e.event_at.strftime("%Y-%m-%d %H:%M"),
            "measure" if e.milestone_no is None else f"/{e.milestone_no}",
            f"{e.from_status or '—'} → {e.to_status}",
            escape(e.actor),
            escape(what),
        )
    out.print(history)


# ---- update / edit --------------------------------------------------------------------------
@app.command("update")
def update(
    measure_id: Annotated[str, typer.Argument(help="Measure id, or measure id/N for step N.")],
    status: Annotated[str, typer.Option("--status", help=f"New status: {', '.join(STATUSES)}.")],
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="http(s) URL or a file (kept by sha256).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="What was done.")] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why (required for postponed / cancelled).")
    ] = None,
    due: Annotated[
        str | None, typer.Option("--due", help="New due date YYYY-MM-DD (postponed).")
    ] = None,
    actor: ActorOption = None,
    as_of: AsOfOption = None,
    at: Annotated[
        str | None,
        typer.Option("--at", help="Exact time of the change (ISO; Bangkok if no zone)."),
    ] = None,
    db: DbOption = None,
    raw_dir: Annotated[
        Path | None, typer.Option("--raw-dir", help="Raw store for evidence files.")
    ] = None,
) -> None:
    """Record a status change (an appended event). Illegal changes are refused with the
    reason, in English and Thai."""
    moment = _when(as_of, at)
    with _open(db) as con, _refusals():
        proof = resolve_evidence(evidence, raw_dir)
        event = record_change(
            con,
            measure_id,
            Change(
                to_status=status,
                event_at=moment,
                actor=_actor(actor),
                note=note,
                reason=reason,
                new_due_date=parse_day(due) if due else None,
                evidence_url=proof.url,
                evidence_sha256=proof.sha256,
                evidence_file_name=proof.file_name,
            ),
        )
    out.print(
        f"{measure_id}: {event.from_status} → {_status(event.to_status)} "
        f"({STATUS_TH[event.to_status]}) at {event.event_at.isoformat(timespec='minutes')} "
        f"by {escape(event.actor)}"
    )
    if proof.sha256:
        out.print(f"evidence stored: {escape(proof.file_name or '')} sha256 {proof.sha256}")


@app.command("edit")
def edit(
    measure_id: Annotated[str, typer.Argument(help="Measure id, or measure id/N for step N.")],
    title: Annotated[str | None, typer.Option("--title", help="Measure title.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Step text (for id/N).")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Responsible unit.")] = None,
    start: Annotated[str | None, typer.Option("--start", help="Start date YYYY-MM-DD.")] = None,
    due: Annotated[str | None, typer.Option("--due", help="Due date (while planned).")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why the edit.")] = None,
    actor: ActorOption = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
) -> None:
    """Edit a measure or a step (appended; generating the plan again keeps the edit)."""
    fields = {
        "title": title,
        "text": text,
        "owner": owner,
        "start_date": start,
        "due_date": due,
    }
    chosen = {k: v for k, v in fields.items() if v is not None}
    if not chosen:
        err.print("Nothing to edit: give --title, --text, --owner, --start or --due.")
        raise typer.Exit(EXIT_REFUSED)
    moment = moment_for(_day(as_of) if as_of else None)
    with _open(db) as con, _refusals():
        for name, value in chosen.items():
            changed = edit_target(
                con, measure_id, name, value, actor=_actor(actor), at=moment, note=note
            )
            out.print(f"{measure_id} {name}: {'edited' if changed else 'unchanged'}")


# ---- overdue / remind ---------------------------------------------------------------------------
@app.command("overdue")
def overdue(
    agency: AgencyOption = None,
    year: PlanYearOption = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
) -> None:
    """Overdue measures and steps as of a day (Asia/Bangkok). Exits 1 when something is
    overdue, for cron."""
    day = _day(as_of)
    with _open(db, read_only=True) as con, _refusals():
        measures, milestones = overdue_rows(
            con, as_of=day, agency_id=_agency_id(con, agency), fiscal_year=year
        )
    if not measures and not milestones:
        out.print(f"Nothing is overdue as of {day}.")
        return
    if measures:
        table = _table("id", "agency", "measure", "owner", "due", "days late", "status")
        for r in measures:
            table.add_row(
                r["measure_id"],
                escape(r["agency_name"] or ""),
                escape(r["title"]),
                escape(r["owner"]),
                r["due_date"].isoformat(),
                str(r["days_overdue"]),
                _status(r["status"]),
            )
        out.print(table)
    if milestones:
        table = _table("step id", "agency", "step", "owner", "due", "days late", "status")
        for r in milestones:
            text = f"{r['text']} ({r['occurrence']})" if r["occurrence"] else r["text"]
            table.add_row(
                r["milestone_id"],
                escape(r["agency_name"] or ""),
                escape(text),
                escape(r["owner"]),
                r["due_date"].isoformat(),
                str(r["days_overdue"]),
                _status(r["status"]),
            )
        out.print(table)
    out.print(f"{len(measures)} measure(s) and {len(milestones)} step(s) overdue as of {day}.")
    raise typer.Exit(EXIT_OVERDUE)


@app.command("remind")
def remind(
    as_of: AsOfOption = None,
    days: Annotated[
        int | None,
        typer.Option("--days", help="Due-soon window in days (default settings.due_soon_days)."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Record today's reminders (one per measure per day; running again adds none)."""
    day = _day(as_of)
    with _open(db) as con, _refusals():
        lists = daily_lists(con, day, days)
        created = send_reminders(con, day, days)
    out.print(
        f"As of {day}: {len(lists.overdue)} overdue, {len(lists.due_soon)} due within "
        f"{get_settings().due_soon_days if days is None else days} days; "
        f"{len(created)} new reminder(s)."
    )
    for r in created:
        out.print(escape(r.message_th))


# ---- export / import ------------------------------------------------------------------------------
@app.command("export")
def export(
    path: Annotated[Path, typer.Argument(help="CSV file to write.")],
    agency: AgencyOption = None,
    year: PlanYearOption = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
) -> None:
    """Write measures and their steps to CSV for editing in a spreadsheet."""
    day = _day(as_of)
    with _open(db, read_only=True) as con, _refusals():
        count = export_csv(
            con, path, as_of=day, agency_id=_agency_id(con, agency), fiscal_year=year
        )
    out.print(f"{count} row(s) written to {path} (as of {day}).")
    out.print(
        "Edit status, note, reason, evidence (and title, owner, dates while planned), then "
        f"load it back with: ita measures import {path}"
    )


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="CSV exported by `ita measures export`.")],
    actor: ActorOption = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
    raw_dir: Annotated[
        Path | None, typer.Option("--raw-dir", help="Raw store for evidence files.")
    ] = None,
) -> None:
    """Load an edited CSV back: each changed row becomes events/edits after validation; rows
    refused are listed with their line and reason. Exits 1 if any row was refused."""
    if not path.is_file():
        err.print(f"[bold red]Refused:[/] no file {path}")
        raise typer.Exit(EXIT_REFUSED)
    moment = moment_for(_day(as_of) if as_of else None)
    with _open(db) as con, _refusals():
        report = import_csv(con, path, actor=_actor(actor), at=moment, raw_dir=raw_dir)
    out.print(
        f"{report.rows} row(s): {len(report.events)} status change(s), {report.edits} edit(s), "
        f"{report.unchanged} unchanged, {len(report.rejected)} rejected."
    )
    if report.rejected:
        table = _table("line", "id", "reason", "เหตุผล", title="Rejected rows (nothing changed)")
        for r in report.rejected:
            table.add_row(str(r.line), r.id, escape(r.reason_en), escape(r.reason_th))
        out.print(table)
        raise typer.Exit(EXIT_REJECTED)


# ---- carry-over / summaries ------------------------------------------------------------------------
@app.command("carry-over")
def carry_over(
    year: Annotated[int, typer.Option("--year", help="The plan year that has ended (B.E.).")],
    agency: AgencyOption = None,
    as_of: AsOfOption = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Move unfinished measures of --year into the next year's plan (flagged carried over)."""
    moment = moment_for(_day(as_of) if as_of else None)
    with _open(db) as con, _refusals():
        carried = carry_over_unfinished(
            con,
            year,
            at=moment,
            actor=_actor(actor) + " (carry-over)",
            agency_id=_agency_id(con, agency),
        )
    for pm in carried:
        out.print(f"{pm.carried_from_measure_id} → {pm.measure_id} {escape(pm.title)}")
    out.print(f"{len(carried)} measure(s) carried over into FY{year + 1}.")


@app.command("progress")
def progress(
    year: Annotated[int, typer.Option("--year", help="The plan's fiscal year (B.E.).")],
    quarter: Annotated[
        int | None, typer.Option("--quarter", min=1, max=4, help="1–4 (default: current).")
    ] = None,
    agency: AgencyOption = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
) -> None:
    """Quarterly progress per agency (the quarterly report to the executives); the quarter
    defaults to the one containing --as-of."""
    q = quarter or quarter_of(_day(as_of))
    with _open(db, read_only=True) as con, _refusals():
        reports = quarterly_progress(con, year, q, _agency_id(con, agency))
    table = Table(
        "agency",
        "measures",
        "started",
        "done",
        "late",
        "postponed",
        "overdue",
        "steps due/done",
        "evidence",
        title=f"FY{year} Q{q}",
    )
    for r in reports:
        table.add_row(
            escape(r.agency_name),
            str(r.measures_total),
            str(r.started),
            str(r.completed),
            str(r.completed_late),
            str(r.postponed),
            str(r.overdue_at_end),
            f"{r.milestones_due}/{r.milestones_due_done}",
            str(r.evidence_count),
        )
    out.print(table)


@app.command("year-end")
def year_end(
    year: Annotated[int, typer.Option("--year", help="The plan's fiscal year (B.E.).")],
    agency: AgencyOption = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
) -> None:
    """The year-end summary: done, late, unfinished, problems and suggestions."""
    day = parse_day(as_of) if as_of else None
    with _open(db, read_only=True) as con, _refusals():
        summaries = year_end_summary(con, year, _agency_id(con, agency), day)
    for s in summaries:
        out.print(
            f"[bold]{escape(s.agency_name)}[/] FY{year}: {s.measures_total} measures, "
            f"{s.done_on_time} done on time, {s.done_late} late, {s.unfinished} unfinished"
        )
        _print_lines("ปัญหาอุปสรรค", s.problems)
        _print_lines("ข้อเสนอแนะ", s.suggestions)


def _print_lines(title: str, lines: Sequence[str]) -> None:
    out.print(f"  {title}:")
    for i, line in enumerate(lines, 1):
        out.print(f"    {i}. {escape(line)}")


def register(root: typer.Typer) -> None:
    """Add ``ita measures …`` to the ``ita`` app."""
    root.add_typer(app, name="measures")
