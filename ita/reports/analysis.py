"""The analysis report (รายงานการวิเคราะห์ผลการประเมิน ITA) as blocks, from a `ReportContext`.

Structure (as agencies publish it): cover, คำนำ, สารบัญ, 1 หลักการและเหตุผล, 2 ผลการประเมิน (grade
bands, tool scores, ranked indicators, chart), 3 การวิเคราะห์ข้อมูล (3.1 strengths, 3.2
weaknesses), 4 the most urgent indicator, 5 the indicators to improve with their weak items,
and the measures of the next fiscal year (landscape).
"""

from __future__ import annotations

from ita.reports.blocks import (
    Bar,
    BarChart,
    Block,
    Cell,
    Column,
    Cover,
    Document,
    Heading,
    Paragraph,
    Row,
    Run,
    Section,
    Signature,
    Table,
    TableOfContents,
    runs,
)
from ita.reports.context import ImproveEntry, IndicatorResult, ReportContext
from ita.reports.display import (
    date_text,
    line_text,
    localize_digits,
    number_ranges,
    score_text,
    thai_list,
    weight_percent,
)
from ita.reports.parts import (
    improvement_table,
    indicator_ref,
    measures_table,
    score_paragraph_runs,
)
from ita.reports.texts import entry, say, say_all


def build_analysis_document(ctx: ReportContext, thai_digits: bool = False) -> Document:
    year = ctx.fiscal_year
    blocks: list[Block] = [
        Section(numbering="none", running_header=False),
        _cover(ctx),
        Section(numbering="letters", restart_at=1),
        *_preface(ctx),
        Heading(say("contents.heading"), in_toc=False, page_break_before=True, align="center"),
        TableOfContents(
            say("contents.heading"), say("contents.page_header"), say("contents.entry_header")
        ),
        Section(numbering="numbers", restart_at=1),
        *_title(ctx),
        *_rationale(ctx),
        *_result(ctx),
        *_analysis(ctx),
        *_urgent(ctx),
        *_improve(ctx),
        Section(numbering="numbers", orientation="landscape"),
        *_measures(ctx),
    ]
    doc = Document(
        title=f"{say('document.title')} {say('document.year_line', year=year)} {ctx.agency.name}",
        running_header=(say("document.running_header", year=year), ctx.agency.name),
        page_label=say("document.page_label"),
        blocks=tuple(blocks),
        thai_digits=thai_digits,
        keywords=("ITA", str(year), ctx.agency.name),
    )
    return localize_digits(doc, thai_digits)


def _cover(ctx: ReportContext) -> Cover:
    facts = (
        (say("document.cover_score_label"), score_text(ctx.score)),
        (say("document.cover_grade_label"), ctx.grade),
    )
    subtitle = tuple(x for x in (ctx.agency.name, ctx.agency.location) if x)
    return Cover(
        title_lines=(
            *entry("document.title_lines"),
            say("document.year_line", year=ctx.fiscal_year),
        ),
        subtitle_lines=subtitle,
        facts=facts,
        footer_lines=(say("document.cover_footer"),),
    )


def _preface(ctx: ReportContext) -> list[Block]:
    indicators = sorted(ctx.indicators, key=lambda i: i.number)
    indicator_list = thai_list([f"({i.number}) {i.name}" for i in indicators])
    tool_list = thai_list([str(entry(f"tools.{t.code}")) for t in ctx.tools])
    paragraphs = say_all(
        "preface.paragraphs",
        year=ctx.fiscal_year,
        next_year=ctx.measures_year,
        agency=ctx.agency.name,
        indicator_count=len(indicators),
        indicator_list=indicator_list,
        tool_list=tool_list,
    )
    signature = [x for x in (ctx.author, ctx.agency.name) if x]
    signature.append(say("preface.prepared_on", date=date_text(ctx.generated_on)))
    return [
        Heading(say("preface.heading"), in_toc=False, align="center"),
        *(Paragraph(runs(p)) for p in paragraphs),
        Signature(tuple(signature)),
    ]


def _title(ctx: ReportContext) -> list[Block]:
    lines = [
        say("document.title"),
        ctx.agency.full_name,
        say("document.year_line", year=ctx.fiscal_year),
    ]
    return [
        Paragraph(
            runs(Run(line, bold=True)),
            align="center",
            first_line_indent=False,
            size="large",
            space_after=n == len(lines) - 1,
        )
        for n, line in enumerate(lines)
    ]


def _rationale(ctx: ReportContext) -> list[Block]:
    paragraphs = say_all("rationale.paragraphs", agency=ctx.agency.name, year=ctx.fiscal_year)
    return [Heading(f"1. {say('rationale.heading')}"), *(Paragraph(runs(p)) for p in paragraphs)]


def _result(ctx: ReportContext) -> list[Block]:
    year = ctx.fiscal_year
    pass_line = line_text(ctx.pass_line)
    passed = ctx.score >= ctx.pass_line
    overall = runs(
        say("result.overall", agency_full=ctx.agency.full_name, year=year) + " ",
        Run(say("result.overall_score", score=score_text(ctx.score)), keep=True),
        " " + say("result.overall_grade", grade=ctx.grade),
    )
    verdict = say("result.passed" if passed else "result.not_passed", pass_line=pass_line)
    band_rows = []
    for band in ctx.grade_bands:
        label = say("result.band_label", label=band.label)
        if band.tools_min is not None:
            label += say("result.band_condition", tools_min=line_text(band.tools_min))
        band_rows.append(
            Row(
                (
                    Cell.of(label, align="center", strong=band.label == ctx.grade),
                    Cell.of(
                        f"{score_text(band.low)} – {score_text(band.high)}",
                        align="center",
                        strong=band.label == ctx.grade,
                    ),
                ),
                kind="emphasis" if band.label == ctx.grade else "body",
            )
        )
    bands = Table(
        (
            Column(say("result.band_header"), 1.0, "center"),
            Column(say("result.range_header"), 1.0, "center"),
        ),
        tuple(band_rows),
        caption=say("result.bands_caption"),
        key="grade-bands",
    )
    tool_rows = tuple(
        Row(
            (
                Cell.of(f"{t.name} ({t.code})"),
                Cell.of(number_ranges(t.indicators), align="center"),
                Cell.of(weight_percent(t.weight), align="center"),
                Cell.of(score_text(t.score), align="center"),
            )
        )
        for t in ctx.tools
    )
    tools = Table(
        (
            Column(say("result.tool_header"), 3.2),
            Column(say("result.indicators_header"), 1.2, "center"),
            Column(say("result.weight_header"), 1.2, "center"),
            Column(say("result.score_header"), 1.0, "center"),
        ),
        tool_rows,
        caption=say("result.tools_caption"),
        key="tool-scores",
    )
    ranked = Table(
        (
            Column(say("result.rank_header"), 0.8, "center"),
            Column(say("result.indicator_header"), 4.2),
            Column(say("result.tool_header"), 0.9, "center"),
            Column(say("result.score_header"), 1.0, "center"),
        ),
        tuple(
            Row(
                (
                    Cell.of(str(ind.rank), align="center"),
                    Cell.of(indicator_ref(ind)),
                    Cell.of(ind.tool, align="center"),
                    Cell.of(score_text(ind.score), align="center"),
                ),
                kind="body" if ind.score >= ctx.pass_line else "emphasis",
            )
            for ind in ctx.ranked()
        ),
        caption=say("result.ranked_caption"),
        key="ranked-indicators",
    )
    highest, lowest = ctx.highest(), ctx.lowest()
    summary = say(
        "result.summary",
        highest=thai_list([indicator_ref(i) for i in highest]),
        high_score=score_text(highest[0].score),
        lowest=thai_list([indicator_ref(i) for i in lowest]),
        low_score=score_text(lowest[0].score),
    )
    return [
        Heading(f"2. {say('result.heading', agency=ctx.agency.name)}"),
        Paragraph(overall),
        Paragraph(runs(verdict)),
        bands,
        Paragraph(runs(say("result.tools_intro"))),
        tools,
        Paragraph(runs(say("result.ranked_intro"))),
        ranked,
        _chart(ctx),
        Paragraph(runs(summary)),
    ]


def _chart(ctx: ReportContext) -> BarChart:
    pass_line = line_text(ctx.pass_line)
    bars = tuple(
        Bar(str(i.number), i.name, float(i.score), score_text(i.score))
        for i in sorted(ctx.indicators, key=lambda i: i.number)
    )
    ticks = tuple((float(v), str(v)) for v in range(0, 101, 20))
    return BarChart(
        bars=bars,
        threshold=float(ctx.pass_line),
        threshold_label=say("result.chart_threshold", pass_line=pass_line),
        axis_max=100.0,
        caption=say("result.chart_caption", pass_line=pass_line),
        legend_pass=say("result.chart_legend_pass", pass_line=pass_line),
        legend_below=say("result.chart_legend_below"),
        axis_title=say("result.chart_axis"),
        ticks=ticks,
    )


def _describe(ind: IndicatorResult, tail: str) -> Paragraph:
    """One indicator as a numbered paragraph: reference, score, what it measures, comment."""
    subs = thai_list(list(ind.sub_indicators))
    measures = say(f"indicators.{ind.number}.measures", sub_indicators=subs)
    text = say("analysis.measured_by", measures=measures)
    comment = say(f"indicators.{ind.number}.{tail}")
    return Paragraph(runs(*score_paragraph_runs(ind), Run(f"{text} {comment}")))


def _analysis(ctx: ReportContext) -> list[Block]:
    strong_line = line_text(ctx.strength_above)
    weak_line = line_text(ctx.weakness_below)
    strengths = _by_score(ctx, ctx.strengths)
    weaknesses = _by_score(ctx, ctx.weaknesses)
    blocks: list[Block] = [
        Heading(f"3. {say('analysis.heading')}"),
        Paragraph(
            runs(say("analysis.intro", agency_full=ctx.agency.full_name, year=ctx.fiscal_year))
        ),
        Heading(
            "3.1 " + say("analysis.strengths_heading", line=strong_line, count=len(strengths)),
            level=2,
        ),
    ]
    if not strengths:
        blocks.append(Paragraph(runs(say("analysis.strengths_none", line=strong_line))))
    blocks.extend(_labelled(_describe(i, "strength"), n) for n, i in enumerate(strengths, 1))
    blocks.append(
        Heading(
            "3.2 " + say("analysis.weaknesses_heading", line=weak_line, count=len(weaknesses)),
            level=2,
        )
    )
    if not weaknesses:
        blocks.append(Paragraph(runs(say("analysis.weaknesses_none", line=weak_line))))
    blocks.extend(_labelled(_describe(i, "guidance"), n) for n, i in enumerate(weaknesses, 1))
    neither = ctx.unclassified()
    if neither:
        names = thai_list([f"{indicator_ref(i)} ({score_text(i.score)})" for i in neither])
        blocks.append(Paragraph(runs(say("analysis.on_the_line", line=strong_line, names=names))))
    return blocks


def _labelled(paragraph: Paragraph, n: int) -> Paragraph:
    return Paragraph(paragraph.content, label=f"({n})", first_line_indent=False)


def _by_score(ctx: ReportContext, numbers: tuple[int, ...]) -> list[IndicatorResult]:
    return sorted((ctx.indicator(n) for n in numbers), key=lambda i: (-i.score, i.number))


def _urgent(ctx: ReportContext) -> list[Block]:
    urgent = [ctx.indicator(n) for n in ctx.most_urgent]
    blocks: list[Block] = [
        Heading(f"4. {say('urgent.heading')}"),
        Paragraph(runs(say("urgent.intro", count=len(urgent))), first_line_indent=False),
    ]
    for ind in urgent:
        blocks.append(_describe(ind, "guidance"))
    if ctx.most_urgent_note:
        blocks.append(Paragraph(runs(ctx.most_urgent_note)))
    entries = [e for e in ctx.to_improve if e.indicator in ctx.most_urgent]
    if not entries:
        entries = [ImproveEntry(n, (), say(f"indicators.{n}.guidance")) for n in ctx.most_urgent]
    if any(e.items for e in entries):
        blocks.append(Paragraph(runs(say("urgent.items_intro")), first_line_indent=False))
    else:
        blocks.append(Paragraph(runs(say("urgent.no_items"))))
    blocks.append(
        improvement_table(
            ctx, _with_guidance(entries), "most-urgent", say("improve.urgent_caption")
        )
    )
    return blocks


def _with_guidance(entries: list[ImproveEntry]) -> list[ImproveEntry]:
    return [
        e
        if e.guidance
        else ImproveEntry(e.indicator, e.items, say(f"indicators.{e.indicator}.guidance"))
        for e in entries
    ]


def _improve(ctx: ReportContext) -> list[Block]:
    line = line_text(ctx.improve_below)
    order = {t.code: n for n, t in enumerate(ctx.tools)}
    entries = sorted(
        ctx.to_improve,
        key=lambda e: (order.get(ctx.indicator(e.indicator).tool, 9), e.indicator),
    )
    blocks: list[Block] = [Heading(f"5. {say('improve.heading')}")]
    if not entries:
        blocks.append(Paragraph(runs(say("improve.none", line=line))))
        return blocks
    blocks.append(Paragraph(runs(say("improve.intro", line=line, count=len(entries)))))
    blocks.append(
        improvement_table(ctx, _with_guidance(entries), "to-improve", say("improve.caption"))
    )
    return blocks


def _measures(ctx: ReportContext) -> list[Block]:
    year = ctx.measures_year
    blocks: list[Block] = [
        Heading(say("measures.heading", year=year), align="center"),
        Paragraph(
            runs(Run(ctx.agency.full_name, bold=True)), align="center", first_line_indent=False
        ),
    ]
    if not ctx.measures:
        blocks.append(Paragraph(runs(say("measures.none", year=year))))
        return blocks
    blocks.append(
        Paragraph(
            runs(
                say(
                    "measures.intro",
                    assessed_year=ctx.fiscal_year,
                    agency=ctx.agency.name,
                    year=year,
                )
            )
        )
    )
    blocks.append(measures_table(ctx, ctx.measures, caption=say("measures.caption")))
    return blocks
