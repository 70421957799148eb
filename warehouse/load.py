"""Load one prepared document into the warehouse, in one transaction.

Outcomes:
- **duplicate** — the same bytes were ingested before (nothing is written), or the document
  repeats the results already current for its agency and year (recorded with status
  'duplicate' and `duplicate_of`).
- **quarantined** — extraction or validation refused it; every reason goes to `quarantine`.
- **loaded** — a new (agency, fiscal year) result.
- **superseded_previous** — it replaces the current result of its agency and year: a corrected
  document of the same kind, a more complete one, or the official ITAS result replacing an
  agency's own analysis report. The replaced numbers move to the history tables.

A document of lower standing (an agency's analysis report) that contradicts the official ITAS
result already loaded is quarantined with each disagreement named.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

import duckdb

from ita.agency import place_key
from ita.findings import Finding
from ita.rawstore import StoredFile
from ita.record import AssessmentRecord, item_sort_key
from schemas.frames import RecordRows, record_rows
from schemas.ids import agency_id_for, agency_name_key
from warehouse.connection import transaction
from warehouse.errors import LoadError
from warehouse.prepare import PreparedDocument
from warehouse.queries import run_query
from warehouse.write import (
    WRITE_ERRORS,
    DocumentRow,
    Result,
    write_documents,
    write_findings,
    write_results,
)

OutcomeStatus = Literal["loaded", "superseded_previous", "duplicate", "quarantined", "failed"]
KIND_STANDING = {"itas_result": 2, "analysis_report": 1}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one document (`reason` in English, `reason_th` in Thai)."""

    document_id: str
    file_name: str
    status: OutcomeStatus
    reason: str = ""
    reason_th: str = ""
    agency_name: str | None = None
    fiscal_year: int | None = None
    assessment_id: str | None = None
    replaced_document_id: str | None = None
    findings: tuple[Finding, ...] = ()

    @property
    def short_id(self) -> str:
        return self.document_id[:12]


def load_prepared(con: duckdb.DuckDBPyConnection, prepared: PreparedDocument) -> Outcome:
    """Load one document: one transaction, all or nothing.

    Bytes seen before are a duplicate and change nothing — except a document that was
    quarantined: it is checked again (the extractor or catalog may have been fixed) and its
    record replaced only if the verdict changed."""
    prior = known_document(con, prepared.document_id)
    if prior is not None and prior["status"] != "quarantined":
        return duplicate_outcome(prepared.stored, prior)
    before = _stored_findings(con, prepared.document_id) if prior else None
    try:
        with transaction(con):
            if prior is not None:
                run_query(con, "quarantine_clear", document_id=prepared.document_id)
                run_query(con, "document_forget", document_id=prepared.document_id)
            outcome = _load(con, prepared)
            if (
                outcome.status == "quarantined"
                and before is not None
                and _stored_findings(con, prepared.document_id) == before
            ):
                raise _Unchanged(outcome)
    except _Unchanged as unchanged:  # rolled back: the stored verdict stands as it was
        return _still_quarantined(unchanged.outcome, prior or {})
    except WRITE_ERRORS as exc:
        raise LoadError(
            f"loading {prepared.stored.file_name} ({prepared.document_id[:12]}) failed and was "
            f"rolled back: {exc}"
        ) from exc
    return outcome


def known_document(con: duckdb.DuckDBPyConnection, document_id: str) -> dict[str, Any] | None:
    """The documents row of an id, if it was ingested before."""
    rows = run_query(con, "document_get", document_id=document_id).dicts()
    return rows[0] if rows else None


def _load(con: duckdb.DuckDBPyConnection, prepared: PreparedDocument) -> Outcome:
    if prepared.refused or prepared.record is None:
        return _quarantine(con, prepared, list(prepared.findings))
    return _load_record(con, prepared, prepared.record)


class _Unchanged(Exception):  # control flow: roll back an identical verdict
    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.document_id)
        self.outcome = outcome


def _stored_findings(con: duckdb.DuckDBPyConnection, document_id: str) -> list[tuple[Any, ...]]:
    rows = run_query(con, "document_findings", document_id=document_id).rows
    return [row[:-1] for row in rows]  # without found_at


# ---------------------------------------------------------------------------------- outcomes
def _stamp(prior: dict[str, Any]) -> str:
    when = prior.get("ingested_at")
    return when.strftime("%Y-%m-%d %H:%M") if isinstance(when, datetime) else str(when)


def duplicate_outcome(stored: StoredFile, prior: dict[str, Any]) -> Outcome:
    """The outcome for bytes ingested before (nothing is written)."""
    stamp = _stamp(prior)
    return Outcome(
        stored.document_id,
        stored.file_name,
        "duplicate",
        f"same bytes as {prior['file_name']}, ingested {stamp} ({prior['status']}); nothing changed",
        f"ไฟล์เดียวกับ {prior['file_name']} ที่นำเข้าแล้วเมื่อ {stamp} ({prior['status']}) ไม่มีการเปลี่ยนแปลง",
        prior.get("agency_name"),
        prior.get("fiscal_year"),
    )


def _still_quarantined(outcome: Outcome, prior: dict[str, Any]) -> Outcome:
    stamp = _stamp(prior)
    return replace(
        outcome,
        reason=f"still quarantined for the same reasons as on {stamp}: {outcome.reason}",
        reason_th=f"ยังถูกกักไว้ด้วยเหตุผลเดิมเหมือนเมื่อ {stamp}: {outcome.reason_th}",
    )


def _quarantine(
    con: duckdb.DuckDBPyConnection, prepared: PreparedDocument, findings: list[Finding]
) -> Outcome:
    outcome, stored = quarantined_outcome(prepared, findings)
    _insert_document(con, prepared, "quarantined", outcome.reason)
    _insert_findings(con, prepared.document_id, stored)
    return outcome


def quarantined_outcome(
    prepared: PreparedDocument, findings: list[Finding]
) -> tuple[Outcome, list[Finding]]:
    """The outcome of refusing a document — its reason in English and Thai is the first error
    and how many more — and the findings to store (errors first; a record-less refusal always
    has one)."""
    errors = [f for f in findings if f.severity == "error"] or [_no_record_finding()]
    first = errors[0]
    more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
    more_th = f" (และอีก {len(errors) - 1} รายการ)" if len(errors) > 1 else ""
    record = prepared.record
    outcome = Outcome(
        prepared.document_id,
        prepared.stored.file_name,
        "quarantined",
        f"{first.check}: {first.detail_en}{more}",
        f"{first.check}: {first.detail_th}{more_th}",
        record.agency.name if record else None,
        record.fiscal_year if record else None,
        findings=tuple(findings),
    )
    return outcome, errors + [f for f in findings if f not in errors]


def loaded_outcome(
    prepared: PreparedDocument, record: AssessmentRecord, assessment_id: str
) -> Outcome:
    """The outcome of a document whose record became its agency's current result."""
    return Outcome(
        prepared.document_id,
        prepared.stored.file_name,
        "loaded",
        agency_name=record.agency.name,
        fiscal_year=record.fiscal_year,
        assessment_id=assessment_id,
        findings=prepared.findings,
    )


def _no_record_finding() -> Finding:
    return Finding(
        "no_record",
        "no ITA result could be read from the document",
        "ไม่พบผลการประเมิน ITA ในเอกสาร",
    )


def _load_record(
    con: duckdb.DuckDBPyConnection, prepared: PreparedDocument, record: AssessmentRecord
) -> Outcome:
    frames = record_rows(record, prepared.document_id, resolve_agency_id(con, record))
    current = current_result(con, frames.assessment_id)
    done = loaded_outcome(prepared, record, frames.assessment_id)
    if current is None:
        _write_result(con, frames, record)
        _insert_document(con, prepared, "loaded", None)
        _insert_findings(con, prepared.document_id, list(prepared.findings))
        return done

    decision = decide(current, snapshot_of(record), record.kind)
    where = f"{current.file_name} ({current.document_id[:12]})"
    if decision.action == "conflict":
        return _quarantine(con, prepared, (decision.conflicts or []) + list(prepared.findings))
    if decision.action == "duplicate":
        reason = f"same results as {where}"
        _insert_document(con, prepared, "duplicate", reason, duplicate_of=current.document_id)
        _insert_findings(con, prepared.document_id, list(prepared.findings))
        return replace(
            done, status="duplicate", reason=reason, reason_th=f"ผลการประเมินเหมือนกับเอกสาร {where}"
        )
    _archive_current(con, frames.assessment_id, prepared.document_id)
    run_query(
        con,
        "document_supersede",
        document_id=current.document_id,
        superseded_by=prepared.document_id,
        reason=f"replaced by {prepared.stored.file_name} ({prepared.document_id[:12]}): "
        f"{decision.why_en}",
    )
    _write_result(con, frames, record)
    _insert_document(con, prepared, "loaded", None)
    _insert_findings(con, prepared.document_id, list(prepared.findings))
    return replace(
        done,
        status="superseded_previous",
        reason=f"replaces {where}: {decision.why_en}",
        reason_th=f"แทนที่เอกสาร {where}: {decision.why_th}",
        replaced_document_id=current.document_id,
    )


# ------------------------------------------------------------------------ comparing results
@dataclass(frozen=True, slots=True)
class Current:
    assessment_id: str
    document_id: str
    file_name: str
    kind: str | None
    values: dict[str, object]


@dataclass(frozen=True, slots=True)
class Decision:
    action: Literal["supersede", "duplicate", "conflict"]
    why_en: str = ""
    why_th: str = ""
    conflicts: list[Finding] | None = None


def snapshot_of(record: AssessmentRecord) -> dict[str, object]:
    """Every printed value of a record by field key ("score", "tool.EIT", "indicator.7",
    "item.E10", "grade"); missing values are absent."""
    values: dict[str, object] = {"score": record.score, "grade": _grade(record.grade)}
    values.update({f"tool.{k}": v for k, v in record.tool_scores.items()})
    values.update({f"indicator.{n}": v for n, v in record.indicators.items()})
    values.update({f"item.{c}": v for c, v in record.items.items()})
    return {k: v for k, v in values.items() if v is not None}


def current_result(con: duckdb.DuckDBPyConnection, assessment_id: str) -> Current | None:
    row = run_query(con, "assessment_current", assessment_id=assessment_id).dicts()
    if not row:
        return None
    cur = row[0]
    values: dict[str, object] = {"score": cur["score"], "grade": _grade(cur["grade"])}
    for tool in ("IIT", "EIT", "OIT"):
        values[f"tool.{tool}"] = cur[f"{tool.lower()}_score"]
    for n, score in run_query(con, "assessment_indicator_values", assessment_id=assessment_id).rows:
        values[f"indicator.{n}"] = score
    for code, score in run_query(con, "assessment_item_values", assessment_id=assessment_id).rows:
        values[f"item.{code}"] = score
    return Current(
        assessment_id,
        cur["document_id"],
        cur["file_name"] or cur["document_id"][:12],
        cur["kind"],
        {k: v for k, v in values.items() if v is not None},
    )


def decide(current: Current, new: dict[str, object], new_kind: str) -> Decision:
    """Supersede, duplicate or conflict — see the module docstring."""
    common = new.keys() & current.values.keys()
    differing = sorted((k for k in common if new[k] != current.values[k]), key=_field_order)
    added = new.keys() - current.values.keys()
    standing_new = KIND_STANDING.get(new_kind, 0)
    standing_cur = KIND_STANDING.get(current.kind or "", 0)
    if standing_new > standing_cur:
        return Decision(
            "supersede",
            "the official ITAS result replaces the agency's own report",
            "ผลการประเมินอย่างเป็นทางการจากระบบ ITAS แทนที่รายงานของหน่วยงาน",
        )
    if differing and standing_new < standing_cur:
        return Decision("conflict", conflicts=[_conflict(k, new, current) for k in differing])
    if differing:
        shown = ", ".join(
            f"{k} {_show(current.values[k])} → {_show(new[k])}" for k in differing[:4]
        )
        more = len(differing) - 4
        return Decision(
            "supersede",
            f"corrected {shown}" + (f" and {more} more values" if more > 0 else ""),
            f"แก้ไข {shown}" + (f" และอีก {more} ค่า" if more > 0 else ""),
        )
    if added and standing_new == standing_cur and len(new) > len(current.values):
        return Decision(
            "supersede",
            f"more complete (adds {len(added)} values)",
            f"ข้อมูลครบถ้วนกว่า (เพิ่ม {len(added)} ค่า)",
        )
    return Decision("duplicate")


def _conflict(key: str, new: dict[str, object], current: Current) -> Finding:
    mine, theirs = _show(new[key]), _show(current.values[key])
    return Finding(
        "conflicts_with_official",
        f"{key} is {mine} here but {theirs} in the official result {current.file_name} "
        f"({current.document_id[:12]})",
        f"{key} ในเอกสารนี้เป็น {mine} แต่ผลการประเมินอย่างเป็นทางการ {current.file_name} "
        f"({current.document_id[:12]}) เป็น {theirs}",
        "error",
        key,
    )


def _field_order(key: str) -> tuple[int, tuple[int, int]]:
    """score, grade, tools, indicators 1–10, then items I, E, O in number order."""
    kind, _, rest = key.partition(".")
    rank = {"score": 0, "grade": 1, "tool": 2, "indicator": 3, "item": 4}.get(kind, 5)
    if kind == "indicator" and rest.isdigit():
        return rank, (int(rest), 0)
    if kind == "item":
        return rank, item_sort_key(rest)
    return rank, (0, 0)


def _show(v: object) -> str:
    return format(v, "f") if isinstance(v, Decimal) else str(v)


def _grade(grade: str | None) -> str | None:
    return grade.strip() if isinstance(grade, str) and grade.strip() else None


# ------------------------------------------------------------------------------- agencies
def resolve_agency_id(con: duckdb.DuckDBPyConnection, record: AssessmentRecord) -> str:
    """The agency_id for a record (see `choose_agency_id`)."""
    name_key = agency_name_key(record.agency)
    candidates = run_query(con, "agency_candidates", name_key=name_key).rows
    return choose_agency_id(record, name_key, [(a, p) for a, p in candidates])


def choose_agency_id(
    record: AssessmentRecord, name_key: str, candidates: list[tuple[str, str | None]]
) -> str:
    """Its computed id, or the one known agency (`candidates`: id and province of those with
    the same name key) whose province is the same or unknown on either side."""
    computed = agency_id_for(name_key, record.agency.province)
    ids = [agency_id for agency_id, _ in candidates]
    if computed in ids:
        return computed
    mine = place_key(record.agency.province)
    compatible = [
        agency_id
        for agency_id, province in candidates
        if not mine or not place_key(province) or place_key(province) == mine
    ]
    return compatible[0] if len(compatible) == 1 else computed


# -------------------------------------------------------------------------------- writing
def _write_result(
    con: duckdb.DuckDBPyConnection, frames: RecordRows, record: AssessmentRecord
) -> None:
    write_results(con, [Result(frames, record.kind)])


def _archive_current(con: duckdb.DuckDBPyConnection, assessment_id: str, new_doc: str) -> None:
    for name in ("assessment_archive", "indicator_scores_archive", "item_scores_archive"):
        run_query(con, name, assessment_id=assessment_id, superseded_by=new_doc)
    for name in ("indicator_scores_clear", "item_scores_clear", "assessment_clear"):
        run_query(con, name, assessment_id=assessment_id)


def document_row(
    prepared: PreparedDocument, status: str, reason: str | None, duplicate_of: str | None = None
) -> DocumentRow:
    """The `documents` row of a prepared document."""
    stored, record = prepared.stored, prepared.record
    return DocumentRow(
        document_id=stored.document_id,
        source_uri=stored.source_uri,
        file_name=stored.file_name,
        byte_size=stored.byte_size,
        page_count=prepared.page_count,
        producer=prepared.producer,
        kind=record.kind if record else None,
        agency_name=record.agency.name if record else None,
        fiscal_year=record.fiscal_year if record else None,
        status=status,
        reason=reason,
        duplicate_of=duplicate_of,
    )


def _insert_document(
    con: duckdb.DuckDBPyConnection,
    prepared: PreparedDocument,
    status: str,
    reason: str | None,
    duplicate_of: str | None = None,
) -> None:
    write_documents(con, [document_row(prepared, status, reason, duplicate_of)])


def _insert_findings(
    con: duckdb.DuckDBPyConnection, document_id: str, findings: list[Finding]
) -> None:
    write_findings(con, [(document_id, findings)])
