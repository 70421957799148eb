"""Helpers for the warehouse and ingestion tests (not a test module).

`golden_prepare` prepares a corpus document from its golden JSON (the truth the sample
generator wrote) so the warehouse can be tested independently of extraction accuracy; documents
whose defect lives in the PDF itself (scanned, truncated, not ITA) always go through the real
extractor, because only it can see the defect.
"""

from __future__ import annotations

import csv
import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import duckdb

import ita.samples
from ita.rawstore import StoredFile, store_bytes
from ita.record import AssessmentRecord
from warehouse.prepare import PreparedDocument, prepare_document, prepare_record

CORPUS = Path(ita.samples.__file__).resolve().parent / "corpus"
GOLDEN_DEFECTS = ("", "overall_mismatch")  # defects visible in the golden record itself
SEED_JSON = CORPUS / "2565-takhram-en-fpdf2.json"
DATA_TABLES = (
    "documents",
    "agencies",
    "assessments",
    "indicator_scores",
    "item_scores",
    "assessment_history",
    "indicator_score_history",
    "item_score_history",
    "quarantine",
)


def manifest() -> dict[str, dict[str, str]]:
    with open(CORPUS / "manifest.csv", encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh)}


def extractor_available() -> bool:
    try:
        from ita.sources import extract_document  # noqa: F401
    except ImportError:
        return False
    return True


def original_path(stored: StoredFile) -> Path:
    assert stored.source_uri and stored.source_uri.startswith("file://")
    return Path(unquote(urlparse(stored.source_uri).path))


def golden_prepare(stored: StoredFile, hints: dict[str, object] | None = None) -> PreparedDocument:
    source = original_path(stored)
    row = manifest().get(source.name, {})
    truth = source.with_suffix(".json")
    if row.get("defect", "") in GOLDEN_DEFECTS and truth.is_file():
        return prepare_record(stored, AssessmentRecord.read_truth(truth), hints=hints)
    return prepare_document(stored, hints)


def golden_record(name: str) -> AssessmentRecord:
    return AssessmentRecord.read_truth(CORPUS / name)


def stored_for(record: AssessmentRecord, raw_dir: Path, tag: str = "") -> StoredFile:
    """A stand-in document (distinct bytes per record content and tag) for loader tests."""
    body = repr(sorted(record.truth().items())).encode("utf-8") + tag.encode("utf-8")
    name = f"{hashlib.sha256(body).hexdigest()[:8]}.txt"
    return store_bytes(body, name, raw_dir, f"file:///test/{name}")


def snapshot(db: Path | duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every data table (sorted), for before/after comparisons; `db` is a file
    (opened read-only) or an open connection."""
    if isinstance(db, duckdb.DuckDBPyConnection):
        return {t: sorted(db.table(t).fetchall(), key=repr) for t in DATA_TABLES}
    con = duckdb.connect(str(db), read_only=True)
    try:
        return snapshot(con)
    finally:
        con.close()


def with_indicator(record: AssessmentRecord, n: int, value: str) -> AssessmentRecord:
    """A copy of `record` with indicator `n` changed and the overall, tools and grade made
    consistent again through the catalog (a plausible corrected document)."""
    from ita import scoring
    from ita.frameworks import load_framework

    fw = load_framework(record.fiscal_year)
    copy = AssessmentRecord.from_truth(record.truth())
    copy.indicators[n] = Decimal(value)
    copy.tool_scores = {
        k: scoring.round2(v) for k, v in scoring.compute_tool_scores(fw, copy.indicators).items()
    }
    copy.score = scoring.round2(scoring.compute_overall(fw, copy.indicators))
    copy.grade = fw.grade_for(copy.score, copy.tool_scores)
    # keep the items consistent with the changed indicator: drop that indicator's items
    copy.items = {c: v for c, v in copy.items.items() if fw.items[c].indicator != n}
    return copy
