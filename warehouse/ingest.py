"""`ingest_paths`: sources → raw store → prepared documents → warehouse, for the CLI.

Extraction runs without holding the database; documents are then loaded in small batches
(`warehouse.load_batch`), each under one short-lived writing connection, so readers get a turn between batches during a long
run (DuckDB admits no reader while a writer has the file open). The Prefect flow composes the same
pieces (`fetch_source`, `prepare_documents`, `load_batch`) with a process pool.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from pathlib import Path
from typing import TypeVar

from ita.fetch import FetchError, SourceRef, expand_sources, fetch_source
from ita.rawstore import StoredFile
from ita.settings import get_settings
from warehouse.connection import connect
from warehouse.load import Outcome, duplicate_outcome, known_document
from warehouse.load_batch import load_batch
from warehouse.prepare import PreparedDocument, prepare_documents

LOAD_BATCH = 16
T = TypeVar("T")

Progress = Callable[[Outcome], None]
Preparer = Callable[..., PreparedDocument]


def ingest_paths(
    sources: Iterable[str | Path],
    db: Path | str | None = None,
    progress: Progress | None = None,
    raw_dir: Path | None = None,
    prepare: Preparer | None = None,
) -> list[Outcome]:
    """Ingest files, folders, globs, URLs or manifest CSVs. Returns one `Outcome` per source,
    in order. Raises `ita.fetch.SourceError` for an argument that cannot be expanded and
    `warehouse.connection.WarehouseError` when the warehouse cannot be opened."""
    refs = expand_sources(sources)
    return ingest_refs(refs, db, progress, raw_dir, prepare)


def ingest_refs(
    refs: list[SourceRef],
    db: Path | str | None = None,
    progress: Progress | None = None,
    raw_dir: Path | None = None,
    prepare: Preparer | None = None,
) -> list[Outcome]:
    """Fetch, prepare and load `refs` in batches; bytes already loaded are not extracted again."""
    raw = Path(raw_dir) if raw_dir is not None else Path(get_settings().raw_dir)
    outcomes: list[Outcome] = []
    for batch in _batches(refs, LOAD_BATCH):
        fetched: list[tuple[SourceRef, StoredFile]] = []
        for ref in batch:
            try:
                fetched.append((ref, fetch_source(ref, raw)))
            except FetchError as exc:
                _report(outcomes, progress, _fetch_failed(ref, exc))
        if not fetched:
            continue
        with closing(connect(db)) as con:
            known = {s.document_id: known_document(con, s.document_id) for _, s in fetched}
        decided: list[Outcome | None] = []  # None: to be prepared and loaded
        todo: list[tuple[StoredFile, dict[str, object] | None]] = []
        for ref, stored in fetched:
            prior = known[stored.document_id]
            if prior is not None and prior["status"] != "quarantined":
                decided.append(duplicate_outcome(stored, prior))
            else:
                decided.append(None)
                todo.append((stored, _hints(ref)))
        prepared = _prepare_all(todo, prepare)
        with closing(connect(db)) as con:
            loaded = iter(load_batch(con, prepared))
        for outcome in decided:
            _report(outcomes, progress, outcome if outcome is not None else next(loaded))
    return outcomes


def _prepare_all(
    todo: list[tuple[StoredFile, dict[str, object] | None]], prepare: Preparer | None
) -> list[PreparedDocument]:
    """Extract and validate (together: `prepare_documents`), or through a custom preparer."""
    if prepare is None:
        return prepare_documents(todo)
    return [prepare(stored, hints=hints) for stored, hints in todo]


def _fetch_failed(ref: SourceRef, exc: FetchError) -> Outcome:
    return Outcome(
        "",
        Path(ref.location).name if not ref.is_url else ref.location,
        "failed",
        f"could not fetch {ref.location}: {exc.reason}: {exc.detail}",
        f"ไม่สามารถดึงไฟล์ {ref.location}: {exc.reason}: {exc.detail}",
    )


def _hints(ref: SourceRef) -> dict[str, object]:
    hints: dict[str, object] = {}
    if ref.agency_hint:
        hints["agency_hint"] = ref.agency_hint
    if ref.fiscal_year_hint:
        hints["fiscal_year_hint"] = ref.fiscal_year_hint
    return hints


def _report(outcomes: list[Outcome], progress: Progress | None, outcome: Outcome) -> None:
    outcomes.append(outcome)
    if progress is not None:
        progress(outcome)


def _batches(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
