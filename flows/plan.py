"""The plan flow: classification and next year's measures for newly loaded assessments.

Every assessment given is classified (strengths, weaknesses, most urgent, weak items). Measures
are generated for each agency's LATEST result only — a plan is for the fiscal year after the
newest result; plans for years long gone would fill the overdue lists with noise. Generating is
idempotent (deterministic measure ids; existing measures and their events are never changed).

The ingest flow calls `plan_assessments` (the task) in its own run for what it loaded; the `plan`
flow does the same on demand (e.g. after a manual `ita ingest`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from ita.fiscal import now_bangkok
from ita.settings import get_settings
from warehouse.connection import connect
from warehouse.plan import (
    AgencyRef,
    StoredResult,
    classify_stored,
    generate_measures,
    load_result,
)
from warehouse.queries import run_query

log = logging.getLogger(__name__)

PLAN_ARTIFACT = "plan-summary"


@dataclass(frozen=True, slots=True)
class PlannedAgency:
    agency_name: str
    result_year: int
    plan_year: int
    inserted: int
    kept: int


@dataclass(slots=True)
class PlanSummary:
    classified: int = 0
    agencies: list[PlannedAgency] | None = None

    @property
    def measures_inserted(self) -> int:
        return sum(a.inserted for a in self.agencies or [])

    def markdown(self) -> str:
        lines = [
            "# Plans of measures",
            "",
            f"{self.classified} result(s) classified; {self.measures_inserted} new measure(s).",
        ]
        if self.agencies:
            lines += [
                "",
                "| agency | result FY | plan FY | new measures | kept |",
                "|---|---:|---:|---:|---:|",
            ]
            lines += [
                f"| {a.agency_name} | {a.result_year} | {a.plan_year} | {a.inserted} | {a.kept} |"
                for a in self.agencies
            ]
        return "\n".join(lines) + "\n"


def latest_per_agency(
    con: duckdb.DuckDBPyConnection, results: Sequence[StoredResult]
) -> list[StoredResult]:
    """The results that are their agency's newest fiscal year in the warehouse."""
    latest = []
    for result in results:
        years = run_query(
            con, "classification_assessments", fiscal_year=None, agency_id=result.agency_id
        ).rows
        if result.record.fiscal_year == max(fy for _, _, fy in years):
            latest.append(result)
    return latest


@task(name="plan-assessments", cache_policy=NO_CACHE)
def plan_assessments(db: Path, assessment_ids: list[str]) -> int:
    """Classify `assessment_ids` and generate measures from each agency's latest result.
    Returns how many results were planned from."""
    summary = plan_ids(db, assessment_ids)
    create_markdown_artifact(key=PLAN_ARTIFACT, markdown=summary.markdown())
    return len(summary.agencies or [])


def plan_ids(db: Path, assessment_ids: list[str]) -> PlanSummary:
    """Plain function behind the task (no Prefect), one writer connection."""
    at = now_bangkok()
    con = connect(db)
    try:
        results = [load_result(con, aid) for aid in dict.fromkeys(assessment_ids)]
        latest = latest_per_agency(con, results)
        latest_ids = {r.assessment_id for r in latest}
        for result in results:
            if result.assessment_id not in latest_ids:
                classify_stored(con, result.assessment_id)
        planned = []
        for result in latest:
            agency = AgencyRef(
                result.agency_id, result.record.agency.name, result.record.agency.province
            )
            report = generate_measures(con, agency, result.record.fiscal_year, at=at)
            planned.append(
                PlannedAgency(
                    agency.name,
                    result.record.fiscal_year,
                    result.record.fiscal_year + 1,
                    len(report.inserted),
                    len(report.kept),
                )
            )
        return PlanSummary(classified=len(results), agencies=planned)
    finally:
        con.close()


@flow(name="plan", log_prints=True)
def plan(assessment_ids: list[str] | None = None, db: str | None = None) -> PlanSummary:
    """Classify and plan the given assessments (default: every current result)."""
    db_path = Path(db or get_settings().db)
    if assessment_ids is None:
        con = connect(db_path, read_only=True)
        try:
            assessment_ids = [
                row[0]
                for row in run_query(
                    con, "classification_assessments", fiscal_year=None, agency_id=None
                ).rows
            ]
        finally:
            con.close()
    summary = plan_ids(db_path, assessment_ids)
    create_markdown_artifact(key=PLAN_ARTIFACT, markdown=summary.markdown())
    return summary
