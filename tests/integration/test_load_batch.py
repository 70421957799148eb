"""`load_batch` writes a chunk's new documents together and must leave the warehouse exactly as
`load_prepared` one document at a time does, with the same outcomes — for every chunk size, with
supersedes, conflicts, duplicates and quarantines in the chunk — and a document that cannot be
written fails alone."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from warehouse_helpers import CORPUS, golden_prepare, golden_record, manifest, snapshot

from ita.rawstore import store_file
from warehouse import connect
from warehouse.load import Outcome, load_prepared
from warehouse.load_batch import load_batch
from warehouse.prepare import PreparedDocument, prepare_record

CLOCKS = ("ingested_at", "loaded_at", "superseded_at", "found_at")


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> list[PreparedDocument]:
    """Every corpus document, prepared once (golden records; defects through the extractor)."""
    raw = tmp_path_factory.mktemp("raw")
    return [golden_prepare(store_file(CORPUS / name, raw)) for name in sorted(manifest())]


def state(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every data row without the columns the clock sets."""
    con = connect(db)
    try:
        out = {}
        for table, rows in snapshot(con).items():
            columns = con.table(table).columns
            keep = [i for i, c in enumerate(columns) if c not in CLOCKS]
            out[table] = sorted((tuple(r[i] for i in keep) for r in rows), key=repr)
        return out
    finally:
        con.close()


def essence(outcome: Outcome) -> tuple[Any, ...]:
    return (
        outcome.document_id,
        outcome.status,
        outcome.reason.split(", ingested ")[0],  # a duplicate's reason quotes the clock
        outcome.assessment_id,
        outcome.replaced_document_id,
        [f.check for f in outcome.findings],
    )


def one_by_one(db: Path, docs: list[PreparedDocument]) -> list[Outcome]:
    con = connect(db)
    try:
        return [load_prepared(con, p) for p in docs]
    finally:
        con.close()


def in_chunks(db: Path, docs: list[PreparedDocument], size: int) -> list[Outcome]:
    con = connect(db)
    try:
        return [o for i in range(0, len(docs), size) for o in load_batch(con, docs[i : i + size])]
    finally:
        con.close()


@pytest.mark.parametrize("size", [5, 64, 1000])
def test_chunks_load_exactly_as_one_by_one(tmp_path, prepared, size) -> None:
    expected = one_by_one(tmp_path / "one.duckdb", prepared)
    got = in_chunks(tmp_path / "chunks.duckdb", prepared, size)
    assert [essence(o) for o in got] == [essence(o) for o in expected]
    assert state(tmp_path / "chunks.duckdb") == state(tmp_path / "one.duckdb")
    statuses = {o.status for o in got}
    assert {"loaded", "quarantined", "duplicate", "superseded_previous"} <= statuses

    # the same documents again: nothing changes, every one a duplicate of itself
    again = in_chunks(tmp_path / "chunks.duckdb", prepared, size)
    assert [essence(o) for o in again] == [
        essence(o) for o in one_by_one(tmp_path / "one.duckdb", prepared)
    ]
    assert state(tmp_path / "chunks.duckdb") == state(tmp_path / "one.duckdb")


def test_a_document_that_cannot_be_written_fails_alone_in_a_chunk(tmp_path) -> None:
    """A record no table can hold (a score over 999.99: not validated, e.g. a caller's own
    preparer) fails with its name; the rest of its chunk still loads."""
    raw = tmp_path / "raw"
    names = ["2564-ban-kao-fpdf2.pdf", "2565-hat-yai-fpdf2.pdf", "2564-takhram-en-fpdf2.pdf"]
    docs = [
        prepare_record(store_file(CORPUS / n, raw), golden_record(n.replace(".pdf", ".json")))
        for n in names
    ]
    broken = docs[1].record
    assert broken is not None
    docs[1] = dataclasses.replace(
        docs[1], record=dataclasses.replace(broken, score=Decimal("12345.67")), findings=()
    )
    con = connect(tmp_path / "w.duckdb")
    try:
        outcomes = load_batch(con, docs)
        assessments = con.sql("SELECT document_id FROM assessments").fetchall()
        documents = con.sql("SELECT document_id FROM documents").fetchall()
    finally:
        con.close()
    assert [o.status for o in outcomes] == ["loaded", "failed", "loaded"]
    assert names[1] in outcomes[1].reason and "rolled back" in outcomes[1].reason
    loaded = {docs[0].document_id, docs[2].document_id}
    assert {d for (d,) in assessments} == loaded
    assert {d for (d,) in documents} == loaded
