"""Joining wrapped lines: a space where a space-breaking producer wrapped, none where a
run-breaking producer cut inside a Thai run (ita/pdf/paragraphs.py)."""

from __future__ import annotations

from ita.pdf.model import Line, Word
from ita.pdf.paragraphs import breaks_inside_runs, could_continue, join_wrapped

SIZE = 14.0
RIGHT = 540.0


def line(y: float, *chunks: tuple[str, float, float]) -> Line:
    return Line(1, [Word(t, x0, y, x1, y + SIZE, SIZE) for t, x0, x1 in chunks])


# fpdf2 breaks only at spaces: a long space-free run moves whole to the next line.
SPACE_BREAKER = [
    line(100, ("ตัวชี้วัดที่", 60, 110), ("4", 114, 120), ("การใช้ทรัพย์สินของราชการ", 124, 280)),
    line(118, ("หน่วยงานควรจัดทำแนวปฏิบัติและขั้นตอนการขออนุญาต", 60, 400)),
    line(136, ("และเผยแพร่ให้บุคลากรถือปฏิบัติ", 60, 250)),
]
# Chromium/LibreOffice also break inside Thai runs: lines end close to the margin.
RUN_BREAKER = [
    line(100, ("ผู้บริหารควรให้ความสำคัญกับการต่อต้านการ", 60, 532)),
    line(118, ("ทุจริต", 60, 92), ("ทบทวนมาตรการป้องกันการทุจริต", 96, 290)),
]


def test_space_breaking_producer_is_recognised_and_gets_its_spaces_back() -> None:
    assert breaks_inside_runs([(SPACE_BREAKER, RIGHT)]) is False
    text = join_wrapped(SPACE_BREAKER, RIGHT, inside_runs=False)
    assert (
        text
        == "ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ หน่วยงานควรจัดทำแนวปฏิบัติและขั้นตอนการขออนุญาต และเผยแพร่ให้บุคลากรถือปฏิบัติ"
    )


def test_run_breaking_producer_joins_without_space() -> None:
    assert breaks_inside_runs([(RUN_BREAKER, RIGHT)]) is True
    assert join_wrapped(RUN_BREAKER, RIGHT, inside_runs=True) == (
        "ผู้บริหารควรให้ความสำคัญกับการต่อต้านการทุจริต ทบทวนมาตรการป้องกันการทุจริต"
    )


def test_a_chunk_that_would_have_fitted_proves_a_break_inside_a_run() -> None:
    lines = [line(100, ("องค์", 60, 500)), line(118, ("ประกอบ", 60, 90), ("ที่กำหนด", 94, 140))]
    assert breaks_inside_runs([(lines, RIGHT)]) is True
    assert join_wrapped(lines, RIGHT, inside_runs=False) == "องค์ประกอบ ที่กำหนด"


def test_a_run_longer_than_the_line_cut_at_the_margin_gets_no_space() -> None:
    # fpdf2 cuts an over-long run where the line is full, even inside a syllable ("ชัดเ|จน")
    lines = [line(100, ("หน่วยงานควรจัดทำแนวปฏิบัติให้ชัดเ", 60, 539)), line(118, ("จน", 60, 75))]
    assert join_wrapped(lines, RIGHT, inside_runs=False) == "หน่วยงานควรจัดทำแนวปฏิบัติให้ชัดเจน"


def test_latin_or_digits_at_a_wrap_always_get_a_space() -> None:
    lines = [line(100, ("โดยเฉพาะข้อ", 60, 150), ("O11", 154, 175)), line(118, ("O13", 60, 80))]
    assert join_wrapped(lines, RIGHT, inside_runs=True) == "โดยเฉพาะข้อ O11 O13"


def test_heading_that_would_fit_is_no_continuation() -> None:
    end = line(100, ("และสร้างความเชื่อมั่นในการร้องเรียน", 60, 300))
    assert not could_continue(end, line(118, ("มาตรการ", 60, 110)), RIGHT)
    full = line(100, ("ผู้บริหารควรให้ความสำคัญกับการต่อต้านการทุจริต", 60, 530))
    assert could_continue(full, line(118, ("มาตรการป้องกันการทุจริต", 60, 200)), RIGHT)
