"""Glyphs in stream order → clusters → lines → words, on glyph streams laid out the way real
producers place Thai marks (the geometry that makes x-sorting tools scramble them)."""

from __future__ import annotations

from ita.pdf.lines import build_lines
from ita.pdf.model import Glyph

SIZE = 12.0


def stream(spec: list[tuple[str, float, float]], top: float = 100.0) -> list[Glyph]:
    """Glyphs from (text, x0, width) in stream order on one baseline."""
    return [
        Glyph(t, x, top, x + w, top + SIZE, SIZE, lost=(t == "" and w >= 0)) for t, x, w in spec
    ]


def naive_x_sort(glyphs: list[Glyph]) -> str:
    return "".join(g.text for g in sorted(glyphs, key=lambda g: g.x0))


def test_marks_left_of_their_letter_stay_with_it() -> None:
    # Real published document: x-sorting gives "ัตว ้ีชวัด ี่ท 1" for ตัวชี้วัดที่ 1 because
    # the producer draws each mark slightly left of its own letter's origin.
    glyphs = stream(
        [
            ("ต", 0, 8),
            ("ั", -1, 0),
            ("ว", 8, 8),
            ("ช", 16, 8),
            ("ี", 15, 0),
            ("้", 14.5, 0),
            ("ว", 24, 8),
            ("ั", 28, 0),
            ("ด", 32, 8),
            ("ท", 40, 8),
            ("ี", 39, 0),
            ("่", 39.5, 0),
            (" ", 48, 4),
            ("1", 52, 6),
        ]
    )
    assert naive_x_sort(glyphs) == "ัตว้ีชวัดี่ท 1"  # the reference defect, without its spaces
    [line] = build_lines(glyphs, page=1)
    assert line.text == "ตัวชี้วัดที่ 1"


def test_marks_right_of_the_next_letter_stay_with_theirs() -> None:
    # Chromium + TLWG: zero-width marks placed past the next letter's origin
    # (pdfplumber: "ตัวชีว้ ัดที ่"); in stream order they follow their own letter.
    glyphs = stream(
        [
            ("ต", 0, 8),
            ("ั", 7, 0),
            ("ว", 8, 8),
            ("ช", 16, 8),
            ("ี", 23, 0),
            ("้", 27, 0),
            ("ว", 24, 8),
            ("ั", 33, 0),
            ("ด", 32, 8),
            ("ท", 40, 8),
            ("ี", 47, 0),
            ("่", 52, 0),
        ]
    )
    [line] = build_lines(glyphs, page=1)
    assert line.text == "ตัวชี้วัดที่"
    assert len(line.words) == 1  # no space inside the word


def test_private_use_marks_attach_and_map_back() -> None:
    glyphs = stream([("ห", 0, 8), ("น", 8, 8), ("\uf70b", 15, 0), ("า", 16, 6)])
    [line] = build_lines(glyphs, page=1)
    assert line.text == "หน้า"


def test_mark_before_any_letter_waits_for_the_next_one() -> None:
    glyphs = stream([("ั", -1, 0), ("ต", 0, 8), ("ว", 8, 8)])
    [line] = build_lines(glyphs, page=1)
    assert line.text == "ตัว"


def test_mark_after_a_leading_vowel_belongs_to_the_consonant_after_it() -> None:
    glyphs = stream([("เ", 0, 5), ("่", 4, 0), ("ม", 5, 8), ("น", 13, 8)])
    [line] = build_lines(glyphs, page=1)
    assert line.text == "เม่น"


def test_fpdf2_sara_am_filler_is_no_loss_and_no_gap() -> None:
    # fpdf2 + HarfBuzz: ำ is drawn as a mapped nikhahit glyph plus an unmapped sara-aa half
    # with the width of า; the half must neither count as lost nor open a word gap.
    glyphs = stream([("ด", 0, 8), ("ำ", 8, 0), ("", 8, 6), ("เ", 14, 5), ("น", 19, 8)])
    glyphs[2].lost = False
    [line] = build_lines(glyphs, page=1)
    assert line.text == "ดำเน"
    assert line.words[0].lost == 0


def test_lost_glyph_counted_on_its_word() -> None:
    glyphs = stream([("ท", 0, 8), ("", 8, 0), ("่", 8, 0), ("า", 8, 6)])
    [line] = build_lines(glyphs, page=1)
    assert line.text == "ท่า"
    assert line.words[0].lost == 1


def test_words_split_at_gaps_and_spaces_lines_by_baseline() -> None:
    first = stream([("A", 0, 7), ("B", 7, 7), ("C", 40, 7)], top=100)
    second = stream([("1", 0, 6), (" ", 6, 3), ("2", 9, 6)], top=130)
    lines = build_lines(second + first, page=3)  # stream order need not be reading order
    assert [line.text for line in lines] == ["AB C", "1 2"]
    assert lines[0].page == 3
    assert lines[0].words[1].bbox == (40, 100, 47, 100 + SIZE)


def test_text_of_different_sizes_on_one_baseline_is_one_line() -> None:
    big = [Glyph("8", 0, 90, 10, 110, 20), Glyph("7", 10, 90, 20, 110, 20)]
    small = [Glyph(c, 40 + 6 * i, 96, 46 + 6 * i, 108, 12) for i, c in enumerate("คะแนน")]
    [line] = build_lines(big + small, page=1)
    assert line.text == "87 คะแนน"
