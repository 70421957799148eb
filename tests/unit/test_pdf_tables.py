"""Rows: ruled tables through pdfplumber's table finder, unruled ones by alignment — on PDFs
drawn here with fpdf2 (real PDFs, no browser needed)."""

from __future__ import annotations

from pathlib import Path

import fontpkg_sarabun
from fpdf import FPDF

from ita.pdf import open_pdf
from ita.pdf.model import Cell, Line, PageText, Row, Word
from ita.sources.spec import load_spec
from ita.sources.view import DocumentView

SARABUN = Path(fontpkg_sarabun.__file__).parent / "files" / "Sarabun-Regular.ttf"
QUESTION = "บุคลากรในหน่วยงานของท่าน ปฏิบัติงานให้บริการแก่ผู้มาติดต่อ ตามประเด็นดังต่อไปนี้ มากน้อยเพียงใด"


def draw_table(
    path: Path, rows: list[tuple[str, ...]], widths: tuple[int, ...], ruled: bool
) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("Sarabun", fname=str(SARABUN))
    pdf.set_font("Sarabun", size=12)
    with pdf.table(
        col_widths=widths,
        borders_layout="ALL" if ruled else "NONE",
        first_row_as_headings=False,
        text_align="LEFT",
    ) as table:
        for r in rows:
            row = table.row()
            for text in r:
                row.cell(text)
    pdf.output(str(path))


def rows_of(path: Path) -> list[Row]:
    with open_pdf(path) as pdf:
        return [row for page in pdf.pages() for row in page.rows]


def test_ruled_table_keeps_a_wrapped_cell_in_its_row(tmp_path: Path) -> None:
    path = tmp_path / "ruled.pdf"
    draw_table(path, [("I1", QUESTION, "91.97"), ("I2", "สั้น", "88.10")], (12, 60, 18), True)
    rows = rows_of(path)
    assert [r.ruled for r in rows] == [True, True]
    first = rows[0]
    assert first.cells[0].text == "I1"
    assert len(first.cells[1].lines) >= 2  # the question wraps inside its cell
    assert first.cells[2].text == "91.97"
    assert first.cells[2].box is not None


def test_unruled_wrapped_cells_continue_their_row(tmp_path: Path) -> None:
    # fpdf2 centres short cells vertically against a wrapped one: the question's first line
    # is printed above the code and value, its second line below them.
    path = tmp_path / "unruled.pdf"
    rows = [
        ("OIT 10", QUESTION, "มี"),
        ("OIT 11", "สั้น", "ไม่มี"),
        ("OIT 12", "แผนการใช้จ่ายงบประมาณประจำปี", "มี"),
        ("OIT 13", QUESTION, "ไม่มี"),
    ]
    draw_table(path, rows, (11, 60, 18), False)
    got = [[c.text for c in r.cells] for r in rows_of(path)]
    assert len(got) == 4, got
    assert [r[0] for r in got] == ["OIT 10", "OIT 11", "OIT 12", "OIT 13"]
    assert [r[-1] for r in got] == ["มี", "ไม่มี", "มี", "ไม่มี"]
    assert got[0][1].replace(" ", "") == QUESTION.replace(" ", "")
    assert got[3][1].replace(" ", "") == QUESTION.replace(" ", "")


def _word(text: str, x0: float, top: float, width: float = 20.0) -> Word:
    return Word(text, x0, top, x0 + width, top + 12, 12.0)


def _row(page: int, *cells: list[Word]) -> Row:
    return Row(page, [Cell(page, [Line(page, ws)]) for ws in cells], ruled=False)


def test_code_number_wrapped_onto_the_next_page_is_joined_again() -> None:
    # LibreOffice, narrow code column: "OIT" at the foot of page 2, "17" at the top of page 3
    # beside the repeated table header.
    p2 = _row(2, [_word("OIT", 50, 780)], [_word("E-Service", 90, 780)], [_word("มี", 400, 780)])
    p3 = _row(3, [_word("ข้อ", 50, 60), _word("17", 52, 74, 10)], [_word("ข้อมูล", 90, 60)])
    pages = [
        PageText(2, 595, 842, [], [p2]),
        PageText(3, 595, 842, [], [p3]),
    ]
    view = DocumentView.of(pages, load_spec().item_code_prefix)
    assert view.rows[0].text == "OIT 17 E-Service มี"
    assert view.rows[1].text == "ข้อ ข้อมูล"
