"""Validate one `AssessmentRecord`: the table contracts (lax, then strict) plus the assessment's
own arithmetic (`ita.scoring.check_record`). Errors mean quarantine; warnings are stored with
the loaded data and do not block."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd
import pandera.pandas as pa

from ita.findings import Finding
from ita.record import AssessmentRecord
from schemas.catalog import framework_or_none
from schemas.clean import RECORD_MODELS
from schemas.explain import findings_from_failures
from schemas.frames import RecordFrames, RecordRows, frames_of, record_rows, table_frame
from schemas.ids import UNKNOWN_DOCUMENT

EXTRACTION_WARNING_TH = "คำเตือนจากการอ่านเอกสาร: "


def validate_frames(frames: RecordFrames) -> list[Finding]:
    """Schema findings of every table of one record, from its strict model. The strict model
    extends the lax one, so it reports every lax failure too; running only it halves the cost
    (pandera's per-call overhead dominates for one document's few rows)."""
    findings: list[Finding] = []
    for table, (_, strict) in RECORD_MODELS.items():
        frame = frames.table(table)
        try:
            strict.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            findings.extend(findings_from_failures(table, frame, errors.failure_cases))
    return findings


def arithmetic_findings(record: AssessmentRecord) -> list[Finding]:
    """`ita.scoring.check_record` for the record's year (nothing when the year is unknown —
    the schema reports that). A crash of the check itself becomes an error finding, so one bad
    document never stops a batch and the reason is kept."""
    fw = framework_or_none(record.fiscal_year)
    if fw is None:
        return []
    try:
        from ita.scoring import check_record
    except ImportError:  # the scoring module is not installed in this checkout
        return []
    try:
        return list(check_record(fw, record))
    except Exception as exc:  # recorded as a finding, see docstring
        return [
            Finding(
                "check_crashed",
                f"the arithmetic check could not run: {type(exc).__name__}: {exc}",
                f"ไม่สามารถตรวจคำนวณคะแนนได้: {type(exc).__name__}: {exc}",
            )
        ]


def extraction_warnings(record: AssessmentRecord) -> list[Finding]:
    return [
        Finding("extraction_warning", text, EXTRACTION_WARNING_TH + text, "warning")
        for text in record.warnings
    ]


def merge_findings(schema: list[Finding], others: list[Finding]) -> list[Finding]:
    """Schema findings, then the others except those about a field the schema already refused
    with the same severity (e.g. a grade outside its band is reported once). Errors first."""
    covered = {(f.field, f.severity) for f in schema if f.field}
    merged = schema + [f for f in others if not f.field or (f.field, f.severity) not in covered]
    return sorted(merged, key=lambda f: f.severity != "error")


def validate_record(
    record: AssessmentRecord, document_id: str = UNKNOWN_DOCUMENT
) -> tuple[RecordFrames, list[Finding]]:
    """The record's table frames and every finding about it (errors first)."""
    frames = frames_of(record_rows(record, document_id))
    return frames, merge_findings(validate_frames(frames), other_findings(record))


def validate_records(records: Sequence[tuple[AssessmentRecord, str]]) -> list[list[Finding]]:
    """Every finding about each (record, document id), exactly as `validate_record` gives it,
    at a fraction of the cost for many records.

    pandera's cost is mostly per call (four models, ~20 ms for one document's few rows), so the
    records' rows are validated together, one call per table. Each failing row names its
    document; only those documents — and any the batch cannot speak for — are validated again
    alone, so their findings (and the wording, which may describe the whole table) are those of
    a document validated alone. The batch cannot speak for a document with no rows in a table
    (a whole-table check sees it only alone), for documents sharing an agency or assessment id
    (uniqueness holds per document, not across them), nor for a failure no row is blamed for.
    """
    rows = [record_rows(record, document_id) for record, document_id in records]
    alone = _needs_validating_alone(rows)
    batch = [i for i in range(len(rows)) if i not in alone]
    if len(batch) > 1:
        alone |= _failing_in_batch([rows[i] for i in batch], batch)
    else:
        alone |= set(batch)
    out = []
    for i, (record, _) in enumerate(records):
        schema = validate_frames(frames_of(rows[i])) if i in alone else []
        out.append(merge_findings(schema, other_findings(record)))
    return out


def _needs_validating_alone(rows: list[RecordRows]) -> set[int]:
    agencies = Counter(r.agency_id for r in rows)
    assessments = Counter(r.assessment_id for r in rows)
    return {
        i
        for i, r in enumerate(rows)
        if not r.indicator_scores
        or not r.item_scores
        or agencies[r.agency_id] > 1
        or assessments[r.assessment_id] > 1
    }


def _failing_in_batch(rows: list[RecordRows], positions: list[int]) -> set[int]:
    """Positions (in the caller's list) of documents with a row that fails in the batch; all of
    them when a failure blames no row."""
    failing: set[int] = set()
    for table, (_, strict) in RECORD_MODELS.items():
        frame, owners = table_frame(table, rows)
        try:
            strict.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            for index in errors.failure_cases["index"]:
                if index is None or pd.isna(index) or not 0 <= int(index) < len(owners):
                    return set(positions)
                failing.add(positions[owners[int(index)]])
    return failing


def other_findings(record: AssessmentRecord) -> list[Finding]:
    """The findings that are not the tables' contracts: arithmetic and extraction warnings."""
    return arithmetic_findings(record) + extraction_warnings(record)


def warm_up() -> None:
    """Do once what the first validation would: build each model's schema and read every
    year's catalog (~0.8 s). A process pool's forkserver calls it before forking its workers
    (`flows/parse_preload.py`), so they inherit the result instead of paying it each."""
    from ita.frameworks import known_years

    for _, strict in RECORD_MODELS.values():
        strict.to_schema()
    for year in known_years():
        framework_or_none(year)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
