"""Row writers: every table the loader writes, for one document or many, in a few statements.

Rows travel as Arrow tables registered as ``incoming_<table>`` for one statement of
``queries/<table>_insert.sql`` (no SQL is built from values). The caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from ita.findings import Finding
from schemas.frames import TABLE_COLUMNS, RecordRows
from warehouse.queries import run_query

# What writing a row can raise for a value the table refuses (converted by Arrow or DuckDB).
WRITE_ERRORS: tuple[type[Exception], ...] = (duckdb.Error, pa.ArrowException)
SCORE = pa.decimal128(5, 2)
TEXT = pa.string()
INT = pa.int32()
ARROW_SCHEMAS: dict[str, pa.Schema] = {
    "agencies": pa.schema([(c, TEXT) for c in TABLE_COLUMNS["agencies"]]),
    "assessments": pa.schema(
        [
            ("assessment_id", TEXT),
            ("agency_id", TEXT),
            ("fiscal_year", INT),
            ("score", SCORE),
            ("grade", TEXT),
            ("iit_score", SCORE),
            ("eit_score", SCORE),
            ("oit_score", SCORE),
            ("document_id", TEXT),
            ("kind", TEXT),
        ]
    ),
    "indicator_scores": pa.schema([("assessment_id", TEXT), ("indicator", INT), ("score", SCORE)]),
    "item_scores": pa.schema([("assessment_id", TEXT), ("item_code", TEXT), ("score", SCORE)]),
    "documents": pa.schema(
        [
            ("document_id", TEXT),
            ("source_uri", TEXT),
            ("file_name", TEXT),
            ("byte_size", pa.int64()),
            ("page_count", INT),
            ("producer", TEXT),
            ("kind", TEXT),
            ("agency_name", TEXT),
            ("fiscal_year", INT),
            ("status", TEXT),
            ("reason", TEXT),
            ("duplicate_of", TEXT),
        ]
    ),
    "quarantine": pa.schema(
        [
            ("document_id", TEXT),
            ("finding_no", INT),
            ("check_code", TEXT),
            ("severity", TEXT),
            ("field", TEXT),
            ("detail_en", TEXT),
            ("detail_th", TEXT),
        ]
    ),
}


@dataclass(frozen=True, slots=True)
class Result:
    """One record's rows and the kind of document they were read from."""

    rows: RecordRows
    kind: str


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One `documents` row (`ingested_at` is the database's clock)."""

    document_id: str
    source_uri: str | None
    file_name: str
    byte_size: int
    page_count: int | None
    producer: str | None
    kind: str | None
    agency_name: str | None
    fiscal_year: int | None
    status: str
    reason: str | None
    duplicate_of: str | None = None


def write_results(con: duckdb.DuckDBPyConnection, results: Sequence[Result]) -> None:
    """Agencies (new ones inserted, missing details of known ones filled), assessments and
    their indicator and item scores."""
    if not results:
        return
    agencies = [r.rows.agency for r in results]
    with incoming(con, "agencies", agencies):
        run_query(con, "agencies_insert")
        run_query(con, "agencies_fill")
    insert_rows(con, "assessments", [(*r.rows.assessment, r.kind) for r in results])
    insert_rows(con, "indicator_scores", [row for r in results for row in r.rows.indicator_scores])
    insert_rows(con, "item_scores", [row for r in results for row in r.rows.item_scores])


def write_documents(con: duckdb.DuckDBPyConnection, documents: Sequence[DocumentRow]) -> None:
    insert_rows(
        con,
        "documents",
        [tuple(getattr(d, c) for c in ARROW_SCHEMAS["documents"].names) for d in documents],
    )


def write_findings(
    con: duckdb.DuckDBPyConnection, findings: Sequence[tuple[str, Sequence[Finding]]]
) -> None:
    """Each document's findings, numbered 1, 2, … in the order given."""
    insert_rows(
        con,
        "quarantine",
        [
            (document_id, n, f.check, f.severity, f.field, f.detail_en, f.detail_th)
            for document_id, found in findings
            for n, f in enumerate(found, start=1)
        ],
    )


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[tuple[object, ...]]
) -> None:
    """``queries/<table>_insert.sql`` over `rows` (in `ARROW_SCHEMAS[table]` column order)."""
    if rows:
        with incoming(con, table, rows):
            run_query(con, f"{table}_insert")


@contextmanager
def incoming(
    con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[tuple[object, ...]]
) -> Iterator[None]:
    """`rows` registered as the view ``incoming_<table>`` while the block runs."""
    schema = ARROW_SCHEMAS[table]
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(schema)
    data = pa.table(
        [pa.array(values, f.type) for values, f in zip(columns, schema, strict=True)],
        schema=schema,
    )
    view = f"incoming_{table}"
    con.register(view, data)
    try:
        yield
    finally:
        con.unregister(view)
