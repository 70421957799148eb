"""One test per extraction bug found while building it, named after what broke. Rows are
built directly (the field readers see exactly what the PDF layer gives them)."""

from __future__ import annotations

from decimal import Decimal

from ita.frameworks import load_framework
from ita.pdf.model import Cell, Line, PageText, Row, Word
from ita.sources import fields
from ita.sources.names import IndicatorNames
from ita.sources.rows import analyse_row
from ita.sources.spec import load_spec
from ita.sources.view import DocumentView

SPEC = load_spec()
SIZE = 14.0


def row(y: float, *cells: str, x: float = 60.0, page: int = 1, size: float = SIZE) -> Row:
    """A loose row: each cell's words laid out left to right from x, cells 60 pt apart."""
    out = []
    for text in cells:
        words = []
        for token in text.split():
            width = 7.0 * len(token)
            words.append(Word(token, x, y, x + width, y + size, size))
            x += width + 4
        out.append(Cell(page, [Line(page, words)]))
        x += 60
    return Row(page, out, ruled=False)


def view(*rows: Row) -> DocumentView:
    pages: dict[int, list[Row]] = {}
    for r in rows:
        pages.setdefault(r.page, []).append(r)
    return DocumentView.of([PageText(n, 595, 842, [], rs) for n, rs in sorted(pages.items())])


def test_agency_type_containing_จังหวัด_is_not_cut_at_the_province_word() -> None:
    v = view(row(100, "องค์การบริหารส่วนจังหวัดแพร่"), row(120, "จังหวัดแพร่"))
    read = fields.read_agency(v, SPEC)
    assert read is not None
    agency, _ = read
    assert agency.name == "องค์การบริหารส่วนจังหวัดแพร่"
    assert agency.agency_type == "องค์การบริหารส่วนจังหวัด"
    assert agency.province == "แพร่"


def test_sentence_starting_with_หน่วยงาน_is_no_agency_label() -> None:
    v = view(
        row(100, "หน่วยงานตนเอง และนำข้อมูลผลการประเมินไปปรับใช้"),
        row(130, "โรงพยาบาลพนมทวน อำเภอพนมทวน จังหวัดกาญจนบุรี"),
        row(160, "โรงพยาบาลพนมทวน"),
    )
    read = fields.read_agency(v, SPEC)
    assert read is not None
    assert read[0].name == "โรงพยาบาลพนมทวน"
    assert (read[0].district, read[0].province) == ("พนมทวน", "กาญจนบุรี")


def test_labelled_agency_in_its_own_cell_and_bangkok_without_จังหวัด() -> None:
    v = view(row(100, "ชื่อหน่วยงาน", "กรมประมง"), row(120, "ที่ตั้ง", "กรุงเทพมหานคร"))
    read = fields.read_agency(v, SPEC)
    assert read is not None
    assert (read[0].name, read[0].agency_type, read[0].district, read[0].province) == (
        "กรมประมง",
        "กรม",
        None,
        "กรุงเทพมหานคร",
    )


def test_score_at_the_start_of_a_line_is_not_a_list_marker() -> None:
    v = view(row(100, "87.13 คะแนน"), row(120, "A"))
    infos = [analyse_row(r, SPEC, frozenset()) for r in v.rows]
    [overall] = fields.overall_candidates(infos, SPEC)
    assert overall.value == Decimal("87.13")


def test_highest_and_lowest_scores_are_not_the_overall() -> None:
    v = view(row(100, "คะแนนสูงสุด 100.00 คะแนน คะแนนต่ำสุด 77.02 คะแนน"))
    infos = [analyse_row(r, SPEC, frozenset()) for r in v.rows]
    assert fields.overall_candidates(infos, SPEC) == []


def test_grade_band_table_is_not_the_grade() -> None:
    fw = load_framework(2565)
    v = view(
        row(100, "ระดับ AA", "95 - 100"),
        row(120, "ระดับ B", "75 - 84.99"),
        row(200, "คะแนน ITA", "87.13"),
        row(220, "ระดับผลการประเมิน", "A"),
    )
    grade = fields.read_grade(v, SPEC, fw, near=2)
    assert grade is not None and grade.label == "A"


def test_number_inside_an_item_question_is_not_its_score() -> None:
    # "E5 | ใน 1 ปีที่ผ่านมา … | 94.67": the 1 stands apart only by wide word spacing
    r = row(100, "E5", "ใน", "1", "ปีที่ผ่านมา ท่านเคยถูกเรียกรับเงิน", "94.67")
    info = analyse_row(view(r).rows[0], SPEC, frozenset({"E5"}))
    found = fields.item_candidates([info])
    assert [c.value for c in found["E5"]] == [Decimal("94.67")]


def test_ranked_table_rank_is_not_the_indicator_number() -> None:
    fw = load_framework(2565)
    v = view(row(100, "๑", "การป้องกันการทุจริต", "๑๐๐"), row(120, "๒", "การใช้อำนาจ", "๙๒.๙๘"))
    infos = [analyse_row(r, SPEC, frozenset(fw.items)) for r in v.rows]
    found, _ = fields.indicator_candidates(infos, IndicatorNames(fw))
    assert {n: [c.value for c in cs] for n, cs in found.items()} == {
        10: [Decimal(100)],
        3: [Decimal("92.98")],
    }


def test_continuation_line_starting_with_มาตรการ_stays_in_the_advice() -> None:
    v = view(
        row(100, "ข้อเสนอแนะ", size=15),
        row(120, "1. ผู้บริหารควรให้ความสำคัญกับการต่อต้านการทุจริต ทบทวนมาตรการป้องกันการทุจริตฯ"),
        row(138, "มาตรการป้องกันการทุจริต และสร้างความเชื่อมั่นในการร้องเรียน"),
        row(170, "ที่มา: ระบบ ITAS", size=12),
    )
    advice, _ = fields.read_advice(v, SPEC)
    assert len(advice) == 1
    assert advice[0].endswith("และสร้างความเชื่อมั่นในการร้องเรียน")


def test_clipped_fragment_at_the_foot_of_a_page_is_dropped() -> None:
    # Chromium draws one cluster of a line split by a page break at the foot of the page too
    v = view(
        row(700, "ข้อเสนอแนะ"),
        row(790, "ชี้"),
        row(60, "1. ตัวชี้วัดที่ 10 การป้องกันการทุจริต หน่วยงานควรดำเนินการ", page=2),
    )
    advice, _ = fields.read_advice(v, SPEC)
    assert advice == ["ตัวชี้วัดที่ 10 การป้องกันการทุจริต หน่วยงานควรดำเนินการ"]


def test_item_codes_in_every_spelling() -> None:
    spellings = {
        "O24": "O24", "O๒๔": "O24", "O 24": "O24", "O.24": "O24", "OIT 24": "O24",
        "0๒๔": "O24", "I๒๐": "I20", "E 10": "E10", "E.5": "E5",
    }  # fmt: skip
    codes = frozenset(spellings.values())
    for printed, code in spellings.items():
        info = analyse_row(view(row(100, printed, "ข้อความ", "มี")).rows[0], SPEC, codes)
        assert [h.value for h in info.codes] == [code], printed
    # a tool score or a decimal is no item code
    info = analyse_row(view(row(100, "OIT 91.67", "O24/30")).rows[0], SPEC, codes | {"O91"})
    assert info.codes == []
