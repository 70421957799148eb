"""The analysis report rendered for real: PDF read back with our own extractor, DOCX opened
with python-docx, HTML parsed, the DOCX chart rasterised — every number and name checked
against the context it was rendered from."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from PIL import Image

import ita.samples
from ita.classify import Lines, classify_assessment
from ita.fiscal import arabic_to_thai
from ita.frameworks import load_framework
from ita.measures import generate_plan
from ita.record import AssessmentRecord
from ita.reports import build_analysis_document, render_document, render_report
from ita.reports.assemble import assemble_context, measure_plan_of
from ita.reports.chart import BELOW_FILL, PASS_FILL
from ita.reports.context import ReportContext
from ita.reports.display import score_text
from ita.reports.progress import ProgressContext, build_progress_document
from ita.reports.render_docx import chart_png
from ita.sources import extract_document
from ita.sources.engine import read_pages
from ita.sources.view import DocumentView
from ita.tracking import STATUS_TH

SEED = Path(ita.samples.__file__).parent / "corpus" / "2565-takhram-en-chromium.json"


@pytest.fixture(scope="module")
def ctx() -> ReportContext:
    record = AssessmentRecord.read_truth(SEED)
    fw = load_framework(record.fiscal_year)
    classification = classify_assessment(fw, record, lines=Lines())
    plan = generate_plan(classification, "agency-under-test")
    return assemble_context(
        fw,
        record,
        classification,
        [measure_plan_of(m) for m in plan.measures],
        generated_on=date(2022, 8, 15),
        author="งานตรวจสอบภายใน",
    )


@pytest.fixture(scope="module", params=[False, True], ids=["arabic-digits", "thai-digits"])
def pdf(
    request: pytest.FixtureRequest, ctx: ReportContext, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, bool]:
    thai = bool(request.param)
    out = tmp_path_factory.mktemp("pdf-thai" if thai else "pdf")
    return render_report(ctx, "pdf", out, thai_digits=thai), thai


def shown(text: str, thai: bool) -> str:
    return arabic_to_thai(text) if thai else text


def rows_of(path: Path) -> list[str]:
    pages, _ = read_pages(path)
    return [r.text for r in DocumentView.of(pages).rows]


# ---- PDF ---------------------------------------------------------------------------------------
def test_pdf_reads_back_as_the_same_result(pdf: tuple[Path, bool], ctx: ReportContext) -> None:
    """What `ita ingest` would load from the generated report equals the context."""
    record = extract_document(pdf[0])
    assert record.kind == "analysis_report"
    assert record.fiscal_year == ctx.fiscal_year
    assert record.agency.name == ctx.agency.name
    assert (record.agency.district, record.agency.province) == (
        ctx.agency.district,
        ctx.agency.province,
    )
    assert record.score == ctx.score
    assert record.grade == ctx.grade
    assert record.indicators == {i.number: i.score for i in ctx.indicators}
    weak = {w.code: w.score for e in ctx.to_improve for w in e.items}
    assert record.items == weak
    assert record.warnings == []


def test_pdf_text_holds_every_number_and_name(pdf: tuple[Path, bool], ctx: ReportContext) -> None:
    path, thai = pdf
    rows = rows_of(path)
    text = "\n".join(rows)
    # the ranked table: one row per indicator with rank, name, tool and score
    for ind in ctx.ranked():
        row = shown(f"{ind.rank} ตัวชี้วัดที่ {ind.number} {ind.name} {ind.tool} ", thai)
        assert any(
            r.startswith(row) and r.endswith(shown(score_text(ind.score), thai)) for r in rows
        ), row
    for tool in ctx.tools:
        assert any(
            f"({tool.code})" in r and r.endswith(shown(score_text(tool.score), thai)) for r in rows
        )
    for band in ctx.grade_bands:
        assert (
            shown(f"ระดับ {band.label} {score_text(band.low)} – {score_text(band.high)}", thai)
            in text
        )
    for entry in ctx.to_improve:
        for item in entry.items:
            code = shown(item.code, thai)
            assert any(r.startswith(code + " ") for r in rows), code
            assert shown(score_text(item.score), thai) in text
    for plan in ctx.measures:
        assert plan.title[:20] in text
    # one name for the agency (a line may break between its type and its name)
    joined = "".join(rows)
    assert joined.count("องค์การบริหารส่วนตำบล") == joined.count(ctx.agency.name) > 5


def test_pdf_pages_are_numbered_and_listed_in_the_contents(pdf: tuple[Path, bool]) -> None:
    path, _ = pdf
    pages, _ = read_pages(path)
    squeeze = [thai_free(re.sub(r"\s+", "", p.text)) for p in pages]
    assert "หน้า" not in squeeze[0]  # the cover has no number
    assert squeeze[1].endswith("หน้าก") and squeeze[2].endswith("หน้าข")  # front matter
    assert squeeze[2].startswith(squeeze[3][:20])  # the running header
    body = next(n for n, t in enumerate(squeeze) if n > 2 and "1.หลักการและเหตุผล" in t)
    assert squeeze[body].endswith("หน้า1")
    assert squeeze[body + 1].endswith("หน้า2")
    # the contents page lists the first chapter on page 1 and the measures last
    contents = squeeze[2]
    assert "สารบัญ" in contents and "เรื่องหน้า1.หลักการและเหตุผล1" in contents
    heading = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสประจำปีงบประมาณพ.ศ.2566"
    measures = next(n for n, t in enumerate(squeeze) if n > 2 and heading in t)
    label = re.search(r"หน้า(\d+)$", squeeze[measures])
    assert label is not None
    assert contents.endswith(f"{heading}{label.group(1)}หน้าข")


def thai_free(text: str) -> str:
    return text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))


# ---- DOCX --------------------------------------------------------------------------------------
def test_docx_is_a_real_word_document(ctx: ReportContext, tmp_path: Path) -> None:
    path = render_report(ctx, "docx", tmp_path, thai_digits=True)
    doc = open_docx(str(path))
    headings = [
        (p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[0] == ("Heading 1", "๑. หลักการและเหตุผล")
    assert ("Heading 2", "๓.๑ จุดแข็ง (ตัวชี้วัดที่ได้คะแนนมากกว่าร้อยละ ๘๐) จำนวน ๘ ตัวชี้วัด") in headings
    # sections: cover, front matter (Thai letters), body (Thai numbers), landscape measures
    formats = [s._sectPr.find(qn("w:pgNumType")).get(qn("w:fmt")) for s in doc.sections]
    assert formats[1:] == ["thaiLetters", "thaiNumbers", "thaiNumbers"]
    assert doc.sections[-1].page_width > doc.sections[-1].page_height
    # Thai is complex script in Word: the font must be set for it explicitly
    fonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "TH Sarabun New"
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "โดยภาพรวมได้คะแนนเท่ากับร้อยละ ๘๗.๑๓" in body
    for ind in ctx.indicators:
        assert f"ตัวชี้วัดที่ {arabic_to_thai(str(ind.number))} {ind.name}" in cells
    assert len(doc.inline_shapes) == 1  # the chart
    xml = doc.element.xml
    assert "w:instr" in xml or "TOC \\o" in xml
    assert "PAGE" in doc.sections[2].footer.paragraphs[0]._p.xml


def test_docx_chart_png_draws_each_bar_in_its_colour(ctx: ReportContext) -> None:
    doc = build_analysis_document(ctx)
    chart = next(b for b in doc.blocks if type(b).__name__ == "BarChart")
    image = Image.open(io.BytesIO(chart_png(chart, 160.0, dpi=120))).convert("RGB")
    below = _rgb(BELOW_FILL)
    passing = _rgb(PASS_FILL)
    # count bars: runs of bar-coloured rows in the column just right of the axis
    x = int(image.width * 0.45)
    colours = [image.getpixel((x, y)) for y in range(image.height)]
    runs_of = _runs(colours)
    assert runs_of.count(below) == sum(1 for i in ctx.indicators if i.score < ctx.pass_line)
    assert runs_of.count(passing) == sum(1 for i in ctx.indicators if i.score >= ctx.pass_line)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _runs(colours: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    for c in colours:
        if not out or out[-1] != c:
            out.append(c)
    return out


# ---- HTML and Markdown -------------------------------------------------------------------------
class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self.fills: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.links.append(value)
            if tag == "rect" and name == "fill" and value:
                self.fills.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained(ctx: ReportContext, tmp_path: Path) -> None:
    path = render_report(ctx, "html", tmp_path)
    html = path.read_text("utf-8")
    parser = _Collector()
    parser.feed(html)
    assert all(link.startswith("#") for link in parser.links)  # no external file or URL
    assert html.count("src: url(data:font/ttf;base64,") == 2
    assert "svg" in parser.tags
    bars = [f for f in parser.fills if f in (PASS_FILL, BELOW_FILL)]
    assert len(bars) == len(ctx.indicators) + 2  # ten bars and two legend swatches
    text = "".join(parser.text)
    assert "โดยภาพรวมได้คะแนนเท่ากับร้อยละ 87.13" in text
    for ind in ctx.indicators:
        assert f"ตัวชี้วัดที่ {ind.number} {ind.name}" in text
    assert "@page wide { size: A4 landscape; }" in html


def test_unknown_format_is_refused(ctx: ReportContext, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        render_document(build_analysis_document(ctx), "odt", tmp_path / "x.odt")


def test_markdown_file(ctx: ReportContext, tmp_path: Path) -> None:
    path = render_report(ctx, "md", tmp_path)
    assert path.name == "ita-analysis-2565-องค์การบริหารส่วนตำบลตะคร้ำเอน.md"
    assert "โดยภาพรวมได้คะแนนเท่ากับร้อยละ 87.13" in path.read_text("utf-8")


# ---- progress reports --------------------------------------------------------------------------
def test_progress_report_shows_each_measure_status(ctx: ReportContext, tmp_path: Path) -> None:
    statuses = ("done", "in_progress", "planned", "postponed", "cancelled")
    measures = tuple(
        dataclasses.replace(m, status=statuses[n % len(statuses)])
        for n, m in enumerate(ctx.measures)
    )
    progress = ProgressContext(
        agency=ctx.agency,
        fiscal_year=ctx.measures_year,
        period="ไตรมาสที่ 2",
        as_of=date(2023, 3, 31),
        summary=(("มาตรการทั้งหมด", str(len(measures))), ("ดำเนินการแล้วเสร็จ", "1")),
        measures=measures,
        problems=("บุคลากรไม่เพียงพอ",),
    )
    doc = build_progress_document(progress)
    pdf = render_document(doc, "pdf", tmp_path / "progress.pdf")
    rows = rows_of(pdf)
    text = "\n".join(rows)
    assert "ข้อมูล ณ วันที่ 31 มีนาคม 2566" in text
    assert any(r.startswith("มาตรการทั้งหมด") and r.endswith(str(len(measures))) for r in rows)
    squeezed = re.sub(r"\s+", "", text)  # a narrow status cell wraps its words
    for m in measures:
        assert STATUS_TH[m.status or ""] in squeezed
    docx = render_document(doc, "docx", tmp_path / "progress.docx")
    cells = [c.text for t in open_docx(str(docx)).tables for row in t.rows for c in row.cells]
    assert STATUS_TH["postponed"] in cells
