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

from ita.classify import Classification
from ita.frameworks import Framework
from ita.record import AssessmentRecord
from ita.reports.context import (
    AgencyInfo,
    GradeBand,
    ImproveEntry,
    IndicatorResult,
    MeasurePlan,
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
