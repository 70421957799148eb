"""The analysis report's context, read from the warehouse.

`build_report_context(con, agency, fiscal_year)` finds the agency as an officer types it, reads
its stored result, the stored classification (or classifies in memory, with the previous year
and the peers found in the warehouse, when none is stored yet) and the measures of the next
fiscal year (the stored plan, or the plan `ita.measures` would generate when none is stored),
and assembles the plain `ReportContext` the renderers take. Works on a read-only connection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from ita.classify import (
    Classification,
    IndicatorResult,
    Lines,
    PeerAverages,
    WeakItem,
    classify_assessment,
)
from ita.fiscal import today_bangkok
from ita.frameworks import load_framework
from ita.measures import generate_plan
from ita.record import item_sort_key
from ita.reports.assemble import assemble_context, measure_plan_of
from ita.reports.context import MeasurePlan, ReportContext
from warehouse.plan import (
    StoredResult,
    assessment_for,
    find_agency,
    load_peers,
    load_previous,
    load_result,
)
from warehouse.queries import run_query
from warehouse.tracking import load_measures


@dataclass(frozen=True, slots=True)
class ReportSources:
    """Where the context's parts came from (printed by the CLI)."""

    assessment_id: str
    document_id: str | None
    classification_stored: bool
    measures_stored: bool


def build_report_context(
    con: duckdb.DuckDBPyConnection,
    agency: str,
    fiscal_year: int,
    *,
    generated_on: date | None = None,
    author: str | None = None,
) -> ReportContext:
    context, _ = build_report_context_with_sources(
        con, agency, fiscal_year, generated_on=generated_on, author=author
    )
    return context


def build_report_context_with_sources(
    con: duckdb.DuckDBPyConnection,
    agency: str,
    fiscal_year: int,
    *,
    generated_on: date | None = None,
    author: str | None = None,
) -> tuple[ReportContext, ReportSources]:
    day = generated_on or today_bangkok()
    ref = find_agency(con, agency)
    assessment_id = assessment_for(con, ref, fiscal_year)
    result = load_result(con, assessment_id)
    fw = load_framework(fiscal_year)
    classification = load_classification(con, result)
    stored_classification = classification is not None
    if classification is None:
        classification = classify_assessment(
            fw,
            result.record,
            previous=load_previous(con, result.agency_id, fiscal_year - 1),
            peers=load_peers(con, result),
        )
    measures = load_plan(con, result.agency_id, fiscal_year + 1, day)
    stored_measures = bool(measures)
    if not measures:
        plan = generate_plan(classification, result.agency_id, assessment_id=assessment_id)
        measures = [measure_plan_of(m) for m in plan.measures]
    context = assemble_context(
        fw,
        result.record,
        classification,
        measures,
        generated_on=day,
        author=author,
        sources=tuple(x for x in (result.document_id,) if x),
    )
    sources = ReportSources(
        assessment_id, result.document_id, stored_classification, stored_measures
    )
    return context, sources


def load_plan(
    con: duckdb.DuckDBPyConnection, agency_id: str, plan_year: int, as_of: date
) -> list[MeasurePlan]:
    """The stored measures of the plan year (human edits up to `as_of` applied)."""
    records = load_measures(con, as_of=as_of, agency_id=agency_id, fiscal_year=plan_year)
    return [measure_plan_of(r) for r in records]


def load_classification(
    con: duckdb.DuckDBPyConnection, result: StoredResult
) -> Classification | None:
    """The stored classification of a result, as `ita.classify` returned it; None if none is
    stored or it was made from another document than the current one."""
    rows = run_query(con, "classification_get", assessment_id=result.assessment_id).dicts()
    if not rows:
        return None
    c = rows[0]
    if c["document_id"] != result.document_id:
        return None  # a corrected document superseded the numbers it classified
    weak: dict[int, list[WeakItem]] = {}
    for w in run_query(
        con, "report_classification_weak_items", assessment_id=result.assessment_id
    ).dicts():
        weak.setdefault(int(w["indicator"]), []).append(
            WeakItem(
                code=w["item_code"],
                tool=w["tool"],
                indicator=int(w["indicator"]),
                sub_indicator=w["sub_indicator"],
                text=w["text"],
                score=w["score"],
                reason=w["reason"],
            )
        )
    indicators = tuple(
        IndicatorResult(
            number=int(r["indicator"]),
            name=r["name"],
            tool=r["tool"],
            score=r["score"],
            rank=int(r["score_rank"]),
            weight=r["weight"],
            category=r["category"],
            to_improve=bool(r["to_improve"]),
            is_most_urgent=bool(r["is_most_urgent"]),
            weak_items=tuple(
                sorted(weak.get(int(r["indicator"]), ()), key=lambda w: item_sort_key(w.code))
            ),
            items_known=bool(r["items_known"]),
            previous_score=r["previous_score"],
            change=r["score_change"],
            peer_average=r["peer_average"],
            vs_peers=r["vs_peers"],
        )
        for r in run_query(
            con, "report_classification_indicators", assessment_id=result.assessment_id
        ).dicts()
    )
    if not indicators:
        return None
    peers = None
    if c["peer_count"]:
        peers = PeerAverages(
            province=c["peer_province"],
            agency_type=c["peer_agency_type"],
            n_agencies=int(c["peer_count"]),
            score=c["peer_score"],
            indicators={r.number: r.peer_average for r in indicators if r.peer_average is not None},
        )
    return Classification(
        fiscal_year=int(c["fiscal_year"]),
        agency_name=c["agency_name"],
        score=c["score"],
        grade=c["grade"],
        printed_grade=c["printed_grade"],
        grade_agrees=c["grade_agrees"],
        passed=c["passed"],
        lines=Lines(c["strength_above"], c["weakness_below"], c["improve_below"], c["pass_line"]),
        indicators=indicators,
        most_urgent=c["most_urgent_indicator"],
        most_urgent_tied=tuple(c["most_urgent_tied"] or ()),
        most_urgent_note_en=c["most_urgent_note_en"] or "",
        most_urgent_note_th=c["most_urgent_note_th"] or "",
        previous_fiscal_year=c["previous_fiscal_year"],
        previous_score=c["previous_score"],
        score_change=c["score_change"],
        peers=peers,
        notes=tuple(c["notes"] or ()),
    )
