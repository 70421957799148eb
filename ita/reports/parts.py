"""Building blocks shared by the analysis report and the progress reports.

Each function turns part of a context into display blocks; none formats a number by itself
except through `ita.reports.display`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ita.reports.blocks import (
    Cell,
    Column,
    Inline,
    Row,
    Run,
    Table,
    bold,
    runs,
)
from ita.reports.context import (
    ImproveEntry,
    IndicatorResult,
    MeasurePlan,
    MeasureStep,
    ReportContext,
)
from ita.reports.display import date_text, score_text
from ita.reports.texts import item_guidance, say
from ita.tracking import STATUS_TH


def indicator_ref(ind: IndicatorResult) -> str:
    """ "ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร"."""
    return f"ตัวชี้วัดที่ {ind.number} {ind.name}"


def numbered(lines: Sequence[str]) -> tuple[Inline, ...]:
    """ "1. …", "2. …" — one paragraph each."""
    return tuple(runs(f"{n}. {text}") for n, text in enumerate(lines, start=1))


def improvement_table(
    ctx: ReportContext, entries: Sequence[ImproveEntry], key: str, caption: str
) -> Table:
    """Tool | issue to improve (indicator, then its weak items) | score | guidance."""
    columns = (
        Column(say("improve.tool_header"), 0.75, "center"),
        Column(say("improve.issue_header"), 4.0),
        Column(say("improve.score_header"), 0.85, "center"),
        Column(say("improve.guidance_header"), 3.7),
    )
    rows: list[Row] = []
    for entry in entries:
        ind = ctx.indicator(entry.indicator)
        rows.append(
            Row(
                (
                    Cell.of(ind.tool, align="center", strong=True),
                    Cell.of(indicator_ref(ind), strong=True),
                    Cell.of(score_text(ind.score), align="center", strong=True),
                    Cell.of(entry.guidance or ""),
                ),
                kind="emphasis",
            )
        )
        current_sub: str | None = None
        for item in entry.items:
            if item.sub_indicator and item.sub_indicator != current_sub:
                current_sub = item.sub_indicator
                sub_title = say(
                    "improve.sub_indicator",
                    code=item.sub_indicator,
                    name=item.sub_indicator_name or "",
                ).strip()
                rows.append(
                    Row((Cell.of(""), Cell.of(sub_title), Cell.of(""), Cell.of("")), indent=1)
                )
            guidance = item.guidance
            if guidance is None:
                guidance = item_guidance(item.code, item.text, ind.tool) or ""
            rows.append(
                Row(
                    (
                        Cell.of(""),
                        Cell((runs(bold(item.code), " ", item.text),)),
                        Cell.of(score_text(item.score), align="center"),
                        Cell.of(guidance),
                    ),
                    indent=2 if item.sub_indicator else 1,
                )
            )
    return Table(columns, tuple(rows), caption=caption, key=key)


def measure_issue(ctx: ReportContext | None, plan: MeasurePlan, number: int) -> tuple[Inline, ...]:
    """The issue a measure answers: "1. แบบวัด IIT ตัวชี้วัดที่ 4 … มีคะแนน 84.11" per indicator
    (from the context's scores), then the weak items it targets."""
    lines: list[Inline] = []
    known = [n for n in plan.indicators if ctx is not None and _has_indicator(ctx, n)]
    for n, indicator in enumerate(known):
        assert ctx is not None
        ind = ctx.indicator(indicator)
        text = say(
            "measures.issue",
            tool=ind.tool,
            number=ind.number,
            name=ind.name,
            score=score_text(ind.score),
        )
        lines.append(runs(f"{number}. {text}" if n == 0 else text))
    if not known:
        lines.append(runs(f"{number}. {plan.issue}".rstrip()))
    if plan.items and known:
        lines.append(runs(say("measures.items", items=" ".join(plan.items))))
    if plan.carried_over:
        lines.append(runs(say("measures.carried_over")))
    return tuple(lines)


def _has_indicator(ctx: ReportContext, number: int) -> bool:
    return any(i.number == number for i in ctx.indicators)


def period_text(start: date | None, due: date | None) -> str:
    if start is None or due is None:
        return date_text(due, abbreviated=True) if due else ""
    return say(
        "measures.period",
        start=date_text(start, abbreviated=True),
        due=date_text(due, abbreviated=True),
    )


def step_text(step: MeasureStep, with_status: bool = False) -> str:
    """ "ระบุขั้นตอน… (งานพัสดุ; ภายใน 30 พ.ย. 2565)"."""
    notes: list[str] = []
    if step.owner:
        notes.append(step.owner)
    if len(step.dues) == 1:
        notes.append(say("measures.due_one", date=date_text(step.dues[0], abbreviated=True)))
    elif step.dues:
        dates = ", ".join(date_text(d, abbreviated=True) for d in step.dues)
        notes.append(say("measures.due_many", dates=dates))
    if with_status and step.status:
        notes.append(STATUS_TH.get(step.status, step.status))
    return f"{step.text} ({'; '.join(notes)})" if notes else step.text


def measures_table(
    ctx: ReportContext | None,
    plans: Sequence[MeasurePlan],
    *,
    with_status: bool = False,
    key: str = "measures",
    caption: str | None = None,
) -> Table:
    """The measures table of the seed (issue | measure/steps | owner | period | monitoring),
    optionally with a status column for progress reports."""
    columns = [
        Column(say("measures.issue_header"), 2.2),
        Column(say("measures.steps_header"), 4.6),
        Column(say("measures.owner_header"), 1.3, "center"),
        Column(say("measures.period_header"), 1.5, "center"),
        Column(say("measures.monitoring_header"), 2.6),
    ]
    if with_status:
        columns.append(Column(say("measures.status_header"), 1.3, "center"))
    rows: list[Row] = []
    for number, plan in enumerate(plans, start=1):
        steps = [runs(bold(plan.title))]
        steps.extend(numbered([step_text(s, with_status) for s in plan.steps]))
        monitoring = list(numbered(plan.monitoring))
        if plan.evidence:
            monitoring.append(runs(bold(say("measures.evidence"))))
            monitoring.extend(runs(f"– {e}") for e in plan.evidence)
        cells = [
            Cell(measure_issue(ctx, plan, number)),
            Cell(tuple(steps)),
            Cell.of(plan.owner, align="center"),
            Cell.of(period_text(plan.start, plan.due), align="center"),
            Cell(tuple(monitoring)),
        ]
        if with_status:
            status_lines = [STATUS_TH.get(plan.status or "", plan.status or "")]
            if plan.note:
                status_lines.append(plan.note)
            cells.append(Cell.of(*status_lines, align="center"))
        rows.append(Row(tuple(cells)))
    return Table(tuple(columns), tuple(rows), caption=caption, key=key)


def score_paragraph_runs(ind: IndicatorResult) -> list[Run]:
    """ "**ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร** ได้คะแนนเท่ากับร้อยละ 77.02"."""
    return [
        bold(indicator_ref(ind)),
        Run(" " + say("analysis.indicator_score", score=score_text(ind.score))),
    ]
