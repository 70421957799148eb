"""The track flow (daily, 07:00 Asia/Bangkok): what is overdue and what is due soon, today's
reminders (recorded once per measure per day, so a re-run sends nothing new) and the progress
snapshot of the current fiscal quarter. Published as artifacts: two tables and a summary."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from ita.fiscal import fiscal_year_of, format_thai_date, quarter_of, today_bangkok
from ita.settings import get_settings
from ita.tracking import QuarterlyProgress, TrackedItem
from warehouse.connection import connect
from warehouse.tracking import daily_lists, quarterly_progress, send_reminders

log = logging.getLogger(__name__)

OVERDUE_ARTIFACT = "track-overdue"
DUE_SOON_ARTIFACT = "track-due-soon"
SUMMARY_ARTIFACT = "track-summary"


@dataclass(slots=True)
class TrackSummary:
    as_of: date
    overdue: list[TrackedItem] = field(default_factory=list)
    due_soon: list[TrackedItem] = field(default_factory=list)
    reminders: int = 0
    progress: list[QuarterlyProgress] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        fy, q = fiscal_year_of(self.as_of), quarter_of(self.as_of)
        lines = [
            f"# Measures on {self.as_of.isoformat()} ({format_thai_date(self.as_of)})",
            "",
            f"- overdue: **{len(self.overdue)}**",
            f"- due within {get_settings().due_soon_days} days: **{len(self.due_soon)}**",
            f"- reminders recorded today: **{self.reminders}**",
        ]
        if self.progress:
            lines += [
                "",
                f"## Progress, fiscal year {fy} quarter {q}",
                "",
                "| agency | measures | done | in progress | overdue | milestones due (done) |",
                "|---|---:|---:|---:|---:|---:|",
            ]
            lines += [
                f"| {p.agency_name} | {p.measures_total} | {p.status_counts.get('done', 0)} "
                f"| {p.status_counts.get('in_progress', 0)} | {p.overdue_at_end} "
                f"| {p.milestones_due} ({p.milestones_due_done}) |"
                for p in self.progress
            ]
        lines += [f"- {note}" for note in self.notes]
        return "\n".join(lines) + "\n"


def item_rows(items: list[TrackedItem]) -> list[dict[str, Any]]:
    return [
        {
            "target": i.target_id,
            "agency": i.agency_name,
            "fiscal_year": i.fiscal_year,
            "title": i.title,
            "owner": i.owner,
            "due": i.due_date.isoformat(),
            "status": i.status,
            "days": i.days,
        }
        for i in items
    ]


@task(name="daily-lists", cache_policy=NO_CACHE)
def find_daily_lists(db: Path, as_of: date) -> tuple[list[TrackedItem], list[TrackedItem]]:
    con = connect(db, read_only=True)
    try:
        lists = daily_lists(con, as_of)
        return list(lists.overdue), list(lists.due_soon)
    finally:
        con.close()


@task(name="record-reminders", cache_policy=NO_CACHE)
def record_reminders(db: Path, as_of: date) -> int:
    con = connect(db)
    try:
        return len(send_reminders(con, as_of))
    finally:
        con.close()


@task(name="quarter-progress", cache_policy=NO_CACHE)
def snapshot_progress(db: Path, as_of: date) -> list[QuarterlyProgress]:
    con = connect(db, read_only=True)
    try:
        return quarterly_progress(con, fiscal_year_of(as_of), quarter_of(as_of))
    finally:
        con.close()


@flow(name="track", log_prints=True)
def track(db: str | None = None, as_of: str | None = None) -> TrackSummary:
    """Overdue and due-soon measures, reminders and the quarter's progress (as of `as_of`,
    YYYY-MM-DD; default today in Bangkok)."""
    day = date.fromisoformat(as_of) if as_of else today_bangkok()
    db_path = Path(db or get_settings().db)
    summary = TrackSummary(day)
    if not db_path.exists():
        summary.notes.append(f"no warehouse at {db_path} yet: nothing to track")
    else:
        summary.reminders = record_reminders(db_path, day)
        summary.overdue, summary.due_soon = find_daily_lists(db_path, day)
        summary.progress = snapshot_progress(db_path, day)
    create_table_artifact(
        key=OVERDUE_ARTIFACT, table=item_rows(summary.overdue), description="Overdue measures"
    )
    create_table_artifact(
        key=DUE_SOON_ARTIFACT, table=item_rows(summary.due_soon), description="Due soon"
    )
    create_markdown_artifact(key=SUMMARY_ARTIFACT, markdown=summary.markdown())
    log.info("%d overdue, %d due soon", len(summary.overdue), len(summary.due_soon))
    return summary
