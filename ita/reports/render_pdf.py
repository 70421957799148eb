"""PDF renderer: fpdf2 with HarfBuzz text shaping and the bundled Sarabun fonts.

No browser and no office suite: Thai is shaped by uharfbuzz, lines are broken at Thai word
boundaries (`ita.reports.thaiwrap`) and justified Thai-style (extra space spread over word
gaps), tables are laid out here (wrapped cells, header repeated on every page, rows split across
pages when taller than a page), and the chart is drawn with fpdf2 shapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from ita.fiscal import arabic_to_thai
from ita.reports import chart as chart_shapes
from ita.reports.blocks import (
    Align,
    BarChart,
    Block,
    Cell,
    Cover,
    Document,
    Heading,
    Inline,
    Paragraph,
    Row,
    Section,
    Signature,
    Table,
    TableOfContents,
    runs,
    split_label,
)
from ita.reports.fonts import FAMILY, sarabun
from ita.reports.thaiwrap import Line, wrap

THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
NAVY = (31, 56, 100)
INK = (31, 41, 55)
MUTED = (107, 114, 128)
RULE = (120, 120, 120)
HEADER_FILL = (221, 230, 241)
EMPHASIS_FILL = (246, 240, 230)
GROUP_FILL = (236, 240, 245)
MAX_CHAR_SPACING = 0.35  # mm added per character at most; looser lines stay left-aligned
PT = 25.4 / 72  # mm per point


RGB = tuple[int, int, int]
KEEP_TOGETHER = 90.0  # mm: tables up to this height are kept on one page


@dataclass(frozen=True, slots=True)
class CellLine:
    line: Line
    offset: float = 0.0  # hanging indent of a list paragraph
    label: str | None = None  # "1." on the first line of a list paragraph


@dataclass(frozen=True, slots=True)
class CellLayout:
    lines: list[CellLine]
    align: Align
    indent: float


@dataclass(frozen=True, slots=True)
class RowLayout:
    cells: list[CellLayout]
    height: float


@dataclass(frozen=True, slots=True)
class Metrics:
    body_pt: float = 12.0
    body_lh: float = 6.6  # mm
    small_pt: float = 10.5
    small_lh: float = 5.6
    large_pt: float = 14.0
    large_lh: float = 7.6
    table_pt: float = 10.5
    table_lh: float = 5.5
    h1_pt: float = 14.5
    h2_pt: float = 12.5
    indent: float = 10.0  # first-line indent, mm
    label_w: float = 9.0  # hanging label width, mm
    cell_pad_x: float = 1.6
    cell_pad_y: float = 1.3
    para_gap: float = 2.0


M = Metrics()


class ReportPDF(FPDF):
    """Lays out a `Document` on A4 pages."""

    def __init__(self, doc: Document) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.doc = doc
        for style, face in (("", "Regular"), ("B", "Bold"), ("I", "Italic")):
            self.add_font(FAMILY, style, str(sarabun(face)))
        self.set_text_shaping(True)
        self.set_margins(left=25, top=22, right=20)
        self.set_auto_page_break(False, margin=20)
        self.section = Section(numbering="none", running_header=False)
        self._counter = 0
        self._page_labels: dict[int, str] = {}
        self._page_numbered: dict[int, bool] = {}
        self._page_header: dict[int, bool] = {}
        self._fresh = True
        self._widths: dict[tuple[str, bool, float], float] = {}
        self._toc: TableOfContents | None = None
        self._toc_entries: list[tuple[str, int, int]] = []  # text, level, page
        self.set_title(doc.title)
        self.set_lang(doc.lang)
        self.set_creator("ita")
        self.set_author(doc.running_header[1])
        self.set_keywords(" ".join(doc.keywords))

    # ---- pages -----------------------------------------------------------------------------
    @property
    def bottom(self) -> float:
        return self.h - 20.0

    @property
    def text_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def digits(self, text: str) -> str:
        return arabic_to_thai(text) if self.doc.thai_digits else text

    def page_label(self, number: int, style: str) -> str:
        if style == "letters":
            letters = THAI_LETTERS
            label = letters[(number - 1) % len(letters)] * (1 + (number - 1) // len(letters))
            return label
        return self.digits(str(number))

    def start_page(self) -> None:
        orientation = "L" if self.section.orientation == "landscape" else "P"
        self.add_page(orientation=orientation)
        self.set_y(self.t_margin)
        self._fresh = True

    def ensure_space(self, height: float) -> None:
        if self.get_y() + height > self.bottom and not self._fresh:
            self.start_page()

    def header(self) -> None:
        self._counter += 1
        page = self.page_no()
        self._page_labels[page] = self.page_label(self._counter, self.section.numbering)
        self._page_numbered[page] = self.section.numbering != "none"
        if not self.section.running_header:
            return
        left, right = self.doc.running_header
        self.set_font(FAMILY, "", 8.5)
        self.set_text_color(*MUTED)
        self.set_xy(self.l_margin, 10)
        self.cell(self.text_width * 0.65, 5, left)
        self.set_xy(self.l_margin + self.text_width * 0.65, 10)
        self.cell(self.text_width * 0.35, 5, right, align="R")
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(self.l_margin, 15.5, self.w - self.r_margin, 15.5)
        self.set_text_color(*INK)

    def footer(self) -> None:
        page = self.page_no()
        if not self._page_numbered.get(page):
            return
        self.set_font(FAMILY, "", 10)
        self.set_text_color(*MUTED)
        self.set_xy(self.l_margin, self.h - 13)
        self.cell(self.text_width, 5, f"{self.doc.page_label} {self._page_labels[page]}", align="C")
        self.set_text_color(*INK)

    # ---- text ------------------------------------------------------------------------------
    def width_of(self, text: str, is_bold: bool, size: float) -> float:
        key = (text, is_bold, size)
        if key not in self._widths:
            self.set_font(FAMILY, "B" if is_bold else "", size)
            self._widths[key] = self.get_string_width(text)
        return self._widths[key]

    def wrap_inline(self, inline: Inline, width: float, size: float) -> list[Line]:
        return wrap(inline, width, lambda t, b: self.width_of(t, b, size), keep=self.doc.keep)

    def draw_line(
        self,
        line: Line,
        x: float,
        y: float,
        width: float,
        height: float,
        size: float,
        align: Align,
        color: tuple[int, int, int] = INK,
    ) -> None:
        """One laid-out line at (x, y). Justified lines are spread Thai-style: the slack is
        shared between all characters (PDF character spacing), not pushed into word gaps."""
        slack = width - line.width
        chars = sum(len(p.text) for p in line.pieces)
        spacing = 0.0  # mm per character
        if align == "justify" and not line.last and chars > 1 and slack > 0:
            spacing = slack / (chars - 1)
            if spacing > MAX_CHAR_SPACING:
                spacing = 0.0
        elif align == "center":
            x += slack / 2
        elif align == "right":
            x += slack
        self.set_text_color(*color)
        self.set_char_spacing(spacing / PT)
        cursor = x
        start = 0
        pieces = line.pieces
        for i in range(len(pieces)):
            if i < len(pieces) - 1 and pieces[i + 1].bold == pieces[i].bold:
                continue
            group = pieces[start : i + 1]
            text = "".join(p.text for p in group)
            w = sum(p.width for p in group) + spacing * sum(len(p.text) for p in group)
            self.set_font(FAMILY, "B" if pieces[i].bold else "", size)
            self.set_xy(cursor, y)
            self.cell(w, height, text)
            cursor += w
            start = i + 1
        self.set_char_spacing(0)

    def write_paragraph(
        self, para: Paragraph, x: float | None = None, width: float | None = None
    ) -> None:
        size, lh = {
            "body": (M.body_pt, M.body_lh),
            "small": (M.small_pt, M.small_lh),
            "large": (M.large_pt, M.large_lh),
        }[para.size]
        x0 = self.l_margin if x is None else x
        avail = self.text_width if width is None else width
        indent = M.indent if para.first_line_indent and para.align == "justify" else 0.0
        text_x = x0 + (M.label_w if para.label else 0.0)
        text_w = avail - (M.label_w if para.label else 0.0)
        lines = wrap(
            para.content,
            text_w,
            lambda t, b: self.width_of(t, b, size),
            first_width=text_w - indent if indent else None,
            keep=self.doc.keep,
        )
        for n, line in enumerate(lines):
            self.ensure_space(lh)
            y = self.get_y()
            if n == 0 and para.label:
                self.set_font(FAMILY, "", size)
                self.set_xy(x0, y)
                self.cell(M.label_w, lh, para.label)
            first = indent if n == 0 else 0.0
            self.draw_line(line, text_x + first, y, text_w - first, lh, size, para.align)
            self.set_y(y + lh)
            self._fresh = False
        if para.space_after:
            self.set_y(self.get_y() + M.para_gap)

    # ---- blocks ----------------------------------------------------------------------------
    def render(self, blocks: Sequence[Block]) -> None:
        pending = list(blocks)
        while pending:
            block = pending.pop(0)
            if isinstance(block, Section):
                self.begin_section(block)
                self.start_page()
            elif isinstance(block, Cover):
                self.write_cover(block)
            elif isinstance(block, Heading):
                self.write_heading(block)
            elif isinstance(block, Paragraph):
                self.write_paragraph(block)
            elif isinstance(block, Table):
                self.write_table(block)
            elif isinstance(block, BarChart):
                self.write_chart(block)
            elif isinstance(block, TableOfContents):
                # fpdf2 reserves the page and breaks to a new one now; a section that follows
                # must already apply to that new page (its header and page number)
                if pending and isinstance(pending[0], Section):
                    self.begin_section(pending.pop(0))  # type: ignore[arg-type]
                self._toc = block
                self.insert_toc_placeholder(self.write_toc, pages=1)
                self.set_y(self.t_margin)
                self._fresh = True
            elif isinstance(block, Signature):
                self.write_signature(block)

    def begin_section(self, section: Section) -> None:
        self.section = section
        if section.restart_at is not None:
            self._counter = section.restart_at - 1

    def write_heading(self, heading: Heading) -> None:
        if heading.page_break_before and not self._fresh:
            self.start_page()
        size = M.h1_pt if heading.level == 1 else M.h2_pt
        lh = size * 0.55
        lines = self.wrap_inline(_bold(heading.text), self.text_width, size)
        # keep the heading with at least two lines of what follows
        self.ensure_space(len(lines) * lh + 3.0 + 2 * M.body_lh)
        if not self._fresh:
            self.set_y(self.get_y() + (3.0 if heading.level == 1 else 1.5))
        if heading.in_toc:
            self.start_section(heading.text, level=heading.level - 1)
            self._toc_entries.append((heading.text, heading.level, self.page_no()))
        for line in lines:
            y = self.get_y()
            self.draw_line(line, self.l_margin, y, self.text_width, lh, size, heading.align, NAVY)
            self.set_y(y + lh)
        self.set_y(self.get_y() + 1.5)
        self._fresh = False

    def write_cover(self, cover: Cover) -> None:
        width = self.text_width
        self.set_fill_color(*NAVY)
        self.rect(0, 0, self.w, 8, style="F")
        self.set_y(62)
        for n, text in enumerate(cover.title_lines):
            size = 18 if n < len(cover.title_lines) - 1 else 16
            self._centered(text, size, bold=True, color=NAVY, lh=size * 0.6)
        self.set_y(self.get_y() + 14)
        self.set_draw_color(*NAVY)
        self.set_line_width(0.5)
        self.line(self.w / 2 - 30, self.get_y(), self.w / 2 + 30, self.get_y())
        self.set_y(self.get_y() + 12)
        for n, text in enumerate(cover.subtitle_lines):
            self._centered(
                text, 18 if n == 0 else 14, bold=n == 0, color=INK, lh=10 if n == 0 else 8
            )
        if cover.facts:
            self.set_y(self.get_y() + 22)
            box_w, box_h, gap = 52.0, 30.0, 10.0
            total = len(cover.facts) * box_w + (len(cover.facts) - 1) * gap
            x = self.l_margin + (width - total) / 2
            y = self.get_y()
            for label, value in cover.facts:
                self.set_draw_color(*NAVY)
                self.set_line_width(0.4)
                self.set_fill_color(*HEADER_FILL)
                self.rect(x, y, box_w, box_h, style="DF", round_corners=True, corner_radius=3)
                self.set_text_color(*MUTED)
                self.set_font(FAMILY, "", 10.5)
                self.set_xy(x, y + 3)
                self.cell(box_w, 6, label, align="C")
                self.set_text_color(*NAVY)
                self.set_font(FAMILY, "B", 24)
                self.set_xy(x, y + 11)
                self.cell(box_w, 14, value, align="C")
                x += box_w + gap
            self.set_y(y + box_h)
        self.set_text_color(*MUTED)
        for n, text in enumerate(cover.footer_lines):
            self.set_font(FAMILY, "", 10)
            self.set_xy(self.l_margin, self.h - 30 + n * 6)
            self.cell(width, 6, text, align="C")
        self.set_text_color(*INK)
        self._fresh = False

    def _centered(
        self, text: str, size: float, bold: bool, color: tuple[int, int, int], lh: float
    ) -> None:
        for line in self.wrap_inline(_bold(text) if bold else runs(text), self.text_width, size):
            y = self.get_y()
            self.draw_line(line, self.l_margin, y, self.text_width, lh, size, "center", color)
            self.set_y(y + lh)

    def write_signature(self, sig: Signature) -> None:
        self.set_y(self.get_y() + 8)
        x = self.l_margin + self.text_width * 0.45
        w = self.text_width * 0.55
        for text in sig.lines:
            for line in self.wrap_inline(runs(text), w, M.body_pt):
                self.ensure_space(M.body_lh)
                y = self.get_y()
                self.draw_line(line, x, y, w, M.body_lh, M.body_pt, "center")
                self.set_y(y + M.body_lh)
        self._fresh = False

    # ---- tables ----------------------------------------------------------------------------
    def write_table(self, table: Table) -> None:
        total = sum(c.weight for c in table.columns)
        widths = [self.text_width * c.weight / total for c in table.columns]
        header = Row(tuple(Cell.of(c.header, align="center", strong=True) for c in table.columns))
        head = self._layout_row(header, widths)
        layouts = [self._layout_row(row, widths) for row in table.rows]
        caption_h = M.small_lh + 1.0 if table.caption else 0.0
        whole = caption_h + head.height + sum(r.height for r in layouts)
        if whole <= KEEP_TOGETHER:
            self.ensure_space(whole)  # a short table is never split
        else:
            first = min(layouts[0].height, 4 * M.table_lh) if layouts else 0.0
            self.ensure_space(caption_h + head.height + first)
        if table.caption:
            y = self.get_y() + 1.0
            for line in self.wrap_inline(_bold(table.caption), self.text_width, M.small_pt):
                self.draw_line(
                    line, self.l_margin, y, self.text_width, M.small_lh, M.small_pt, "center"
                )
                y += M.small_lh
            self.set_y(y)
        self._draw_row(head, widths, HEADER_FILL)
        for row, layout in zip(table.rows, layouts, strict=True):
            fill = {"group": GROUP_FILL, "emphasis": EMPHASIS_FILL}.get(row.kind)
            self._place_row(layout, widths, fill, head)
        self.set_y(self.get_y() + 3.0)
        self._fresh = False

    def _layout_row(self, row: Row, widths: list[float]) -> RowLayout:
        """Wrapped lines per cell (group rows: one cell over the full width) and row height.
        A paragraph that starts with a list label ("1. ") gets a hanging indent."""
        if row.kind == "group":
            spans = [(row.cells[0], sum(widths))]
        else:
            spans = list(zip(row.cells, widths, strict=True))
        cells: list[CellLayout] = []
        for n, (cell, w) in enumerate(spans):
            indent = 3.5 * row.indent if n == 1 or row.kind == "group" else 0.0
            inner = w - 2 * M.cell_pad_x - indent
            lines: list[CellLine] = []
            for para in cell.lines:
                label, rest = split_label(para)
                if label:
                    hang = self.width_of(label + " ", False, M.table_pt)
                    for k, line in enumerate(self.wrap_inline(rest, inner - hang, M.table_pt)):
                        lines.append(CellLine(line, hang, label if k == 0 else None))
                else:
                    lines.extend(CellLine(ln) for ln in self.wrap_inline(para, inner, M.table_pt))
            cells.append(CellLayout(lines, cell.align, indent))
        rows = max((len(c.lines) for c in cells), default=1)
        return RowLayout(cells, max(rows, 1) * M.table_lh + 2 * M.cell_pad_y)

    def _place_row(
        self, layout: RowLayout, widths: list[float], fill: RGB | None, head: RowLayout
    ) -> None:
        usable = self.bottom - self.t_margin - head.height
        if self.get_y() + layout.height <= self.bottom:
            self._draw_row(layout, widths, fill)
            return
        if layout.height <= usable:
            self.start_page()
            self._draw_row(head, widths, HEADER_FILL)
            self._draw_row(layout, widths, fill)
            return
        # taller than a page: split the row's lines across pages
        remaining = layout.cells
        while any(c.lines for c in remaining):
            room = int((self.bottom - self.get_y() - 2 * M.cell_pad_y) // M.table_lh)
            if room < 2:
                self.start_page()
                self._draw_row(head, widths, HEADER_FILL)
                continue
            part = [CellLayout(c.lines[:room], c.align, c.indent) for c in remaining]
            remaining = [CellLayout(c.lines[room:], c.align, c.indent) for c in remaining]
            rows = max(len(c.lines) for c in part)
            self._draw_row(RowLayout(part, rows * M.table_lh + 2 * M.cell_pad_y), widths, fill)
            if any(c.lines for c in remaining):
                self.start_page()
                self._draw_row(head, widths, HEADER_FILL)

    def _draw_row(self, layout: RowLayout, widths: list[float], fill: RGB | None) -> None:
        y = self.get_y()
        x = self.l_margin
        spans = [sum(widths)] if len(layout.cells) == 1 and len(widths) > 1 else widths
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        for cell, w in zip(layout.cells, spans, strict=True):
            if fill:
                self.set_fill_color(*fill)
            self.rect(x, y, w, layout.height, style="DF" if fill else "D")
            ly = y + M.cell_pad_y
            left = x + M.cell_pad_x + cell.indent
            inner = w - 2 * M.cell_pad_x - cell.indent
            for cl in cell.lines:
                if cl.label:
                    self.set_font(FAMILY, "", M.table_pt)
                    self.set_xy(left, ly)
                    self.cell(cl.offset, M.table_lh, cl.label)
                self.draw_line(
                    cl.line,
                    left + cl.offset,
                    ly,
                    inner - cl.offset,
                    M.table_lh,
                    M.table_pt,
                    cell.align,
                )
                ly += M.table_lh
            x += w
        self.set_y(y + layout.height)
        self._fresh = False

    # ---- chart -----------------------------------------------------------------------------
    def write_chart(self, chart: BarChart) -> None:
        layout = chart_shapes.layout_bar_chart(chart, width=self.text_width)
        self.ensure_space(layout.height + M.small_lh + 4)
        y0 = self.get_y() + 2
        draw_chart(self, layout, self.l_margin, y0)
        self.set_y(y0 + layout.height + 1)
        for line in self.wrap_inline(_bold(chart.caption), self.text_width, M.small_pt):
            y = self.get_y()
            self.draw_line(
                line, self.l_margin, y, self.text_width, M.small_lh, M.small_pt, "center"
            )
            self.set_y(y + M.small_lh)
        self.set_y(self.get_y() + 3)
        self._fresh = False

    # ---- table of contents -----------------------------------------------------------------
    def write_toc(self, pdf: FPDF, outline: object) -> None:
        """Called by fpdf2 at the end, on the reserved page (entries and page labels known)."""
        toc = self._toc
        if toc is None:
            return
        size, lh = M.body_pt, M.body_lh + 0.8
        width = self.text_width
        num_w = 18.0
        y = self.get_y()
        self.set_font(FAMILY, "B", size)
        self.set_xy(self.l_margin, y)
        self.cell(width - num_w, lh, toc.entry_header)
        self.cell(num_w, lh, toc.page_header, align="R")
        y += lh + 1
        for text, level, entry_page in self._toc_entries:
            indent = 0.0 if level == 1 else 8.0
            label = self._page_labels.get(entry_page, "")
            lines = self.wrap_inline(runs(text), width - num_w - indent - 4, size)
            for n, line in enumerate(lines):
                self.draw_line(
                    line, self.l_margin + indent, y, width - num_w - indent, lh, size, "left"
                )
                if n == len(lines) - 1:
                    self._dot_leader(
                        self.l_margin + indent + line.width + 1.5,
                        self.l_margin + width - num_w + 4,
                        y + lh * 0.68,
                    )
                    self.set_font(FAMILY, "", size)
                    self.set_xy(self.l_margin + width - num_w, y)
                    self.cell(num_w, lh, label, align="R")
                y += lh
            if y > self.bottom:
                raise ValueError("the table of contents does not fit on one page")

    def _dot_leader(self, x1: float, x2: float, y: float) -> None:
        self.set_draw_color(*MUTED)
        self.set_line_width(0.25)
        self.set_dash_pattern(dash=0.3, gap=1.2)
        if x2 > x1:
            self.line(x1, y, x2, y)
        self.set_dash_pattern()


def draw_chart(pdf: FPDF, layout: chart_shapes.ChartLayout, x0: float, y0: float) -> None:
    """Draw chart shapes with fpdf2 (also used to rasterise the DOCX chart)."""
    for shape in layout.shapes:
        if isinstance(shape, chart_shapes.Rect):
            pdf.set_fill_color(*_rgb(shape.fill))
            pdf.rect(x0 + shape.x, y0 + shape.y, shape.w, shape.h, style="F")
        elif isinstance(shape, chart_shapes.Segment):
            pdf.set_draw_color(*_rgb(shape.color))
            pdf.set_line_width(shape.width)
            if shape.dash:
                pdf.set_dash_pattern(dash=shape.dash, gap=shape.dash * 0.7)
            pdf.line(x0 + shape.x1, y0 + shape.y1, x0 + shape.x2, y0 + shape.y2)
            pdf.set_dash_pattern()
        else:
            pdf.set_font(FAMILY, "B" if shape.bold else "", shape.size)
            pdf.set_text_color(*_rgb(shape.color))
            w = pdf.get_string_width(shape.text)
            x = x0 + shape.x - {"start": 0.0, "middle": w / 2, "end": w}[shape.anchor]
            h = shape.size * 0.3528 * 1.3
            pdf.set_xy(x, y0 + shape.y - h * 0.72)
            pdf.cell(w, h, shape.text)
    pdf.set_text_color(*INK)


def _rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def _bold(text: str) -> Inline:
    from ita.reports.blocks import Run

    return (Run(text, bold=True),)


def render_pdf(doc: Document, path: Path) -> Path:
    pdf = ReportPDF(doc)
    pdf.render(doc.blocks)
    pdf.output(str(path))
    return path


def chart_pdf_bytes(chart: BarChart, width: float = 160.0) -> bytes:
    """A one-page PDF of just the chart (rasterised for DOCX)."""
    layout = chart_shapes.layout_bar_chart(chart, width=width)
    pdf = FPDF(unit="mm", format=(layout.width + 4, layout.height + 4))
    for style, face in (("", "Regular"), ("B", "Bold")):
        pdf.add_font(FAMILY, style, str(sarabun(face)))
    pdf.set_text_shaping(True)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.add_page()
    draw_chart(pdf, layout, 2, 2)
    return bytes(pdf.output())
