"""`ita demo`: the whole job on the bundled samples, through the real flows.

1. a fresh demo warehouse (`settings.demo_dir`), the parser processes warming up while Prefect
   starts (a running server is used when there is one, otherwise a temporary one);
2. the `ingest` flow over `ita/samples/corpus/` — one flow run, documents parsed in a process
   pool, loaded by the single writer, measures planned from each agency's latest result;
3. the `track` flow as of a day inside the plan year (so overdue and due-soon lists have content);
4. the seed agency's analysis report (อบต.ตะคร้ำเอน, FY2565) as DOCX, PDF and HTML into
   `settings.out_dir`.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from flows.summary import IngestSummary
from ita.fiscal import fiscal_year_bounds
from ita.settings import Settings, get_settings

if TYPE_CHECKING:
    from flows.track import TrackSummary

log = logging.getLogger(__name__)

REPORT_FORMATS = ("docx", "pdf", "html")
ProgressCallback = Callable[[int, int], None]


@dataclass(slots=True)
class DemoResult:
    db: Path
    as_of: date | None = None
    ingest: IngestSummary | None = None
    track: TrackSummary | None = None
    reports: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    prefect: str = ""


def corpus_dir() -> Path:
    from ita.samples.corpus import CORPUS_DIR

    return CORPUS_DIR


def seed_agency() -> tuple[str, int]:
    from ita.samples.agencies import SEED_AGENCY
    from ita.samples.seed import SEED_YEAR

    return SEED_AGENCY.name, SEED_YEAR


def fresh_warehouse(demo_dir: Path) -> Path:
    """Remove the previous demo warehouse (only it) and return its path."""
    db = demo_dir / "ita.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    demo_dir.mkdir(parents=True, exist_ok=True)
    return db


def warm_parse_pool() -> None:
    """Start the forkserver and import the parser in it now, in the background of whatever
    comes next (Prefect's start-up): the ingest flow's pool then forks ready workers."""
    from flows.parse_pool import PRELOAD

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    from multiprocessing import forkserver

    forkserver.ensure_running()


def start_temporary_server() -> threading.Thread:
    """Start the temporary API server the first flow call would start, in a thread, so that
    its start-up overlaps the imports and the parser warm-up. Join before calling a flow."""

    def start() -> None:
        from prefect.server.api.server import SubprocessASGIServer

        SubprocessASGIServer().start()

    thread = threading.Thread(target=start, name="prefect-server-start", daemon=True)
    thread.start()
    return thread


def demo_day(plan_year: int) -> date:
    """15 February of a plan year (its second quarter): some milestones are due, some soon."""
    start, _ = fiscal_year_bounds(plan_year)
    return date(start.year + 1, 2, 15)


def run_demo(
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
    step: Callable[[str], None] | None = None,
) -> DemoResult:
    """Run the demo; `step(text)` is told what starts, `progress(done, total)` how parsing goes."""
    s = settings or get_settings()
    say = step or (lambda text: log.info(text))
    started = time.monotonic()
    result = DemoResult(db=fresh_warehouse(Path(s.demo_dir)))
    raw_dir = Path(s.demo_dir) / "raw"

    from flows.local_server import running_server, use_api

    api = running_server(s)
    starting = None if api else start_temporary_server()
    warm_parse_pool()
    result.prefect = api.removesuffix("/api") if api else "temporary server"
    with use_api(api) if api else nullcontext():
        import flows.ingest  # noqa: F401  (imported while the server starts)

        if starting is not None:
            starting.join()
        result.timings["startup"] = time.monotonic() - started
        run_flows(result, raw_dir, s, say, progress)
    result.timings["total"] = time.monotonic() - started
    return result


def run_flows(
    result: DemoResult,
    raw_dir: Path,
    s: Settings,
    say: Callable[[str], None],
    progress: ProgressCallback | None,
) -> None:
    from flows.ingest import ingest, progress_listener
    from flows.track import track

    t = time.monotonic()
    n = len(list(corpus_dir().glob("*.pdf")))
    say(f"Ingest flow: {n} sample PDFs")
    with progress_listener(progress) if progress else nullcontext():
        summary = ingest([str(corpus_dir())], db=str(result.db), raw_dir=str(raw_dir), plan=True)
    result.ingest = summary
    result.timings["ingest"] = time.monotonic() - t

    agency, year = seed_agency()
    plan_year = latest_plan_year(result.db, agency) or year + 1
    result.as_of = demo_day(plan_year)
    say(f"Track flow as of {result.as_of} (plan year {plan_year})")
    t = time.monotonic()
    result.track = track(db=str(result.db), as_of=result.as_of.isoformat())
    result.timings["track"] = time.monotonic() - t

    say(f"Reports: the seed agency, FY{year}")
    t = time.monotonic()
    result.reports = render_seed_reports(result.db, agency, year, Path(s.out_dir))
    result.timings["reports"] = time.monotonic() - t


def latest_plan_year(db: Path, agency: str) -> int | None:
    """The plan year following the agency's newest result in the warehouse."""
    from warehouse.connection import connect
    from warehouse.plan import PlanError, find_agency
    from warehouse.queries import run_query

    con = connect(db, read_only=True)
    try:
        try:
            ref = find_agency(con, agency)
        except PlanError:
            return None
        rows = run_query(
            con, "classification_assessments", fiscal_year=None, agency_id=ref.agency_id
        ).rows
        return max(fy for _, _, fy in rows) + 1 if rows else None
    finally:
        con.close()


def render_seed_reports(db: Path, agency: str, year: int, out_dir: Path) -> list[Path]:
    from ita.reports import render_report
    from warehouse.connection import connect
    from warehouse.report_context import build_report_context

    con = connect(db, read_only=True)
    try:
        context = build_report_context(con, agency, year)
    finally:
        con.close()
    return [render_report(context, fmt, out_dir) for fmt in REPORT_FORMATS]
