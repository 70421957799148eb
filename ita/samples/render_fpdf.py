"""Render a `Document` with fpdf2 (optionally shaping Thai with HarfBuzz via uharfbuzz)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ita.samples.doc import Document, Heading, PageBreak, Paragraph, Table
from ita.samples.fonts import font_files
from ita.samples.numbers import to_digits

FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)  # reproducible bytes
PT_MM = 25.4 / 72
_ALIGN = {"left": "L", "center": "C", "right": "R"}


class _Pdf(FPDF):
    doc: Document
    total_pages: int = 0

    def header(self) -> None:
        if self.doc.running_header:
            self.set_font(self.font_family, "", self.doc.body_size - 3)
            self.set_text_color(90)
            self.cell(0, 6, self.doc.running_header, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_draw_color(150)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.set_text_color(0)
            self.set_draw_color(0)
            self.ln(3)

    def footer(self) -> None:
        if self.doc.page_numbers == "none":
            return
        self.set_y(-14)
        self.set_font(self.font_family, "", self.doc.body_size - 3)
        text = f"หน้า {self.page_no()}"
        if self.doc.page_numbers == "of_total":
            text += f" / {self.total_pages}"
        self.cell(0, 8, to_digits(text, self.doc.thai_digits), align="C")


def render_pdf_fpdf2(doc: Document, out: Path, family: str, shaping: bool = True) -> Path:
    """Write `doc` to `out` with fpdf2 and the given Thai font family."""
    total = 0
    if doc.page_numbers == "of_total":  # "หน้า ๒ / ๕" needs the total first: lay out twice
        total = _layout(doc, family, shaping, 0).pages_count
    pdf = _layout(doc, family, shaping, total)
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


def _layout(doc: Document, family: str, shaping: bool, total_pages: int) -> _Pdf:
    files = font_files(family)
    pdf = _Pdf(format="A4", unit="mm")
    pdf.doc = doc
    pdf.total_pages = total_pages
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(doc.title)
    pdf.set_producer("fpdf2")
    pdf.set_margins(20, 18, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font(family, "", str(files.regular))
    pdf.add_font(family, "B", str(files.bold))
    pdf.set_font(family, "", doc.body_size)
    if shaping:
        pdf.set_text_shaping(True)

    pdf.add_page()
    body = doc.body_size
    line_h = body * PT_MM * 1.45  # Thai needs room for upper and lower marks
    for block in doc.blocks:
        if isinstance(block, PageBreak):
            pdf.add_page()
        elif isinstance(block, Heading):
            size = {1: body + 2, 2: body + 1, 3: body}.get(block.level, body)
            pdf.set_font(family, "B", size)
            pdf.ln(1.5)
            pdf.multi_cell(0, size * PT_MM * 1.4, block.text, align=_ALIGN[block.align])
            pdf.ln(1)
            pdf.set_font(family, "", body)
        elif isinstance(block, Paragraph):
            size = block.size or body
            pdf.set_font(family, "B" if block.bold else "", size)
            text = ("          " if block.indent else "") + block.text
            # never justify: Thai has no spaces between words, so fpdf2 would stretch clauses
            pdf.multi_cell(0, size * PT_MM * 1.5, text, align=_ALIGN[block.align])
            pdf.ln(1)
            pdf.set_font(family, "", body)
        elif isinstance(block, Table):
            _draw_table(pdf, block, family, body, line_h)
    return pdf


def _draw_table(pdf: FPDF, t: Table, family: str, body: float, line_h: float) -> None:
    """A table drawn cell by cell. fpdf2's own `table()` re-shapes every prefix of every line
    with HarfBuzz while wrapping (~2 s per report); here lines are wrapped on the fonts' plain
    advance widths (Thai marks advance 0) and each finished line is shaped once."""
    size = body - 1
    lh = line_h * 0.92
    pad_x, pad_y = 1.5, 0.6
    if t.caption:
        pdf.set_font(family, "B", size)
        pdf.multi_cell(0, lh, t.caption)
    ncols = len(t.header or t.rows[0])
    aligns = t.aligns or ("left",) * ncols
    rel = t.widths or (1.0,) * ncols
    widths = [pdf.epw * w / sum(rel) for w in rel]

    def draw_row(cells: tuple[str, ...], head: bool) -> None:
        pdf.set_font(family, "B" if head else "", size)
        wrapped = [_wrap(pdf, c, w - 2 * pad_x) for c, w in zip(cells, widths, strict=True)]
        height = max(len(w) for w in wrapped) * lh + 2 * pad_y
        if pdf.y + height > pdf.page_break_trigger:
            pdf.add_page()
            if t.header is not None and not head:
                draw_row(t.header, True)
                pdf.set_font(family, "", size)
        x, y = pdf.l_margin, pdf.y
        for lines, w, align in zip(wrapped, widths, aligns, strict=True):
            if t.ruled:
                if head:
                    pdf.set_fill_color(225, 232, 242)
                pdf.rect(x, y, w, height, style="DF" if head else "D")
            for k, line in enumerate(lines):
                pdf.set_xy(x + pad_x, y + pad_y + k * lh)
                pdf.cell(w - 2 * pad_x, lh, line, align=_ALIGN[align])
            x += w
        if head and not t.ruled:
            pdf.line(pdf.l_margin, y + height, pdf.l_margin + sum(widths), y + height)
        pdf.set_xy(pdf.l_margin, y + height)

    if t.header is not None:
        draw_row(t.header, True)
    for row in t.rows:
        draw_row(row, False)
    pdf.ln(3)
    pdf.set_font(family, "", body)


def _advance(pdf: FPDF, text: str) -> float:
    """Unshaped width in mm of `text` in the current font (Thai marks advance 0)."""
    font = pdf.current_font
    assert font is not None, "set a font before measuring"
    _, width_pt = font.get_text_width(text, pdf.font_size_pt, None)
    return float(width_pt) * PT_MM


def _wrap(pdf: FPDF, text: str, avail: float) -> list[str]:
    """Greedy wrap at spaces; a run longer than the column breaks before a base character
    (never between a Thai letter and its marks)."""
    avail *= 0.97  # shaping may add a little (kerning)
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            candidate = f"{line} {word}" if line else word
            if _advance(pdf, candidate) <= avail:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            while _advance(pdf, word) > avail:
                cut = _fit(pdf, word, avail)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _fit(pdf: FPDF, word: str, avail: float) -> int:
    cut = 1
    for k in range(1, len(word)):
        if _advance(pdf, word[:k]) > avail:
            break
        if unicodedata.category(word[k]) != "Mn":
            cut = k
    return cut
