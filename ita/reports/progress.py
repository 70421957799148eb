"""Progress reports on the measures (รายงานความก้าวหน้า): quarterly reports to the executives
and the year-end report, with the same building blocks and renderers as the analysis report.

The caller (the tracking work) supplies the counts and the measures with their statuses; this
module only lays them out, so the numbers are the tracker's own.

    doc = build_progress_document(ProgressContext(...))
    render_document(doc, "pdf", out_dir / "progress.pdf")
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ita.reports.blocks import (
    Block,
    Cell,
    Column,
    Document,
    Heading,
    Paragraph,
    Row,
    Run,
    Section,
    Signature,
    Table,
    runs,
)
from ita.reports.context import AgencyInfo, MeasurePlan
from ita.reports.display import date_text, localize_digits
from ita.reports.parts import measures_table
from ita.reports.texts import say


@dataclass(frozen=True, slots=True)
class ProgressContext:
    agency: AgencyInfo
    fiscal_year: int  # the plan's year (B.E.)
    period: str  # e.g. "ไตรมาสที่ 2 (1 ม.ค. – 31 มี.ค. 2566)" or "สิ้นปีงบประมาณ"
    as_of: date
    summary: tuple[tuple[str, str], ...]  # (label, value) as the tracker counted them
    measures: tuple[MeasurePlan, ...]  # with `status` (and step statuses) filled in
    problems: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    generated_on: date | None = None
    author: str | None = None


def build_progress_document(ctx: ProgressContext, thai_digits: bool = False) -> Document:
    year = ctx.fiscal_year
    blocks: list[Block] = [Section(numbering="numbers", restart_at=1)]
    for n, line in enumerate(
        (
            say("progress.title"),
            ctx.agency.full_name,
            say("progress.year_line", year=year),
            say("progress.period_line", period=ctx.period, as_of=date_text(ctx.as_of)),
        )
    ):
        blocks.append(
            Paragraph(
                runs(Run(line, bold=n < 3)),
                align="center",
                first_line_indent=False,
                size="large" if n < 3 else "body",
                space_after=n == 3,
            )
        )
    blocks.append(Heading(f"1. {say('progress.summary_heading')}"))
    blocks.append(
        Table(
            (
                Column(say("progress.item_header"), 3.0),
                Column(say("progress.value_header"), 1.0, "center"),
            ),
            tuple(
                Row((Cell.of(label), Cell.of(value, align="center")))
                for label, value in ctx.summary
            ),
            caption=say("progress.summary_caption"),
            key="progress-summary",
        )
    )
    for number, (heading, lines) in enumerate(
        (
            (say("progress.problems_heading"), ctx.problems),
            (say("progress.suggestions_heading"), ctx.suggestions),
        ),
        start=2,
    ):
        blocks.append(Heading(f"{number}. {heading}"))
        for n, text in enumerate(lines or (say("progress.none"),), start=1):
            blocks.append(Paragraph(runs(text), label=f"({n})" if lines else None))
    blocks.append(Section(numbering="numbers", orientation="landscape"))
    blocks.append(Heading(f"4. {say('progress.measures_heading')}"))
    blocks.append(
        measures_table(
            None,
            ctx.measures,
            with_status=True,
            key="progress-measures",
            caption=say("progress.measures_caption"),
        )
    )
    signature = [x for x in (ctx.author, ctx.agency.name) if x]
    signature.append(say("progress.reported_on", date=date_text(ctx.generated_on or ctx.as_of)))
    blocks.append(Signature(tuple(signature)))
    doc = Document(
        title=f"{say('progress.title')} {ctx.agency.name} {ctx.period}",
        running_header=(say("progress.running_header", year=year), ctx.agency.name),
        page_label=say("document.page_label"),
        blocks=tuple(blocks),
        thai_digits=thai_digits,
        keywords=("ITA", str(year), ctx.agency.name),
    )
    return localize_digits(doc, thai_digits)
