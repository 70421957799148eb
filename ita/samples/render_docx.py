"""Render a `Document` as .docx with python-docx (LibreOffice then prints it to PDF).

Thai is a complex script: Word and LibreOffice take its font and size from the `w:cs` font
and `w:szCs`, so both are set on every run, not only the Latin ones."""

from __future__ import annotations

from pathlib import Path

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from ita.samples.doc import Document, Heading, PageBreak, Paragraph, Table

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
CONTENT_WIDTH_MM = 174.0


def render_docx(doc: Document, family: str, out: Path) -> Path:
    d = new_docx()
    _set_defaults(d, family, doc.body_size)
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin, sec.right_margin = Mm(20), Mm(16)
    sec.top_margin, sec.bottom_margin = Mm(16), Mm(16)
    d.core_properties.title = doc.title
    d.core_properties.author = "ITAS"
    if doc.running_header:
        p = sec.header.paragraphs[0]
        _run(p, doc.running_header, family, doc.body_size - 3, color=(90, 90, 90))
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if doc.page_numbers != "none":
        p = sec.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, "หน้า ", family, doc.body_size - 3)
        _field(p, "PAGE", family, doc.body_size - 3)
        if doc.page_numbers == "of_total":
            _run(p, " / ", family, doc.body_size - 3)
            _field(p, "NUMPAGES", family, doc.body_size - 3)
    first = True
    for block in doc.blocks:
        if isinstance(block, PageBreak):
            d.add_page_break()
            continue
        if isinstance(block, Heading):
            size = {1: doc.body_size + 3, 2: doc.body_size + 1}.get(block.level, doc.body_size)
            p = d.paragraphs[0] if first and d.paragraphs else d.add_paragraph()
            _run(p, block.text, family, size, bold=True)
            p.alignment = _ALIGN[block.align]
            p.paragraph_format.space_before = Pt(0 if block.level == 1 else 8)
            p.paragraph_format.space_after = Pt(2)
            p.paragraph_format.keep_with_next = True
        elif isinstance(block, Paragraph):
            p = d.add_paragraph()
            _run(p, block.text, family, block.size or doc.body_size, bold=block.bold)
            p.alignment = _ALIGN[block.align]
            if block.indent:
                p.paragraph_format.first_line_indent = Mm(12)
        else:
            _table(d, block, family, doc.body_size - 0.5)
            d.add_paragraph().paragraph_format.space_after = Pt(2)
        first = False
    out.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(out))
    return out


def _set_defaults(d: DocxDocument, family: str, size: float) -> None:
    style = d.styles["Normal"]
    style.font.name = family
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), family)
    szcs = OxmlElement("w:szCs")
    szcs.set(qn("w:val"), str(int(size * 2)))
    rpr.append(szcs)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:bidi"), "th-TH")
    rpr.append(lang)
    style.paragraph_format.space_after = Pt(2)
    style.paragraph_format.line_spacing = 1.0


def _run(
    p: DocxParagraph,
    text: str,
    family: str,
    size: float,
    bold: bool = False,
    color: tuple[int, int, int] | None = None,
) -> None:
    r = p.add_run(text)
    r.font.name = family
    r.font.size = Pt(size)
    r.bold = bold
    if color:
        r.font.color.rgb = RGBColor(*color)
    rpr = r._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        fonts.set(qn("w:cs"), family)
    if bold:
        rpr.append(OxmlElement("w:bCs"))
    szcs = OxmlElement("w:szCs")
    szcs.set(qn("w:val"), str(int(size * 2)))
    rpr.append(szcs)


def _field(p: DocxParagraph, instr: str, family: str, size: float) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    p._p.append(fld)
    # a placeholder run inside the field (LibreOffice recomputes it)
    tmp = p.add_run("1")
    tmp.font.size = Pt(size)
    tmp.font.name = family
    fld.append(tmp._element)


def _table(d: DocxDocument, t: Table, family: str, size: float) -> None:
    ncols = len(t.header or t.rows[0])
    aligns = t.aligns or ("left",) * ncols
    widths = t.widths or (1.0,) * ncols
    total = sum(widths)
    nrows = len(t.rows) + (1 if t.header else 0)
    table = d.add_table(rows=nrows, cols=ncols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    if t.ruled:
        table.style = d.styles["Table Grid"]
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    for c, col in enumerate(table.columns):
        col.width = Mm(CONTENT_WIDTH_MM * widths[c] / total)
    all_rows = ([t.header] if t.header else []) + list(t.rows)
    for r, row in enumerate(all_rows):
        is_head = t.header is not None and r == 0
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = Mm(CONTENT_WIDTH_MM * widths[c] / total)
            p = cell.paragraphs[0]
            _run(p, text, family, size, bold=is_head)
            p.alignment = _ALIGN[aligns[c]]
            p.paragraph_format.space_after = Pt(0)
            if is_head and t.ruled:
                shd = OxmlElement("w:shd")
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:fill"), "E1E8F2")
                cell._tc.get_or_add_tcPr().append(shd)
        if is_head:
            trpr = table.rows[r]._tr.get_or_add_trPr()
            trpr.append(OxmlElement("w:tblHeader"))  # repeat the header row on each page
