"""The next fiscal year's plan of measures, generated from a classification (pure).

For a result of fiscal year N the plan is for N+1 (1 Oct N … 30 Sep N+1, B.E.). One measure per
issue to improve — an indicator below the improve line — most urgent first. Its steps are the
indicator template's steps, then each weak item's steps (its own template or, for OIT items, the
matching rule), then the indicator's final steps and the closing steps (quarterly report to the executives, year-end report with
problems and suggestions). Each step's `due` offset becomes one or more dated milestones; the
measure starts on 1 October and is due with its last milestone. When no indicator is below the
line, the plan holds one measure for the most urgent (lowest) indicator, so that every agency has
a plan to publish (O42 มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน).

Ids are deterministic: the same agency, plan year and issue always give the same measure id, so
generating twice changes nothing (the warehouse inserts only what is missing).

`carry_over_measures` moves the unfinished measures of a year into the next year's plan, flagged
`is_carried_over`, with only their unfinished steps, re-dated from the same offsets.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from ita.classify import Classification, IndicatorResult
from ita.fiscal import fiscal_year_bounds
from ita.measures.catalog import MeasureCatalog, StepTemplate, load_catalog
from ita.measures.schedule import expand_due
from ita.tracking import (
    CLOSED,
    EventRecord,
    MeasureRecord,
    MilestoneRecord,
    index_events,
    status_of,
)

MeasureKind = Literal["improve", "maintain", "carried_over"]


@dataclass(frozen=True, slots=True)
class PlannedMilestone:
    milestone_no: int  # 1-based, in step order
    step_no: int  # 1-based
    text: str
    item_code: str | None
    owner: str
    due_spec: str | None
    due_date: date
    occurrence: str | None  # "ไตรมาส 2", "ม.ค. 2566" for recurring steps

    @property
    def label(self) -> str:
        return f"{self.text} ({self.occurrence})" if self.occurrence else self.text


@dataclass(frozen=True, slots=True)
class PlannedMeasure:
    measure_id: str
    agency_id: str
    assessment_id: str | None
    fiscal_year: int  # the plan's year
    source_fiscal_year: int  # the result it answers
    issue_key: str  # "indicator.7", or "carried.<old measure id>"
    kind: MeasureKind
    indicator: int | None
    tool: str | None
    issue_score: Decimal | None
    issue: str  # ประเด็นที่ต้องพัฒนา, in Thai
    item_codes: tuple[str, ...]
    title: str  # มาตรการ
    owner: str  # ผู้รับผิดชอบ
    start_date: date
    due_date: date
    monitoring: tuple[str, ...]  # แนวทางกำกับติดตาม
    evidence_expected: tuple[str, ...]
    template_keys: tuple[str, ...]
    milestones: tuple[PlannedMilestone, ...]
    is_carried_over: bool = False
    carried_from_measure_id: str | None = None

    @property
    def steps(self) -> tuple[tuple[int, str, str | None], ...]:
        """(step_no, text, item_code) of each distinct step, in order."""
        seen: dict[int, tuple[int, str, str | None]] = {}
        for ms in self.milestones:
            seen.setdefault(ms.step_no, (ms.step_no, ms.text, ms.item_code))
        return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class Plan:
    agency_id: str
    agency_name: str
    fiscal_year: int
    source_fiscal_year: int
    measures: tuple[PlannedMeasure, ...]


def plan_year_for(result_fiscal_year: int) -> int:
    return result_fiscal_year + 1


def measure_id_for(agency_id: str, fiscal_year: int, issue_key: str, indicator: int | None) -> str:
    """ "M2566-i07-3fa9c2d1": plan year, indicator (for officers), and a hash of the agency, the
    year and the issue (for uniqueness). Carried-over measures get a "c" after the indicator."""
    digest = hashlib.sha256(f"{agency_id}\x1f{fiscal_year}\x1f{issue_key}".encode()).hexdigest()
    tag = f"i{indicator:02d}" if indicator is not None else "x"
    if issue_key.startswith("carried."):
        tag += "c"
    return f"M{fiscal_year}-{tag}-{digest[:8]}"


def generate_plan(
    classification: Classification,
    agency_id: str,
    *,
    assessment_id: str | None = None,
    catalog: MeasureCatalog | None = None,
) -> Plan:
    """The plan for the year after `classification.fiscal_year` (see the module docstring)."""
    catalog = catalog or load_catalog()
    result_fy = classification.fiscal_year
    fy = plan_year_for(result_fy)
    issues: list[tuple[IndicatorResult, MeasureKind]] = [
        (r, "improve") for r in classification.to_improve
    ]
    if not issues and classification.most_urgent is not None:
        issues = [(classification.indicator(classification.most_urgent), "maintain")]
    measures = tuple(
        _measure_for(catalog, r, kind, agency_id, assessment_id, result_fy, fy)
        for r, kind in issues
    )
    return Plan(agency_id, classification.agency_name, fy, result_fy, measures)


def _measure_for(
    catalog: MeasureCatalog,
    result: IndicatorResult,
    kind: MeasureKind,
    agency_id: str,
    assessment_id: str | None,
    result_fy: int,
    fy: int,
) -> PlannedMeasure:
    template = catalog.indicators[result.number]
    values = {
        "fy": fy,
        "result_fy": result_fy,
        "indicator": result.number,
        "name": result.name,
        "score": result.score,
    }
    steps: list[tuple[StepTemplate, str | None, dict[str, object]]] = [
        (s, None, values) for s in template.steps
    ]
    keys = [template.key]
    for weak in result.weak_items:
        key, item_steps = catalog.item_steps(weak.code, result_fy, weak.text)
        if key:
            keys.append(key)
        item_values = {**values, "code": weak.code, "text": weak.text}
        steps.extend((s, weak.code, item_values) for s in item_steps)
    steps.extend((s, None, values) for s in (*template.final_steps, *template.closing_steps))
    milestones = _milestones(steps, template.owner, fy)
    issue_key = f"indicator.{result.number}"
    start, _ = fiscal_year_bounds(fy)
    return PlannedMeasure(
        measure_id=measure_id_for(agency_id, fy, issue_key, result.number),
        agency_id=agency_id,
        assessment_id=assessment_id,
        fiscal_year=fy,
        source_fiscal_year=result_fy,
        issue_key=issue_key,
        kind=kind,
        indicator=result.number,
        tool=result.tool,
        issue_score=result.score,
        issue=_issue_text(result, kind),
        item_codes=tuple(w.code for w in result.weak_items),
        title=template.measure.format(**values),
        owner=template.owner,
        start_date=start,
        due_date=max(ms.due_date for ms in milestones),
        monitoring=tuple(t.format(**values) for t in template.monitoring),
        evidence_expected=tuple(t.format(**values) for t in template.evidence),
        template_keys=tuple(keys),
        milestones=milestones,
    )


def _milestones(
    steps: Iterable[tuple[StepTemplate, str | None, dict[str, object]]], owner: str, fy: int
) -> tuple[PlannedMilestone, ...]:
    """Number the distinct steps and expand each into its dated milestones."""
    milestones: list[PlannedMilestone] = []
    seen: set[str] = set()
    step_no = 0
    for step, item_code, values in steps:
        text = step.text.format(**values)
        if text in seen:
            continue
        seen.add(text)
        step_no += 1
        for occ in expand_due(step.due, fy):
            milestones.append(
                PlannedMilestone(
                    milestone_no=len(milestones) + 1,
                    step_no=step_no,
                    text=text,
                    item_code=item_code,
                    owner=step.owner or owner,
                    due_spec=step.due,
                    due_date=occ.due_date,
                    occurrence=occ.label,
                )
            )
    return tuple(milestones)


def _issue_text(result: IndicatorResult, kind: MeasureKind) -> str:
    text = f"แบบวัด {result.tool} ตัวชี้วัดที่ {result.number} {result.name} มีคะแนน {result.score}"
    if result.weak_items:
        parts = ", ".join(f"{w.code} {w.score}" for w in result.weak_items)
        text += f" (ข้อที่ต้องพัฒนา: {parts})"
    if kind == "maintain":
        text += " — คะแนนต่ำสุดของหน่วยงาน แม้ผ่านเกณฑ์แล้ว"
    return text


# ---- carry-over -------------------------------------------------------------------------------
def carry_over_measures(
    measures: Sequence[MeasureRecord],
    events: Iterable[EventRecord],
    from_fiscal_year: int,
) -> tuple[PlannedMeasure, ...]:
    """New measures for `from_fiscal_year + 1` continuing every measure of `from_fiscal_year`
    that is neither done nor cancelled at the end of that year (and not carried over already).
    Only its unfinished milestones move; they are re-dated from their offsets in the new year
    (a milestone dated by hand keeps its day and month, one year later)."""
    _, year_end = fiscal_year_bounds(from_fiscal_year)
    to_fy = from_fiscal_year + 1
    start, _ = fiscal_year_bounds(to_fy)
    by_target = index_events(events)
    carried = []
    for m in measures:
        if m.fiscal_year != from_fiscal_year or m.carried_into_measure_id:
            continue
        if status_of(by_target.get((m.measure_id, None), []), year_end) in CLOSED:
            continue
        open_steps = [
            ms
            for ms in m.milestones
            if status_of(by_target.get((m.measure_id, ms.milestone_no), []), year_end) not in CLOSED
        ]
        milestones = _redate(open_steps, to_fy)
        issue_key = f"carried.{m.measure_id}"
        carried.append(
            PlannedMeasure(
                measure_id=measure_id_for(m.agency_id, to_fy, issue_key, m.indicator),
                agency_id=m.agency_id,
                assessment_id=None,
                fiscal_year=to_fy,
                source_fiscal_year=from_fiscal_year,
                issue_key=issue_key,
                kind="carried_over",
                indicator=m.indicator,
                tool=None,
                issue_score=None,
                issue=f"ยกมาจากปีงบประมาณ พ.ศ. {from_fiscal_year} ({m.measure_id}): {m.issue}",
                item_codes=m.item_codes,
                title=m.title,
                owner=m.owner,
                start_date=start,
                due_date=max(
                    (ms.due_date for ms in milestones), default=fiscal_year_bounds(to_fy)[1]
                ),
                monitoring=m.monitoring,
                evidence_expected=m.evidence_expected,
                template_keys=(),
                milestones=milestones,
                is_carried_over=True,
                carried_from_measure_id=m.measure_id,
            )
        )
    return tuple(carried)


def _redate(milestones: Sequence[MilestoneRecord], to_fy: int) -> tuple[PlannedMilestone, ...]:
    """Re-date milestones in fiscal year `to_fy`, keeping step order; a recurring step keeps
    only its occurrences that were not finished."""
    out: list[PlannedMilestone] = []
    step_numbers: dict[int, int] = {}
    for ms in milestones:
        step_no = step_numbers.setdefault(ms.step_no, len(step_numbers) + 1)
        due, occurrence = _shift(ms, to_fy)
        out.append(
            PlannedMilestone(
                milestone_no=len(out) + 1,
                step_no=step_no,
                text=ms.text,
                item_code=ms.item_code,
                owner=ms.owner,
                due_spec=ms.due_spec,
                due_date=due,
                occurrence=occurrence,
            )
        )
    return tuple(out)


def _shift(ms: MilestoneRecord, to_fy: int) -> tuple[date, str | None]:
    """The same occurrence one year later: from the offset when known (same month), else the
    same day and month."""
    if ms.due_spec:
        occurrences = expand_due(ms.due_spec, to_fy)
        same_month = [o for o in occurrences if o.due_date.month == ms.due_date.month]
        chosen = same_month[0] if same_month else occurrences[-1]
        return chosen.due_date, chosen.label
    try:
        return ms.due_date.replace(year=ms.due_date.year + 1), ms.occurrence
    except ValueError:  # 29 February
        return ms.due_date.replace(year=ms.due_date.year + 1, day=28), ms.occurrence
