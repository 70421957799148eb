"""What each page shows, read from the warehouse: plain dicts and dataclasses for templates.
Reads only; every write goes through the warehouse's own functions (see routes/measures.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import duckdb

from flows.web.charts import NARROW, WIDE, IndicatorChart, build_indicator_chart
from ita.fiscal import fiscal_year_of
from ita.frameworks import CatalogError, load_framework
from ita.record import item_sort_key
from ita.reports import ReportContext
from ita.tracking import CLOSED, STATUS_TH, TRANSITIONS
from warehouse import run_query
from warehouse.plan import PlanError
from warehouse.report_context import build_report_context
from warehouse.tracking import list_measure_rows, load_events, overdue_rows

REPORT_MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass(frozen=True, slots=True)
class FilterOptions:
    provinces: tuple[str, ...]
    agency_types: tuple[str, ...]


def list_agencies(
    con: duckdb.DuckDBPyConnection,
    as_of: date,
    pass_line: Decimal,
    province: str | None = None,
    agency_type: str | None = None,
) -> list[dict[str, Any]]:
    """Each agency's latest result with its change and overdue count (the agencies page)."""
    rows = run_query(
        con,
        "web_agency_list",
        as_of=as_of,
        province=province or None,
        agency_type=agency_type or None,
    ).dicts()
    return [_with_pass(row, pass_line) for row in rows]


def read_filter_options(con: duckdb.DuckDBPyConnection) -> FilterOptions:
    rows = run_query(con, "web_filter_options").dicts()
    return FilterOptions(
        provinces=tuple(r["value"] for r in rows if r["facet"] == "province"),
        agency_types=tuple(r["value"] for r in rows if r["facet"] == "agency_type"),
    )


def read_agency(con: duckdb.DuckDBPyConnection, agency_id: str) -> dict[str, Any] | None:
    rows = run_query(con, "web_agency", agency_id=agency_id).dicts()
    return rows[0] if rows else None


def list_results(
    con: duckdb.DuckDBPyConnection, agency_id: str, pass_line: Decimal
) -> list[dict[str, Any]]:
    """The agency's results by fiscal year, newest first."""
    rows = run_query(con, "web_agency_results", agency_id=agency_id).dicts()
    return [_with_pass(row, pass_line) for row in rows]


def build_charts(
    con: duckdb.DuckDBPyConnection, result: dict[str, Any], pass_line: Decimal
) -> tuple[IndicatorChart, IndicatorChart] | None:
    """The ten-indicator chart of one result, wide and narrow (None without indicator scores)."""
    rows = run_query(
        con, "assessment_indicator_values", assessment_id=result["assessment_id"]
    ).dicts()
    if not rows:
        return None
    scores = {int(r["indicator"]): r["score"] for r in rows}
    names = indicator_names(result["fiscal_year"])
    return (
        build_indicator_chart(scores, names, pass_line, WIDE),
        build_indicator_chart(scores, names, pass_line, NARROW),
    )


def indicator_names(fiscal_year: int) -> dict[int, str]:
    """Indicator names of that year's catalog ({} when the year has no catalog)."""
    try:
        framework = load_framework(fiscal_year)
    except CatalogError:
        return {}
    return {n: ind.name for n, ind in framework.indicators.items()}


@dataclass(frozen=True, slots=True)
class ClassifiedIndicator:
    number: int
    name: str
    score: Decimal
    weak_items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClassificationView:
    strengths: tuple[ClassifiedIndicator, ...]
    weaknesses: tuple[ClassifiedIndicator, ...]
    most_urgent: tuple[ClassifiedIndicator, ...]
    to_improve: tuple[ClassifiedIndicator, ...]
    improve_below: Decimal
    note_th: str | None


def read_classification(
    con: duckdb.DuckDBPyConnection, result: dict[str, Any]
) -> ClassificationView | None:
    """The stored classification of a result (None until `ita measures generate` made one)."""
    head = run_query(con, "classification_get", assessment_id=result["assessment_id"]).dicts()
    if not head:
        return None
    c = head[0]
    by_number = {
        int(r["indicator"]): ClassifiedIndicator(
            number=int(r["indicator"]),
            name=r["name"],
            score=r["score"],
            weak_items=tuple(sorted(r["weak_items"] or (), key=item_sort_key)),
        )
        for r in run_query(
            con, "web_classification_indicators", assessment_id=result["assessment_id"]
        ).dicts()
    }

    def pick(numbers: Any) -> tuple[ClassifiedIndicator, ...]:
        return tuple(by_number[n] for n in (numbers or ()) if n in by_number)

    urgent = c["most_urgent_tied"] or (
        [c["most_urgent_indicator"]] if c["most_urgent_indicator"] else []
    )
    return ClassificationView(
        strengths=pick(c["strengths"]),
        weaknesses=pick(c["weaknesses"]),
        most_urgent=pick(urgent),
        to_improve=pick(c["to_improve"]),
        improve_below=c["improve_below"],
        note_th=c["most_urgent_note_th"],
    )


# ---- measures ---------------------------------------------------------------------------------
def list_agency_measures(
    con: duckdb.DuckDBPyConnection,
    agency_id: str,
    as_of: date,
    due_soon_days: int,
    chosen_result: dict[str, Any] | None = None,
    chosen_explicitly: bool = False,
) -> tuple[int | None, list[dict[str, Any]]]:
    """(plan year, its measures) for the agency page: the plan made from the chosen result when
    one was asked for, else the current fiscal year's plan, else the latest plan."""
    rows = list_measure_rows(con, as_of=as_of, agency_id=agency_id)
    years = sorted({r["fiscal_year"] for r in rows})
    year: int | None
    if chosen_result is not None and (chosen_explicitly or not years):
        year = chosen_result["fiscal_year"] + 1
    elif years:
        current = fiscal_year_of(as_of)
        year = current if current in years else years[-1]
    else:
        year = None
    chosen = [decorate_measure(r, as_of, due_soon_days) for r in rows if r["fiscal_year"] == year]
    return year, chosen


def list_overdue_with_steps(
    con: duckdb.DuckDBPyConnection, as_of: date, due_soon_days: int = 0
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(overdue measures, overdue steps/milestones) at the end of `as_of` — the same lists as
    `ita measures overdue` — most overdue first."""
    measures, steps = overdue_rows(con, as_of=as_of)
    return (
        [decorate_measure({**r, "is_overdue": True}, as_of, due_soon_days) for r in measures],
        [{**r, "status_label": STATUS_TH.get(r["status"], r["status"])} for r in steps],
    )


def read_measure(
    con: duckdb.DuckDBPyConnection, measure_id: str, as_of: date, due_soon_days: int
) -> dict[str, Any] | None:
    rows = list_measure_rows(con, as_of=as_of, measure_id=measure_id)
    return decorate_measure(rows[0], as_of, due_soon_days) if rows else None


def list_milestones(
    con: duckdb.DuckDBPyConnection, measure_id: str, as_of: date
) -> list[dict[str, Any]]:
    rows = run_query(
        con,
        "measure_milestone_list",
        as_of=as_of,
        agency_id=None,
        fiscal_year=None,
        measure_id=measure_id,
    ).dicts()
    return [
        {
            **r,
            "status_label": STATUS_TH.get(r["status"], r["status"]),
            "is_closed": r["status"] in CLOSED,
            "is_overdue": r["due_date"] < as_of
            and r["status"] not in CLOSED
            and r["measure_status"] not in CLOSED,
        }
        for r in rows
    ]


def list_measure_events(con: duckdb.DuckDBPyConnection, measure_id: str) -> list[dict[str, Any]]:
    """Events of the measure and of its milestones, newest first, with Thai labels."""
    events = load_events(con, measure_id=measure_id)
    return [
        {
            "at": e.event_at,
            "milestone_no": e.milestone_no,
            "status": e.to_status,
            "status_label": STATUS_TH.get(e.to_status, e.to_status),
            "actor": e.actor,
            "note": e.note,
            "reason": e.reason,
            "new_due_date": e.new_due_date,
            "evidence_url": e.evidence_url,
            "evidence_sha256": e.evidence_sha256,
            "evidence_name": e.evidence_file_name,
        }
        for e in reversed(events)
    ]


def next_statuses(status: str) -> list[tuple[str, str]]:
    """(status, Thai label) a measure may move to from `status`, in the state machine's order."""
    allowed = TRANSITIONS.get(status, frozenset())
    return [(s, STATUS_TH[s]) for s in STATUS_TH if s in allowed]


def read_evidence_name(con: duckdb.DuckDBPyConnection, sha256: str) -> str | None:
    """The file name of evidence recorded on some measure event; None if no event names it."""
    rows = run_query(con, "web_evidence_file", sha256=sha256).dicts()
    return (rows[0]["evidence_file_name"] or sha256) if rows else None


def decorate_measure(row: dict[str, Any], as_of: date, due_soon_days: int) -> dict[str, Any]:
    """Display fields of a measure row: Thai status, overdue days, due-soon flag."""
    closed = row["status"] in CLOSED
    due: date = row["due_date"]
    overdue = bool(row.get("is_overdue"))
    return {
        **row,
        "status_label": STATUS_TH.get(row["status"], row["status"]),
        "is_closed": closed,
        "is_overdue": overdue,
        "days_overdue": (as_of - due).days if overdue else 0,
        "is_due_soon": not closed and not overdue and 0 <= (due - as_of).days <= due_soon_days,
        "item_code": ", ".join(row.get("item_codes") or ()),
    }


def build_agency_report_context(
    con: duckdb.DuckDBPyConnection, agency_id: str, fiscal_year: int
) -> ReportContext | None:
    """The analysis report's context for one result, as `ita report` builds it (None when the
    agency has no result that year)."""
    try:
        return build_report_context(con, agency_id, fiscal_year)
    except PlanError:
        return None


def _with_pass(row: dict[str, Any], pass_line: Decimal) -> dict[str, Any]:
    score = row.get("score")
    return {**row, "passed": None if score is None else score >= pass_line}
