"""Load a chunk of prepared documents: the outcomes of `load_prepared` one by one, for a
fraction of the statements.

At national scale nearly every document is *new*: bytes never seen, an (agency, fiscal year)
without a current result. For those the loader needs no per-document reads — the chunk's
look-ups are three queries in all — and their rows are written together, a few statements per
table for the whole group. Everything else (bytes seen before, a result to supersede or
compare, two documents of the chunk about one agency) goes through `load_prepared` one by one,
after the group and in chunk order.

Atomicity: the group is one transaction. A crash leaves each document either wholly loaded or
untouched (never half-written); a re-run loads the untouched ones. If the group's transaction
fails, it is rolled back and its documents are loaded one by one, each in its own transaction,
so one bad document cannot take the others down with it and its error names it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence

import duckdb

from schemas.frames import record_rows
from schemas.ids import agency_name_key, assessment_id_for
from warehouse.connection import transaction
from warehouse.errors import LoadError
from warehouse.load import (
    Outcome,
    choose_agency_id,
    document_row,
    load_prepared,
    loaded_outcome,
    quarantined_outcome,
)
from warehouse.prepare import PreparedDocument
from warehouse.queries import run_query
from warehouse.write import WRITE_ERRORS, Result, write_documents, write_findings, write_results

log = logging.getLogger(__name__)


def load_batch(
    con: duckdb.DuckDBPyConnection, prepared: Sequence[PreparedDocument]
) -> list[Outcome]:
    """One `Outcome` per document, in order — those `load_prepared` would give one by one.
    A document whose own load fails is reported `failed` (rolled back); the others load."""
    if not prepared:
        return []
    new, agency_ids = find_new(con, prepared)
    outcomes: dict[int, Outcome] = {}
    if new:
        try:
            with transaction(con):
                outcomes.update(write_new(con, [(i, prepared[i], agency_ids.get(i)) for i in new]))
        except WRITE_ERRORS as exc:
            log.warning("writing %d new documents together failed (%s); one by one", len(new), exc)
            outcomes.clear()
    for i, item in enumerate(prepared):
        if i not in outcomes:
            outcomes[i] = load_one(con, item)
    return [outcomes[i] for i in range(len(prepared))]


def load_one(con: duckdb.DuckDBPyConnection, item: PreparedDocument) -> Outcome:
    """`load_prepared`, with a failure reported as the document's outcome."""
    try:
        return load_prepared(con, item)
    except LoadError as exc:
        log.error("%s", exc)
        return Outcome(item.document_id, item.stored.file_name, "failed", str(exc), str(exc))


def find_new(
    con: duckdb.DuckDBPyConnection, prepared: Sequence[PreparedDocument]
) -> tuple[list[int], dict[int, str]]:
    """Positions of the documents that can be written as a group, and the agency id each
    loadable one resolves to (as `warehouse.load.resolve_agency_id` would, before the chunk).

    Grouped: bytes not in the warehouse nor earlier in the chunk; when loadable, an agency name
    no other document of the chunk has and an assessment without a current result."""
    ids = [p.document_id for p in prepared]
    known = {row[0] for row in run_query(con, "documents_get_many", document_ids=ids).rows} | {
        d for d, n in Counter(ids).items() if n > 1
    }
    loadable = {
        i: p.record for i, p in enumerate(prepared) if not p.refused and p.record is not None
    }
    keys = {i: agency_name_key(r.agency) for i, r in loadable.items()}
    candidates: dict[str, list[tuple[str, str | None]]] = {}
    for name_key, agency_id, province in run_query(
        con, "agency_candidates_many", name_keys=sorted(set(keys.values()))
    ).rows:
        candidates.setdefault(name_key, []).append((agency_id, province))
    agency_ids = {
        i: choose_agency_id(r, keys[i], candidates.get(keys[i], [])) for i, r in loadable.items()
    }
    assessment_ids = {
        i: assessment_id_for(a, loadable[i].fiscal_year) for i, a in agency_ids.items()
    }
    current = {
        row[0]
        for row in run_query(
            con, "assessments_existing", assessment_ids=sorted(set(assessment_ids.values()))
        ).rows
    }
    shared_keys = {k for k, n in Counter(keys.values()).items() if n > 1}
    new = [
        i
        for i, p in enumerate(prepared)
        if p.document_id not in known
        and (i not in loadable or (keys[i] not in shared_keys and assessment_ids[i] not in current))
    ]
    return new, agency_ids


def write_new(
    con: duckdb.DuckDBPyConnection, group: list[tuple[int, PreparedDocument, str | None]]
) -> dict[int, Outcome]:
    """Write a group of new documents (inside the caller's transaction): loaded ones with
    their results, refused ones to quarantine."""
    results, documents, findings, outcomes = [], [], [], {}
    for i, item, agency_id in group:
        record = item.record
        if item.refused or record is None or agency_id is None:
            outcomes[i], stored = quarantined_outcome(item, list(item.findings))
            documents.append(document_row(item, "quarantined", outcomes[i].reason))
            findings.append((item.document_id, stored))
            continue
        rows = record_rows(record, item.document_id, agency_id)
        results.append(Result(rows, record.kind))
        documents.append(document_row(item, "loaded", None))
        findings.append((item.document_id, list(item.findings)))
        outcomes[i] = loaded_outcome(item, record, rows.assessment_id)
    write_results(con, results)
    write_documents(con, documents)
    write_findings(con, findings)
    return outcomes
