"""The scheduled deployments `ita serve` runs (and `prefect.yaml` mirrors for `prefect deploy`):

- ``ingest-inbox``    — the inbox folder, every hour (known files are skipped by their hash);
- ``ingest-manifest`` — the manifest of URLs, nightly at 01:00 Asia/Bangkok;
- ``track-daily``     — overdue and due-soon measures, reminders, progress: 07:00 Asia/Bangkok.

All runs go through one runner with ``limit=1``: DuckDB has a single writer, so two ingests must
not overlap (a manual `ita ingest` meanwhile waits for the writer lock, see `warehouse.connect`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ita.settings import Settings, get_settings

if TYPE_CHECKING:
    from prefect import Flow
    from prefect.deployments.runner import RunnerDeployment

INBOX_DEPLOYMENT = "ingest-inbox"
MANIFEST_DEPLOYMENT = "ingest-manifest"
TRACK_DEPLOYMENT = "track-daily"
MANIFEST_CRON = "0 1 * * *"
TRACK_CRON = "0 7 * * *"


@dataclass(frozen=True, slots=True)
class ServePlan:
    """What to serve: folders/files and how often. `inbox_every` is for tests and impatient
    people; the default is hourly."""

    db: Path
    inbox: Path
    manifest: Path | None
    inbox_every: timedelta = timedelta(hours=1)
    timezone: str = "Asia/Bangkok"

    @classmethod
    def from_settings(cls, settings: Settings | None = None, **overrides: object) -> ServePlan:
        s = settings or get_settings()
        manifest = s.manifest_csv if Path(s.manifest_csv).is_file() else None
        values: dict[str, object] = {
            "db": Path(s.db),
            "inbox": Path(s.inbox_dir),
            "manifest": manifest,
            "timezone": s.timezone,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def build_deployments(plan: ServePlan) -> list[RunnerDeployment]:
    """The deployments for `plan` (nothing is registered until they are served)."""
    from prefect.schedules import Cron, Interval

    from flows.ingest import ingest
    from flows.track import track

    deployments = [
        runner_deployment(
            ingest,
            name=INBOX_DEPLOYMENT,
            description=f"Ingest new PDFs dropped into {plan.inbox}",
            schedules=[Interval(plan.inbox_every, timezone=plan.timezone)],
            parameters={"sources": [str(plan.inbox)], "db": str(plan.db)},
            tags=["ita", "ingest"],
        ),
        runner_deployment(
            track,
            name=TRACK_DEPLOYMENT,
            description="Overdue and due-soon measures, reminders and progress (07:00 Bangkok)",
            schedules=[Cron(TRACK_CRON, timezone=plan.timezone)],
            parameters={"db": str(plan.db)},
            tags=["ita", "track"],
        ),
    ]
    if plan.manifest is not None:
        deployments.insert(
            1,
            runner_deployment(
                ingest,
                name=MANIFEST_DEPLOYMENT,
                description=f"Download and ingest the URLs listed in {plan.manifest}",
                schedules=[Cron(MANIFEST_CRON, timezone=plan.timezone)],
                parameters={"sources": [str(plan.manifest)], "db": str(plan.db)},
                tags=["ita", "ingest", "download"],
            ),
        )
    return deployments


def runner_deployment(flow: Flow[..., Any], **options: Any) -> RunnerDeployment:
    """`flow.to_deployment(...)` called from sync code (it is dispatched sync or async)."""
    from prefect.deployments.runner import RunnerDeployment

    deployment = flow.to_deployment(**options)
    assert isinstance(deployment, RunnerDeployment)
    return deployment


def serve_deployments(plan: ServePlan) -> None:
    """Register the deployments and run their scheduled runs here until interrupted."""
    from prefect import serve

    plan.inbox.mkdir(parents=True, exist_ok=True)
    serve(*build_deployments(plan), limit=1, print_starting_message=False)
