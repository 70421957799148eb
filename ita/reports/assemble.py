"""Assemble a `ReportContext` from the domain objects: the year's catalog, the assessment
record, its classification (`ita.classify`) and the next year's measures.

Pure: the warehouse (`warehouse.report_context`) reads these objects from DuckDB and calls
`assemble_context`; tests call it on records and classifications built in memory. Nothing is
re-derived here — ranks, categories, the most urgent indicator and the weak items are taken from
the classification as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from ita.classify import Classification
from ita.frameworks import Framework
from ita.record import AssessmentRecord
from ita.reports.context import (
    AgencyInfo,
    GradeBand,
    ImproveEntry,
    IndicatorResult,
    MeasurePlan,
    MeasureStep,
    ReportContext,
    ToolResult,
    WeakItem,
)


def assemble_context(
    fw: Framework,
    record: AssessmentRecord,
    classification: Classification,
    measures: Sequence[MeasurePlan] = (),
    *,
    generated_on: date,
    author: str | None = None,
    sources: Sequence[str] = (),
) -> ReportContext:
    if record.score is None:
        raise ValueError(
            f"no overall score for {record.agency.name!r} FY{record.fiscal_year}: "
            "an analysis report cannot be written"
        )
    lines = classification.lines
    indicators = tuple(
        IndicatorResult(
            number=r.number,
            name=r.name,
            tool=r.tool,
            score=r.score,
            rank=r.rank,
            sub_indicators=tuple(s.name for s in fw.indicators[r.number].sub_indicators),
        )
        for r in sorted(classification.indicators, key=lambda r: r.number)
    )
    tools = tuple(
        ToolResult(
            code=tool.code,
            name=tool.name,
            weight=tool.weight,
            score=record.tool_scores.get(tool.code),
            indicators=tool.indicators,
        )
        for tool in fw.tools.values()
    )
    bands = tuple(
        GradeBand(band.label, band.min, band.max, band.tools_min) for band in fw.grading.bands
    )
    to_improve = tuple(
        ImproveEntry(
            indicator=r.number,
            items=tuple(
                WeakItem(
                    code=w.code,
                    text=w.text,
                    score=w.score,
                    sub_indicator=w.sub_indicator,
                    sub_indicator_name=(
                        fw.sub_indicator(w.sub_indicator).name if w.sub_indicator else None
                    ),
                )
                for w in r.weak_items
            ),
        )
        for r in classification.to_improve
    )
    urgent = () if classification.most_urgent is None else (classification.most_urgent,)
    tied = len(classification.most_urgent_tied) > 1
    return ReportContext(
        agency=AgencyInfo(
            name=record.agency.name,
            agency_type=record.agency.agency_type,
            district=record.agency.district,
            province=record.agency.province,
        ),
        fiscal_year=record.fiscal_year,
        score=record.score,
        grade=classification.grade or record.grade or "",
        grade_bands=bands,
        pass_line=lines.pass_line,
        tools=tools,
        indicators=indicators,
        strength_above=lines.strength_above,
        weakness_below=lines.weakness_below,
        improve_below=lines.improve_below,
        strengths=classification.strengths,
        weaknesses=classification.weaknesses,
        most_urgent=urgent,
        to_improve=to_improve,
        measures=tuple(measures),
        generated_on=generated_on,
        grading_kind=fw.grading.kind,
        most_urgent_note=classification.most_urgent_note_th if tied else None,
        author=author,
        sources=tuple(sources),
    )


class _Milestone(Protocol):
    @property
    def step_no(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def owner(self) -> str: ...
    @property
    def due_date(self) -> date: ...


class _Measure(Protocol):
    """What `ita.measures.PlannedMeasure` and `ita.tracking.MeasureRecord` both provide."""

    @property
    def measure_id(self) -> str: ...
    @property
    def indicator(self) -> int | None: ...
    @property
    def issue(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def owner(self) -> str: ...
    @property
    def start_date(self) -> date: ...
    @property
    def due_date(self) -> date: ...
    @property
    def monitoring(self) -> tuple[str, ...]: ...
    @property
    def evidence_expected(self) -> tuple[str, ...]: ...
    @property
    def item_codes(self) -> tuple[str, ...]: ...
    @property
    def is_carried_over(self) -> bool: ...
    @property
    def milestones(self) -> Sequence[_Milestone]: ...


def measure_plan_of(measure: _Measure, status: str | None = None) -> MeasurePlan:
    """A planned or stored measure as the report prints it: its milestones grouped into steps
    (a recurring step keeps all its due dates)."""
    steps: dict[int, list[_Milestone]] = {}
    for ms in sorted(measure.milestones, key=lambda m: (m.step_no, m.due_date)):
        steps.setdefault(ms.step_no, []).append(ms)
    return MeasurePlan(
        title=measure.title,
        indicators=() if measure.indicator is None else (measure.indicator,),
        items=tuple(measure.item_codes),
        steps=tuple(
            MeasureStep(
                text=group[0].text,
                dues=tuple(m.due_date for m in group),
                owner=group[0].owner if group[0].owner != measure.owner else None,
            )
            for _, group in sorted(steps.items())
        ),
        owner=measure.owner,
        start=measure.start_date,
        due=measure.due_date,
        monitoring=tuple(measure.monitoring),
        evidence=tuple(measure.evidence_expected),
        issue=measure.issue,
        status=status,
        measure_id=measure.measure_id,
        carried_over=measure.is_carried_over,
    )
