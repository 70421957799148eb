"""Validate one `AssessmentRecord`: the table contracts (lax, then strict) plus the assessment's
own arithmetic (`ita.scoring.check_record`). Errors mean quarantine; warnings are stored with
the loaded data and do not block."""

from __future__ import annotations

import pandera.pandas as pa

from ita.findings import Finding
from ita.record import AssessmentRecord
from schemas.catalog import framework_or_none
from schemas.clean import RECORD_MODELS
from schemas.explain import findings_from_failures
from schemas.frames import RecordFrames, build_frames
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
    frames = build_frames(record, document_id)
    findings = merge_findings(
        validate_frames(frames), arithmetic_findings(record) + extraction_warnings(record)
    )
    return frames, findings


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
