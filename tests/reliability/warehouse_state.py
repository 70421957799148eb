"""What a warehouse holds, for before/after comparisons and integrity checks.

Reads through a read-only connection of its own, so the state is what any other process would
see after the writer has gone.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

# Columns whose values are set by the clock, not by the documents.
CLOCK_COLUMNS = frozenset(
    {
        "applied_at",
        "classified_at",
        "created_at",
        "found_at",
        "generated_at",
        "ingested_at",
        "loaded_at",
        "recorded_at",
        "superseded_at",
    }
)

Rows = list[tuple[Any, ...]]


@contextmanager
def reading(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        yield con
    finally:
        con.close()


def base_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
    ).fetchall()
    return [name for (name,) in rows]


def table_rows(db: Path, stable: bool = False) -> dict[str, Rows]:
    """Every row of every base table, sorted; `stable` drops clock-set columns."""
    out: dict[str, Rows] = {}
    with reading(db) as con:
        for name in base_tables(con):
            rel = con.table(name)
            keep = [c for c in rel.columns if not (stable and c in CLOCK_COLUMNS)]
            out[name] = sorted(rel.select(*keep).fetchall(), key=repr)
    return out


def counts(db: Path) -> dict[str, int]:
    return {name: len(rows) for name, rows in table_rows(db).items()}


def without_document(state: dict[str, Rows], db: Path, document_id: str) -> dict[str, Rows]:
    """`state` minus the rows that belong to one document (its documents and quarantine rows)."""
    with reading(db) as con:
        doc_cols = {name: con.table(name).columns for name in state}
    out = {}
    for name, rows in state.items():
        cols = doc_cols[name]
        if name in ("documents", "quarantine") and "document_id" in cols:
            i = cols.index("document_id")
            rows = [r for r in rows if r[i] != document_id]
        out[name] = rows
    return out


def document_row(db: Path, document_id: str) -> dict[str, Any] | None:
    with reading(db) as con:
        rel = con.table("documents").filter(duckdb.ColumnExpression("document_id") == document_id)
        rows = rel.fetchall()
        return dict(zip(rel.columns, rows[0], strict=True)) if rows else None


def findings_of(db: Path, document_id: str) -> list[dict[str, Any]]:
    with reading(db) as con:
        rel = (
            con.table("quarantine")
            .filter(duckdb.ColumnExpression("document_id") == document_id)
            .order("finding_no")
        )
        return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]


INTEGRITY_CHECKS = {
    "assessment without exactly 10 indicator scores": """
        SELECT a.assessment_id, count(i.indicator) FROM assessments a
        LEFT JOIN indicator_scores i USING (assessment_id)
        GROUP BY ALL HAVING count(i.indicator) <> 10""",
    "assessment without item scores": """
        SELECT a.assessment_id FROM assessments a
        WHERE NOT EXISTS (SELECT 1 FROM item_scores s WHERE s.assessment_id = a.assessment_id)""",
    "orphan indicator score": """
        SELECT assessment_id FROM indicator_scores
        WHERE assessment_id NOT IN (SELECT assessment_id FROM assessments)""",
    "orphan item score": """
        SELECT assessment_id FROM item_scores
        WHERE assessment_id NOT IN (SELECT assessment_id FROM assessments)""",
    "assessment of an unknown agency": """
        SELECT assessment_id FROM assessments
        WHERE agency_id NOT IN (SELECT agency_id FROM agencies)""",
    "assessment whose document is not loaded": """
        SELECT a.assessment_id FROM assessments a LEFT JOIN documents d USING (document_id)
        WHERE d.status IS DISTINCT FROM 'loaded'""",
    "loaded document without its assessment": """
        SELECT d.document_id FROM documents d
        WHERE d.status = 'loaded'
          AND d.document_id NOT IN (SELECT document_id FROM assessments)""",
    "quarantined document without an error finding": """
        SELECT d.document_id FROM documents d
        WHERE d.status = 'quarantined' AND NOT EXISTS (
            SELECT 1 FROM quarantine q
            WHERE q.document_id = d.document_id AND q.severity = 'error')""",
    "finding of an unknown document": """
        SELECT document_id FROM quarantine
        WHERE document_id NOT IN (SELECT document_id FROM documents)""",
    "document with a multi-line reason": """
        SELECT document_id FROM documents WHERE reason LIKE '%' || chr(10) || '%'""",
}


def integrity_problems(db: Path) -> dict[str, Rows]:
    """Every violated invariant of a warehouse that holds only whole documents (empty = ok)."""
    problems: dict[str, Rows] = {}
    with reading(db) as con:
        for label, sql in INTEGRITY_CHECKS.items():
            rows = con.execute(sql).fetchall()
            if rows:
                problems[label] = rows[:5]
    return problems


def status_counts(db: Path) -> dict[str, int]:
    with reading(db) as con:
        rows = con.execute("SELECT status, count(*) FROM documents GROUP BY ALL").fetchall()
    return dict(rows)
