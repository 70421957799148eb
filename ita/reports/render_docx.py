"""DOCX renderer (python-docx): an editable Word document agencies finish in Word.

Real Word structure: Heading 1/2 styles (so Word's TOC field and navigation pane work), tables
with a repeated header row, a PAGE field in the footer with Thai letters for the front matter
and (Thai) numbers for the body, a landscape section for the measures, and the complex-script
font and size set explicitly (`w:cs`, `w:szCs`, `w:bCs`) because Word treats Thai as complex
script. The font is TH Sarabun New (the font Thai government documents use).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from ita.reports import chart as chart_shapes
from ita.reports.blocks import (
    Align,
    BarChart,
    Block,
    Cover,
    Document,
    Heading,
    Inline,
    Paragraph,
    Section,
    Signature,
    Table,
    TableOfContents,
    runs,
    split_label,
)
from ita.reports.fonts import DOCX_FAMILY
from ita.reports.render_pdf import chart_pdf_bytes

BODY_PT = 16
TABLE_PT = 14
SMALL_PT = 13
H1_PT = 18
H2_PT = 16
NAVY = RGBColor(0x1F, 0x38, 0x64)
MUTED = RGBColor(0x6B, 0x72, 0x80)
HEADER_FILL = "DDE6F1"
EMPHASIS_FILL = "F6F0E6"
GROUP_FILL = "ECF0F5"
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY,
}
PAGE_FORMAT = {"letters": "thaiLetters", "numbers": "decimal", "none": "decimal"}
MARGINS = {"left": 25, "right": 20, "top": 22, "bottom": 20}  # mm, as in the PDF


def render_docx(doc: Document, path: Path) -> Path:
    writer = DocxWriter(doc)
    writer.render(doc.blocks)
    writer.docx.save(str(path))
    return path


class DocxWriter:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.docx = new_docx()
        self._sections = 0
        self._set_styles()
        props = self.docx.core_properties
        props.title = doc.title
        props.author = doc.running_header[1]
        props.keywords = " ".join(doc.keywords)
        props.language = "th-TH"
        self._update_fields_on_open()

    # ---- styles ----------------------------------------------------------------------------
    def _set_styles(self) -> None:
        styles = self.docx.styles
        normal = styles["Normal"]
        _set_font(normal.element, size=BODY_PT)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)
        for name, size in (("Heading 1", H1_PT), ("Heading 2", H2_PT)):
            style = styles[name]
            _set_font(style.element, size=size, bold=True)
            style.font.color.rgb = NAVY
            style.font.italic = False
            style.paragraph_format.space_before = Pt(10 if name == "Heading 1" else 6)
            style.paragraph_format.space_after = Pt(3)
            style.paragraph_format.keep_with_next = True
        caption = styles["Caption"]
        _set_font(caption.element, size=SMALL_PT, bold=True)
        caption.font.color.rgb = RGBColor(0x1F, 0x29, 0x37)
        caption.font.italic = False
        caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.space_before = Pt(4)
        for name in ("Header", "Footer"):
            _set_font(styles[name].element, size=SMALL_PT)
            styles[name].paragraph_format.tab_stops.clear_all()

    def _update_fields_on_open(self) -> None:
        """Ask Word to refresh the TOC and page fields when the file is opened."""
        settings = self.docx.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)

    # ---- blocks ----------------------------------------------------------------------------
    def render(self, blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, Section):
                self.begin_section(block)
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
                self.write_toc(block)
            elif isinstance(block, Signature):
                self.write_signature(block)

    def begin_section(self, block: Section) -> None:
        if self._sections == 0:
            section = self.docx.sections[0]
        else:
            section = self.docx.add_section(WD_SECTION.NEW_PAGE)
        self._sections += 1
        landscape = block.orientation == "landscape"
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (
            (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        )
        section.left_margin = Mm(MARGINS["left"])
        section.right_margin = Mm(MARGINS["right"])
        section.top_margin = Mm(MARGINS["top"])
        section.bottom_margin = Mm(MARGINS["bottom"])
        section.header_distance = Mm(9)
        section.footer_distance = Mm(9)
        self._text_width = section.page_width - section.left_margin - section.right_margin
        numbering = block.numbering
        if self.doc.thai_digits and numbering == "numbers":
            fmt = "thaiNumbers"
        else:
            fmt = PAGE_FORMAT[numbering]
        pg = section._sectPr.find(qn("w:pgNumType"))
        if pg is None:
            pg = OxmlElement("w:pgNumType")
            section._sectPr.append(pg)
        pg.set(qn("w:fmt"), fmt)
        if block.restart_at is not None:
            pg.set(qn("w:start"), str(block.restart_at))
        elif qn("w:start") in pg.attrib:  # add_section copies the previous section's restart
            del pg.attrib[qn("w:start")]
        header, footer = section.header, section.footer
        header.is_linked_to_previous = False
        footer.is_linked_to_previous = False
        for part in (header, footer):
            for p in part.paragraphs:
                p.text = ""
        if block.running_header:
            left, right = self.doc.running_header
            p = header.paragraphs[0]
            p.paragraph_format.tab_stops.add_tab_stop(
                self._text_width - Mm(1), WD_TAB_ALIGNMENT.RIGHT
            )
            self._add_runs(p, runs(left, "\t", right), size=SMALL_PT - 3, color=MUTED)
            _bottom_border(p)
        if numbering != "none":
            p = footer.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._add_runs(p, runs(self.doc.page_label + " "), size=SMALL_PT, color=MUTED)
            _add_field(p, "PAGE", "1", size=SMALL_PT)

    def write_cover(self, cover: Cover) -> None:
        self._spacer(70)
        for n, text in enumerate(cover.title_lines):
            p = self._para(align="center")
            size = 24 if n < len(cover.title_lines) - 1 else 22
            self._add_runs(p, runs(text), size=size, bold=True, color=NAVY)
        self._spacer(24)
        for n, text in enumerate(cover.subtitle_lines):
            p = self._para(align="center")
            self._add_runs(p, runs(text), size=22 if n == 0 else 18, bold=n == 0)
        if cover.facts:
            self._spacer(24)
            table = self.docx.add_table(rows=2, cols=len(cover.facts))
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for col, (label, value) in enumerate(cover.facts):
                top, bottom = table.cell(0, col), table.cell(1, col)
                for cell in (top, bottom):
                    cell.width = Mm(50)
                    _shade(cell, HEADER_FILL)
                lp = top.paragraphs[0]
                lp.alignment = WD_ALIGN_PARAGRAPH.CENTER
                self._add_runs(lp, runs(label), size=SMALL_PT, color=MUTED)
                vp = bottom.paragraphs[0]
                vp.alignment = WD_ALIGN_PARAGRAPH.CENTER
                self._add_runs(vp, runs(value), size=30, bold=True, color=NAVY)
        self._spacer(60)
        for text in cover.footer_lines:
            p = self._para(align="center")
            self._add_runs(p, runs(text), size=SMALL_PT, color=MUTED)

    def write_heading(self, heading: Heading) -> None:
        if heading.in_toc:
            p = self.docx.add_heading(level=heading.level)
            p.alignment = ALIGN[heading.align]
            size = H1_PT if heading.level == 1 else H2_PT
            self._add_runs(p, runs(heading.text), size=size, bold=True, color=NAVY)
        else:
            p = self._para(align=heading.align)
            p.paragraph_format.space_after = Pt(6)
            p.paragraph_format.keep_with_next = True
            self._add_runs(p, runs(heading.text), size=H1_PT, bold=True, color=NAVY)
        if heading.page_break_before:
            p.paragraph_format.page_break_before = True

    def write_paragraph(self, para: Paragraph) -> None:
        p = self._para(align=para.align)
        fmt = p.paragraph_format
        size = {"body": BODY_PT, "small": SMALL_PT, "large": H2_PT}[para.size]
        if para.label:
            fmt.left_indent = Mm(9)
            fmt.first_line_indent = Mm(-9)
            fmt.tab_stops.add_tab_stop(Mm(9))
            self._add_runs(p, runs(para.label + "\t"), size=size)
        elif para.first_line_indent and para.align == "justify":
            fmt.first_line_indent = Mm(10)
        if para.space_after:
            fmt.space_after = Pt(4)
        self._add_runs(p, para.content, size=size)

    def write_signature(self, sig: Signature) -> None:
        self._spacer(12)
        for text in sig.lines:
            p = self._para(align="center")
            p.paragraph_format.left_indent = Mm(70)
            self._add_runs(p, runs(text), size=BODY_PT)

    def write_toc(self, toc: TableOfContents) -> None:
        """A real TOC field (Word fills in the page numbers); until it is updated it shows the
        headings themselves."""
        p = self._para(align="left")
        p.paragraph_format.tab_stops.add_tab_stop(self._text_width, WD_TAB_ALIGNMENT.RIGHT)
        self._add_runs(p, runs(toc.entry_header, "\t", toc.page_header), size=BODY_PT, bold=True)
        p = self._para(align="left")
        _field_begin(p, 'TOC \\o "1-2" \\h \\z \\u')
        headings = list(self.doc.headings())
        for n, heading in enumerate(headings):
            if n:
                p = self._para(align="left")
            if heading.level > 1:
                p.paragraph_format.left_indent = Mm(8)
            p.paragraph_format.tab_stops.add_tab_stop(
                self._text_width, WD_TAB_ALIGNMENT.RIGHT, leader=_dots()
            )
            self._add_runs(p, runs(heading.text), size=BODY_PT)
        _field_end(p)

    def write_chart(self, chart: BarChart) -> None:
        width_mm = min(160.0, self._text_width / Mm(1))
        png = chart_png(chart, width_mm)
        p = self._para(align="center")
        p.paragraph_format.keep_with_next = True
        run = p.add_run()
        shape = run.add_picture(io.BytesIO(png), width=Mm(width_mm))
        layout = chart_shapes.layout_bar_chart(chart, width=width_mm)
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", layout.description)
        doc_pr.set("title", chart.caption)
        cap = self.docx.add_paragraph(style="Caption")
        cap.paragraph_format.keep_with_next = False
        self._add_runs(cap, runs(chart.caption), size=SMALL_PT, bold=True)

    def write_table(self, table: Table) -> None:
        if table.caption:
            cap = self.docx.add_paragraph(style="Caption")
            self._add_runs(cap, runs(table.caption), size=SMALL_PT, bold=True)
        total = sum(c.weight for c in table.columns)
        widths = [int(self._text_width * c.weight / total) for c in table.columns]
        grid = self.docx.add_table(rows=1 + len(table.rows), cols=len(table.columns))
        grid.style = self.docx.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        for col, width in zip(grid.columns, widths, strict=True):
            col.width = width
        header = grid.rows[0]
        _repeat_header(header)
        for cell, column, width in zip(header.cells, table.columns, widths, strict=True):
            cell.width = width
            _shade(cell, HEADER_FILL)
            self._fill_cell(cell, (runs(column.header),), "center", bold=True)
        for row, out in zip(table.rows, grid.rows[1:], strict=True):
            fill = {"group": GROUP_FILL, "emphasis": EMPHASIS_FILL}.get(row.kind)
            cells = out.cells
            if row.kind == "group":
                merged = cells[0].merge(cells[-1])
                targets = [(merged, row.cells[0], sum(widths))]
            else:
                targets = list(zip(cells, row.cells, widths, strict=True))
            for n, (cell, content, width) in enumerate(targets):
                cell.width = width
                if fill:
                    _shade(cell, fill)
                indent = Mm(3.5 * row.indent) if n == 1 and row.indent else None
                self._fill_cell(cell, content.lines, content.align, indent=indent)
        self._para(align="left").paragraph_format.space_after = Pt(2)

    # ---- helpers ---------------------------------------------------------------------------
    def _fill_cell(
        self,
        cell: Any,
        lines: tuple[Inline, ...],
        align: Align,
        bold: bool = False,
        indent: Any = None,
    ) -> None:
        paragraphs = list(cell.paragraphs)
        for n, inline in enumerate(lines or ((),)):
            p = paragraphs[0] if n == 0 else cell.add_paragraph()
            p.alignment = ALIGN["left" if align == "justify" else align]
            label, rest = split_label(inline)
            if indent is not None:
                p.paragraph_format.left_indent = indent
            if label:
                hang = Mm(6)
                p.paragraph_format.left_indent = hang + (indent or 0)
                p.paragraph_format.first_line_indent = -hang
                p.paragraph_format.tab_stops.add_tab_stop(hang + (indent or 0))
                self._add_runs(p, runs(label + "\t"), size=TABLE_PT)
                inline = rest
            self._add_runs(p, inline, size=TABLE_PT, bold=bold)

    def _para(self, align: Align) -> DocxParagraph:
        p = self.docx.add_paragraph()
        p.alignment = ALIGN[align]
        return p

    def _spacer(self, points: float) -> None:
        p = self.docx.add_paragraph()
        p.paragraph_format.space_before = Pt(points)

    def _add_runs(
        self,
        p: DocxParagraph,
        inline: Inline,
        size: float,
        bold: bool = False,
        color: RGBColor | None = None,
    ) -> None:
        for part in inline:
            pieces = part.text.split("\t")
            for n, piece in enumerate(pieces):
                if n:
                    p.add_run().add_tab()
                if not piece:
                    continue
                run = p.add_run(piece)
                _set_font(run._element, size=size, bold=bold or part.bold)
                if color is not None:
                    run.font.color.rgb = color


def chart_png(chart: BarChart, width_mm: float, dpi: int = 220) -> bytes:
    """The chart as PNG: drawn with fpdf2 (same code as the PDF) and rasterised by PDFium."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(chart_pdf_bytes(chart, width=width_mm))
    try:
        page = pdf[0]
        image = page.render(scale=dpi / 72).to_pil()
        page.close()
    finally:
        pdf.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


# ---- low-level OOXML ---------------------------------------------------------------------------
def _set_font(element: Any, size: float, bold: bool | None = None) -> None:
    """Font family for every script (ascii, hAnsi, cs, eastAsia), size and bold for both the
    Latin and the complex-script (Thai) properties, and the Thai language tag."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), DOCX_FAMILY)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), str(round(size * 2)))
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), "1" if bold else "0")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:bidi"), "th-TH")


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _bottom_border(p: DocxParagraph) -> None:
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "999999")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _dots() -> Any:
    from docx.enum.text import WD_TAB_LEADER

    return WD_TAB_LEADER.DOTS


def _add_field(p: DocxParagraph, instruction: str, placeholder: str, size: float) -> None:
    _field_begin(p, instruction)
    run = p.add_run(placeholder)
    _set_font(run._element, size=size)
    _field_end(p)


def _field_begin(p: DocxParagraph, instruction: str) -> None:
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    p.add_run()._r.append(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    p.add_run()._r.append(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    p.add_run()._r.append(sep)


def _field_end(p: DocxParagraph) -> None:
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    p.add_run()._r.append(end)
