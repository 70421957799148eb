"""Classification and plans of measures, in the warehouse.

- `classify_stored(con, assessment_id)`: classify a stored result (with the previous year's
  result and the peers' averages found in the warehouse) and store it (tables
  ``classifications``, ``classification_indicators``, ``classification_weak_items``), replacing
  that assessment's earlier classification in one transaction.
- `generate_measures(con, agency_id, result_fy, at=...)`: classify, generate the plan for the
  next fiscal year and store the measures that are missing. Existing measures are never changed:
  their human edits and events stay, and where the fresh suggestion differs from what is stored
  the report says so (`GenerationReport.kept`), so nothing is overwritten silently.
- `carry_over_unfinished(con, from_fy, at=...)`: after the year ends, unfinished measures move
  into the next year's plan, flagged ``is_carried_over``.
- `find_agency(con, text)`: the agency an officer means by a name as typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import duckdb

from ita.agency import agency_key
from ita.classify import Classification, Lines, PeerAverages, PreviousResult, classify_assessment
from ita.fiscal import bangkok_date, fiscal_year_bounds, format_thai_date
from ita.frameworks import load_framework
from ita.measures import PlannedMeasure, carry_over_measures, generate_plan
from ita.record import Agency, AssessmentRecord
from ita.scoring import round2
from warehouse.connection import WarehouseError, transaction
from warehouse.queries import run_query
from warehouse.tracking import load_events, load_measures

GENERATOR = "ita measures generate"


class PlanError(WarehouseError):
    """A plan cannot be made as asked; English and Thai in the message."""


# ---- agencies -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AgencyRef:
    agency_id: str
    name: str
    province: str | None


def find_agency(con: duckdb.DuckDBPyConnection, text: str) -> AgencyRef:
    """The one agency matching `text` (id, exact name, same name key, or part of the name);
    raises `PlanError` listing the candidates when there are none or several."""
    rows = run_query(con, "measure_find_agency", text=text.strip(), name_key=agency_key(text))
    found = [AgencyRef(*row) for row in rows.rows]
    if len(found) == 1:
        return found[0]
    if not found:
        raise PlanError(
            f"No agency in the warehouse matches {text!r}. "
            f"(ไม่พบหน่วยงาน “{text}” ในฐานข้อมูล กรุณาตรวจสอบชื่อ หรือนำเข้าผลการประเมินก่อน)"
        )
    names = "; ".join(f"{a.name} ({a.province or '-'}, id {a.agency_id})" for a in found[:10])
    raise PlanError(
        f"{len(found)} agencies match {text!r}: {names}. Give the full name or the id. "
        f"(พบหน่วยงานที่ตรงกับ “{text}” มากกว่าหนึ่งแห่ง กรุณาระบุชื่อเต็มหรือรหัสหน่วยงาน)"
    )


def assessment_for(con: duckdb.DuckDBPyConnection, agency: AgencyRef, fiscal_year: int) -> str:
    found = run_query(
        con, "measure_assessment_for", agency_id=agency.agency_id, fiscal_year=fiscal_year
    ).scalar()
    if found is None:
        raise PlanError(
            f"{agency.name} has no result for fiscal year {fiscal_year} in the warehouse; "
            f"ingest it first. (ไม่พบผลการประเมินปีงบประมาณ พ.ศ. {fiscal_year} ของ "
            f"{agency.name} กรุณานำเข้าผลการประเมินก่อน)"
        )
    return str(found)


# ---- classification ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class StoredResult:
    record: AssessmentRecord
    assessment_id: str
    agency_id: str
    document_id: str | None


def load_result(con: duckdb.DuckDBPyConnection, assessment_id: str) -> StoredResult:
    row = run_query(con, "classification_source", assessment_id=assessment_id).dicts()
    if not row:
        raise PlanError(f"no assessment {assessment_id!r} in the warehouse")
    r = row[0]
    indicators = run_query(con, "assessment_indicator_values", assessment_id=assessment_id)
    items = run_query(con, "assessment_item_values", assessment_id=assessment_id)
    tools = {
        code: r[f"{code.lower()}_score"]
        for code in ("IIT", "EIT", "OIT")
        if r[f"{code.lower()}_score"] is not None
    }
    record = AssessmentRecord(
        kind=r["kind"] or "itas_result",
        fiscal_year=int(r["fiscal_year"]),
        agency=Agency(r["agency_name"], r["agency_type"], r["district"], r["province"]),
        score=r["score"],
        grade=r["grade"],
        tool_scores=tools,
        indicators={int(n): s for n, s in indicators.rows},
        items={str(c): s for c, s in items.rows},
    )
    return StoredResult(record, assessment_id, r["agency_id"], r["document_id"])


def load_previous(
    con: duckdb.DuckDBPyConnection, agency_id: str, fiscal_year: int
) -> PreviousResult | None:
    rows = run_query(con, "classification_previous", agency_id=agency_id, fiscal_year=fiscal_year)
    if not rows.rows:
        return None
    overall = next((score for n, score in rows.rows if n is None), None)
    indicators = {int(n): score for n, score in rows.rows if n is not None}
    return PreviousResult(fiscal_year, overall, indicators)


def load_peers(con: duckdb.DuckDBPyConnection, result: StoredResult) -> PeerAverages | None:
    rows = run_query(con, "classification_peers", assessment_id=result.assessment_id).rows
    overall = next(((n, avg) for ind, n, avg in rows if ind is None), (0, None))
    if not overall[0]:
        return None
    agency = result.record.agency
    return PeerAverages(
        province=agency.province,
        agency_type=agency.agency_type,
        n_agencies=int(overall[0]),
        score=_average(overall[1]),
        indicators={int(ind): _average(avg) for ind, _, avg in rows if ind is not None},
    )


def _average(value: Any) -> Decimal:
    return round2(Decimal(str(value)))


def classify_stored(
    con: duckdb.DuckDBPyConnection, assessment_id: str, lines: Lines | None = None
) -> Classification:
    """Classify one stored result and store the classification (replacing an earlier one)."""
    result = load_result(con, assessment_id)
    fy = result.record.fiscal_year
    classification = classify_assessment(
        load_framework(fy),
        result.record,
        previous=load_previous(con, result.agency_id, fy - 1),
        peers=load_peers(con, result),
        lines=lines,
    )
    with transaction(con):
        store_classification(con, result, classification)
    return classification


def classify_all(con: duckdb.DuckDBPyConnection, fiscal_year: int | None = None) -> int:
    """Classify every stored result (of one fiscal year); returns how many."""
    rows = run_query(con, "classification_assessments", fiscal_year=fiscal_year, agency_id=None)
    for assessment_id, _, _ in rows.rows:
        classify_stored(con, assessment_id)
    return len(rows)


def store_classification(
    con: duckdb.DuckDBPyConnection, result: StoredResult, c: Classification
) -> None:
    """Replace the stored classification of one assessment (call inside a transaction)."""
    aid = result.assessment_id
    for name in ("classification_clear", "classification_indicators_clear"):
        run_query(con, name, assessment_id=aid)
    run_query(con, "classification_weak_items_clear", assessment_id=aid)
    urgent = c.indicator(c.most_urgent) if c.most_urgent is not None else None
    run_query(
        con,
        "classification_insert",
        assessment_id=aid,
        agency_id=result.agency_id,
        fiscal_year=c.fiscal_year,
        document_id=result.document_id,
        score=c.score,
        grade=c.grade,
        printed_grade=c.printed_grade,
        grade_agrees=c.grade_agrees,
        passed=c.passed,
        most_urgent_indicator=c.most_urgent,
        most_urgent_name=urgent.name if urgent else None,
        most_urgent_score=urgent.score if urgent else None,
        most_urgent_tied=list(c.most_urgent_tied),
        most_urgent_note_th=c.most_urgent_note_th,
        most_urgent_note_en=c.most_urgent_note_en,
        strengths=list(c.strengths),
        weaknesses=list(c.weaknesses),
        to_improve=[r.number for r in c.to_improve],
        previous_fiscal_year=c.previous_fiscal_year,
        previous_score=c.previous_score,
        score_change=c.score_change,
        peer_province=c.peers.province if c.peers else None,
        peer_agency_type=c.peers.agency_type if c.peers else None,
        peer_count=c.peers.n_agencies if c.peers else 0,
        peer_score=c.peers.score if c.peers else None,
        strength_above=c.lines.strength_above,
        weakness_below=c.lines.weakness_below,
        improve_below=c.lines.improve_below,
        pass_line=c.lines.pass_line,
        notes=list(c.notes),
    )
    for r in c.indicators:
        run_query(
            con,
            "classification_indicator_insert",
            assessment_id=aid,
            indicator=r.number,
            name=r.name,
            tool=r.tool,
            score=r.score,
            score_rank=r.rank,
            weight=r.weight,
            category=r.category,
            to_improve=r.to_improve,
            is_most_urgent=r.is_most_urgent,
            items_known=r.items_known,
            previous_score=r.previous_score,
            score_change=r.change,
            peer_average=r.peer_average,
            vs_peers=r.vs_peers,
        )
        for w in r.weak_items:
            run_query(
                con,
                "classification_weak_item_insert",
                assessment_id=aid,
                indicator=w.indicator,
                item_code=w.code,
                tool=w.tool,
                sub_indicator=w.sub_indicator,
                text=w.text,
                score=w.score,
                reason=w.reason,
            )


# ---- plans ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Difference:
    field: str
    stored: str
    suggested: str


@dataclass(frozen=True, slots=True)
class KeptMeasure:
    """A measure that already existed; `differences` lists where the fresh suggestion differs
    from what is stored now (edits included) — kept as stored, never overwritten."""

    measure_id: str
    differences: tuple[Difference, ...]


@dataclass(frozen=True, slots=True)
class GenerationReport:
    classification: Classification
    measures: tuple[PlannedMeasure, ...]  # as suggested now
    inserted: tuple[str, ...]
    kept: tuple[KeptMeasure, ...]
    not_indicated: tuple[str, ...]  # stored measures this result no longer calls for


def generate_measures(
    con: duckdb.DuckDBPyConnection,
    agency: AgencyRef,
    result_fiscal_year: int,
    *,
    at: datetime,
    actor: str = GENERATOR,
) -> GenerationReport:
    """Classify the agency's result of `result_fiscal_year` and store the missing measures of
    the plan for the next year (see the module docstring). `at` (timezone-aware) is when the
    plan is recorded: the first event of each new measure."""
    assessment_id = assessment_for(con, agency, result_fiscal_year)
    classification = classify_stored(con, assessment_id)
    plan = generate_plan(classification, agency.agency_id, assessment_id=assessment_id)
    existing = {
        row["issue_key"]: row["measure_id"]
        for row in run_query(
            con, "measure_plan_existing", agency_id=agency.agency_id, fiscal_year=plan.fiscal_year
        ).dicts()
    }
    inserted: list[str] = []
    kept: list[KeptMeasure] = []
    with transaction(con):
        for pm in plan.measures:
            if pm.measure_id in existing.values():
                kept.append(KeptMeasure(pm.measure_id, _differences(con, pm, bangkok_date(at))))
            else:
                store_planned(con, pm, actor=actor, at=at)
                inserted.append(pm.measure_id)
    suggested = {pm.issue_key for pm in plan.measures}
    not_indicated = tuple(
        mid
        for key, mid in sorted(existing.items())
        if key.startswith("indicator.") and key not in suggested
    )
    return GenerationReport(
        classification, plan.measures, tuple(inserted), tuple(kept), not_indicated
    )


def store_planned(
    con: duckdb.DuckDBPyConnection, pm: PlannedMeasure, *, actor: str, at: datetime
) -> None:
    """Insert one planned measure, its milestones and its first event (→ planned)."""
    run_query(
        con,
        "measure_insert",
        measure_id=pm.measure_id,
        agency_id=pm.agency_id,
        assessment_id=pm.assessment_id,
        fiscal_year=pm.fiscal_year,
        source_fiscal_year=pm.source_fiscal_year,
        issue_key=pm.issue_key,
        kind=pm.kind,
        indicator=pm.indicator,
        tool=pm.tool,
        issue_score=pm.issue_score,
        issue=pm.issue,
        item_codes=list(pm.item_codes),
        title=pm.title,
        owner=pm.owner,
        start_date=pm.start_date,
        due_date=pm.due_date,
        monitoring=list(pm.monitoring),
        evidence_expected=list(pm.evidence_expected),
        template_keys=list(pm.template_keys),
        is_carried_over=pm.is_carried_over,
        carried_from_measure_id=pm.carried_from_measure_id,
        generated_at=at,
        generated_by=actor,
    )
    for ms in pm.milestones:
        run_query(
            con,
            "measure_milestone_insert",
            measure_id=pm.measure_id,
            milestone_no=ms.milestone_no,
            step_no=ms.step_no,
            item_code=ms.item_code,
            text=ms.text,
            occurrence=ms.occurrence,
            owner=ms.owner,
            due_spec=ms.due_spec,
            due_date=ms.due_date,
        )
    note = (
        f"ยกมาจาก {pm.carried_from_measure_id}"
        if pm.is_carried_over
        else f"จากผลการประเมินปีงบประมาณ พ.ศ. {pm.source_fiscal_year}"
    )
    run_query(
        con,
        "measure_event_insert",
        measure_id=pm.measure_id,
        milestone_no=None,
        event_at=at,
        actor=actor,
        from_status=None,
        to_status="planned",
        note=note,
        reason=None,
        new_due_date=None,
        evidence_url=None,
        evidence_sha256=None,
        evidence_file_name=None,
    )


def _differences(
    con: duckdb.DuckDBPyConnection, pm: PlannedMeasure, as_of: date
) -> tuple[Difference, ...]:
    stored = load_measures(con, as_of=as_of, measure_id=pm.measure_id)
    if not stored:
        return ()
    now = stored[0]
    pairs = [
        ("title", now.title, pm.title),
        ("owner", now.owner, pm.owner),
        ("due_date", now.due_date.isoformat(), pm.due_date.isoformat()),
        (
            "steps",
            " | ".join(_step_texts(m.text for m in now.milestones)),
            " | ".join(_step_texts(m.text for m in pm.milestones)),
        ),
    ]
    return tuple(Difference(f, s, g) for f, s, g in pairs if s != g)


def _step_texts(texts: Any) -> list[str]:
    seen: list[str] = []
    for text in texts:
        if text not in seen:
            seen.append(text)
    return seen


# ---- carry-over ------------------------------------------------------------------------------
def carry_over_unfinished(
    con: duckdb.DuckDBPyConnection,
    from_fiscal_year: int,
    *,
    at: datetime,
    actor: str = "ita measures carry-over",
    agency_id: str | None = None,
) -> tuple[PlannedMeasure, ...]:
    """Store, in the plan of `from_fiscal_year + 1`, a carried-over measure for every measure of
    `from_fiscal_year` left unfinished at its end. Only after that year has ended (in Bangkok);
    running it again adds nothing."""
    _, last = fiscal_year_bounds(from_fiscal_year)
    if bangkok_date(at) <= last:
        raise PlanError(
            f"fiscal year {from_fiscal_year} runs until {last}; unfinished measures can be "
            f"carried over from the day after. (ปีงบประมาณ พ.ศ. {from_fiscal_year} สิ้นสุด "
            f"{format_thai_date(last)} ยกมาตรการที่ไม่แล้วเสร็จได้ตั้งแต่วันถัดไป)"
        )
    measures = load_measures(con, as_of=last, fiscal_year=from_fiscal_year, agency_id=agency_id)
    events = load_events(con, fiscal_year=from_fiscal_year, agency_id=agency_id)
    carried = carry_over_measures(measures, events, from_fiscal_year)
    with transaction(con):
        for pm in carried:
            store_planned(con, pm, actor=actor, at=at)
    return carried
