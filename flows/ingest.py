"""The ingest flow: ONE flow run per batch of sources.

expand sources → fetch (URLs: a task each, retried on transient errors only; files: one task)
→ content hash: bytes already in the warehouse (or earlier in this batch) are never parsed again
→ parse in a process pool inside this flow run (chunks of documents as tasks)
→ load serially through the single writer as chunks finish (`warehouse.load_batch`)
→ plan measures for the assessments this run loaded → publish artifacts (a table of documents
and outcomes, a markdown summary with counts).

Only paths, small dataclasses and ids cross task boundaries — never DataFrames or connections.
A run killed midway leaves every document either loaded or untouched; re-running finishes the
rest and re-parses nothing already loaded.
"""

from __future__ import annotations

import logging
import math
import queue
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from flows.parse_pool import ParseJob, open_parse_pool, parse_jobs
from flows.summary import DocumentResult, IngestSummary
from ita.fetch import FetchError, SourceRef, expand_sources, fetch_source
from ita.rawstore import StoredFile
from ita.settings import get_settings
from warehouse.connection import connect
from warehouse.load import Outcome
from warehouse.load_batch import load_batch
from warehouse.prepare import PreparedDocument
from warehouse.queries import run_query

log = logging.getLogger(__name__)

SUMMARY_ARTIFACT = "ingest-summary"
TABLE_ARTIFACT = "ingest-documents"
# Threads for the fetch tasks and the parse-chunk tasks (which wait on the process pool).
THREAD_RUNNER: TaskRunner[Any] = ThreadPoolTaskRunner(max_workers=8)
ProgressListener = Callable[[int, int], None]
R = TypeVar("R")
_listeners: list[ProgressListener] = []


# ----------------------------------------------------------------------------------- tasks
def is_transient_failure(task: object, task_run: object, state: object) -> bool:
    """Retry a fetch only when trying again may help (5xx, timeouts, connection errors)."""
    error = state.result(raise_on_failure=False)  # type: ignore[attr-defined]
    return isinstance(error, FetchError) and error.transient


@task(name="expand-sources", cache_policy=NO_CACHE)
def expand_sources_task(sources: list[str]) -> list[SourceRef]:
    return expand_sources(sources)


@task(
    name="fetch-url",
    retries=3,
    retry_delay_seconds=[2, 10, 30],
    retry_condition_fn=is_transient_failure,
    cache_policy=NO_CACHE,
)
def fetch_url(ref: SourceRef, raw_dir: Path) -> StoredFile:
    """Download one URL into the raw store (Prefect does the retries, visibly)."""
    return fetch_source(ref, raw_dir, retries=0)


@task(name="store-files", cache_policy=NO_CACHE)
def store_files(refs: list[SourceRef], raw_dir: Path) -> list[StoredFile | FetchError]:
    """Copy local files into the raw store (hashing them)."""
    results: list[StoredFile | FetchError] = []
    for ref in refs:
        try:
            results.append(fetch_source(ref, raw_dir))
        except FetchError as exc:
            results.append(exc)
    return results


@task(name="find-known-documents", cache_policy=NO_CACHE)
def find_known_documents(db: Path, document_ids: list[str]) -> dict[str, dict[str, object]]:
    """The documents table rows of ids the warehouse already has (their bytes were parsed)."""
    if not document_ids or not Path(db).exists():
        return {}
    con = connect(db)
    try:
        known = {}
        for document_id in document_ids:
            rows = run_query(con, "document_get", document_id=document_id).dicts()
            if rows:
                known[document_id] = rows[0]
        return known
    finally:
        con.close()


@task(name="parse-documents", cache_policy=NO_CACHE)
def parse_documents(jobs: list[ParseJob]) -> list[PreparedDocument]:
    """Extract and validate a chunk of documents (on the run's process pool when it has one)."""
    return parse_jobs(jobs)


@task(name="load-documents", cache_policy=NO_CACHE)
def load_documents(db: Path, prepared: list[PreparedDocument]) -> list[Outcome]:
    """The single writer (`warehouse.load_batch`): new documents of the chunk in one
    transaction, the rest one by one. A document whose load fails is rolled back and reported;
    the others still load."""
    con = connect(db)
    try:
        return load_batch(con, prepared)
    finally:
        con.close()


# ------------------------------------------------------------------------------------ flow
@flow(name="ingest", task_runner=THREAD_RUNNER, log_prints=True)
def ingest(
    sources: list[str],
    db: str | None = None,
    raw_dir: str | None = None,
    plan: bool = True,
    workers: int | None = None,
) -> IngestSummary:
    """Ingest PDFs from paths, folders, globs, http(s) URLs and manifest CSVs."""
    started = time.monotonic()
    s = get_settings()
    db_path = Path(db or s.db)
    raw_path = Path(raw_dir or s.raw_dir)
    summary = IngestSummary()

    refs = expand_sources_task(sources)
    fetched = fetch_all(refs, raw_path)
    jobs, results = triage(refs, fetched, db_path)
    summary.phase_seconds["fetch"] = time.monotonic() - started
    summary.parsed = len(jobs)
    mark = time.monotonic()
    with open_parse_pool(workers or s.parse_workers):
        outcomes = parse_and_load(jobs, db_path, workers or s.parse_workers)
    summary.phase_seconds["parse_load"] = time.monotonic() - mark
    for ref, stored in zip(refs, fetched, strict=True):
        if ref.location not in results and isinstance(stored, StoredFile):
            results[ref.location] = result_of(ref, outcomes[stored.document_id])
    summary.results = [results[ref.location] for ref in refs]

    if plan and summary.loaded_assessment_ids:
        from flows.plan import plan_assessments

        mark = time.monotonic()
        summary.planned_assessments = plan_assessments(db_path, summary.loaded_assessment_ids)
        summary.phase_seconds["plan"] = time.monotonic() - mark
    summary.seconds = time.monotonic() - started
    publish_summary(summary)
    return summary


def fetch_all(refs: list[SourceRef], raw_dir: Path) -> list[StoredFile | FetchError]:
    """Every ref's stored file or fetch error, in the order of `refs`."""
    s = get_settings()
    fetch = fetch_url.with_options(
        retries=s.download_retries,
        retry_delay_seconds=[s.download_backoff_s * 2**i for i in range(s.download_retries)],
    )
    url_futures = {ref.location: fetch.submit(ref, raw_dir) for ref in refs if ref.is_url}
    local = iter(store_files([ref for ref in refs if not ref.is_url], raw_dir))
    out: list[StoredFile | FetchError] = []
    for ref in refs:
        if not ref.is_url:
            out.append(next(local))
            continue
        future = url_futures[ref.location]
        future.wait()
        value = future.state.result(raise_on_failure=False)
        out.append(value if isinstance(value, StoredFile | FetchError) else _unexpected(ref, value))
    return out


def _unexpected(ref: SourceRef, error: object) -> FetchError:
    return FetchError(ref.location, "fetch_error", str(error), transient=False)


def triage(
    refs: list[SourceRef], fetched: list[StoredFile | FetchError], db: Path
) -> tuple[list[ParseJob], dict[str, DocumentResult]]:
    """Jobs for bytes never seen before; results for everything decided without parsing."""
    new_ids = list(dict.fromkeys(s.document_id for s in fetched if isinstance(s, StoredFile)))
    known = find_known_documents(db, new_ids)
    jobs: list[ParseJob] = []
    results: dict[str, DocumentResult] = {}
    first_seen: dict[str, str] = {}
    for ref, stored in zip(refs, fetched, strict=True):
        if isinstance(stored, FetchError):
            results[ref.location] = DocumentResult(
                ref.location, "failed", stored.reason, stored.detail
            )
        elif stored.document_id in known:
            row = known[stored.document_id]
            results[ref.location] = DocumentResult(
                ref.location,
                "duplicate",
                "known_bytes",
                f"same bytes as {row['file_name']} ({row['status']}); not parsed again",
                stored.document_id,
                stored.file_name,
                row.get("agency_name"),  # type: ignore[arg-type]
                row.get("fiscal_year"),  # type: ignore[arg-type]
            )
        elif stored.document_id in first_seen:
            results[ref.location] = DocumentResult(
                ref.location,
                "duplicate",
                "same_bytes_in_batch",
                f"same bytes as {first_seen[stored.document_id]} earlier in this batch",
                stored.document_id,
                stored.file_name,
            )
        else:
            first_seen[stored.document_id] = ref.location
            hints = {"agency_hint": ref.agency_hint, "fiscal_year_hint": ref.fiscal_year_hint}
            jobs.append(ParseJob(stored, {k: v for k, v in hints.items() if v is not None}))
    return jobs, results


def chunk_size(n: int, workers: int) -> int:
    """About four chunks per worker (balance) but at most `settings.parse_chunk_max` documents
    (progress; each chunk is one Prefect task, so bigger chunks cost less orchestration)."""
    limit = get_settings().parse_chunk_max
    return max(1, min(limit, math.ceil(n / (max(workers, 1) * 4))))


def parse_and_load(jobs: list[ParseJob], db: Path, workers: int) -> dict[str, Outcome]:
    """Parse chunks in parallel; load each chunk serially as soon as it is parsed."""
    if not jobs:
        return {}
    log.info("%d documents to parse", len(jobs))
    report_progress(0, len(jobs))
    size = chunk_size(len(jobs), workers)
    futures = [parse_documents.submit(jobs[i : i + size]) for i in range(0, len(jobs), size)]
    outcomes: dict[str, Outcome] = {}
    for future in completed(futures):
        # quoted(): Prefect would otherwise walk every record of the chunk looking for futures
        # in the task's arguments — half the flow process's CPU (py-spy, 400 documents)
        for outcome in load_documents(db, quoted(future.result())):
            outcomes[outcome.document_id] = outcome
        log.info("%d of %d documents loaded", len(outcomes), len(jobs))
        report_progress(len(outcomes), len(jobs))
    return outcomes


def quoted(value: R) -> R:
    """`value` marked for Prefect not to walk (a task still receives it as it is)."""
    return cast(R, quote(value))


def completed(futures: list[PrefectFuture[R]]) -> Iterator[PrefectFuture[R]]:
    """Each future as it finishes. Takes the futures out of `futures` (it is emptied) and keeps
    none it has yielded, so a chunk's parsed documents are freed once loaded — Prefect's
    `as_completed` holds every future (and its result) until the last one finishes, which grew
    the flow process by ~60 KB per document over a batch (bench/README.md)."""
    finished: queue.SimpleQueue[PrefectFuture[R]] = queue.SimpleQueue()
    count = len(futures)
    while futures:
        futures.pop().add_done_callback(finished.put)
    for _ in range(count):
        yield finished.get()


def report_progress(done: int, total: int) -> None:
    for listener in list(_listeners):
        listener(done, total)


@contextmanager
def progress_listener(listener: ProgressListener) -> Iterator[None]:
    """Call `listener(done, total)` as documents are loaded by ingest runs in this process
    (for progress bars; the run logs say the same)."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def result_of(ref: SourceRef, outcome: Outcome) -> DocumentResult:
    errors = [f for f in outcome.findings if f.severity == "error"]
    if outcome.status == "quarantined":
        code = errors[0].check if errors else outcome.reason.split(":", 1)[0]
    elif outcome.status == "duplicate":
        code = "same_results"
    elif outcome.status == "failed":
        code = "load_error"
    else:
        code = ""
    return DocumentResult(
        ref.location,
        outcome.status,
        code,
        outcome.reason,
        outcome.document_id,
        outcome.file_name,
        outcome.agency_name,
        outcome.fiscal_year,
        outcome.assessment_id,
    )


def publish_summary(summary: IngestSummary) -> None:
    create_table_artifact(
        key=TABLE_ARTIFACT,
        table=summary.table(),
        description="Every source of this ingest run and what happened to it",
    )
    create_markdown_artifact(
        key=SUMMARY_ARTIFACT,
        markdown=summary.markdown(),
        description="Counts: loaded, duplicate, quarantined by reason, failures",
    )
