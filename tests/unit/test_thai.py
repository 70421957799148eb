"""Each Thai repair rule on the defect strings real producers write
(/work/shared/reference/thai-pdf-extraction.md and the fixtures in tests/fixtures/extract)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita.thai import arabic_digits, repair_thai

SARA_AM = "\u0e33"


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        # private-use tone marks (Chromium + TLWG Laksaman, stream order)
        ("ผลการประเมินคุณธรรมและความโปร\uf70aงใส", "ผลการประเมินคุณธรรมและความโปร่งใส"),
        ("องค\uf70eการบริหารส\uf70aวนตำบล", "องค์การบริหารส่วนตำบล"),
        ("การปฏิบัติหน\uf70bาที่", "การปฏิบัติหน้าที่"),
        ("\uf700าน \uf70fี่ปุ่น", "ฐาน ญี่ปุ่น"),
    ],
)
def test_private_use_glyphs_map_back(damaged: str, expected: str) -> None:
    assert repair_thai(damaged) == expected


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("ดําเนินงาน", "ดำเนินงาน"),  # nikhahit + sara aa (reference, real documents)
        ("ประจําปีงบประมาณ", "ประจำปีงบประมาณ"),
        ("ดำาเนินงาน", "ดำเนินงาน"),  # LibreOffice: sara am + sara aa
        ("ประจำาปี", "ประจำปี"),
        ("ดำ(cid:25)เนินงาน", "ดำเนินงาน"),  # fpdf2: an unmapped sara-aa half
        ("ดำ\x19เนินงาน", "ดำเนินงาน"),  # pypdfium2 on fpdf2 output: U+0019
        ("ต˸าบล", "ตำบล"),  # pypdfium2 on WeasyPrint + Sarabun: U+02F8 for nikhahit
        ("ตะคร˺าเอน", "ตะคร้ำเอน"),  # … and U+02FA for mai tho + nikhahit
        ("ตะครํ้า", "ตะคร้ำ"),  # nikhahit, tone, sara aa: the tone goes before sara am
        ("ค่ำคำ่", "ค่ำค่ำ"),  # a tone written after sara am moves before it
    ],
)
def test_sara_am_is_rebuilt(damaged: str, expected: str) -> None:
    assert repair_thai(damaged) == expected


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("ประสิทธิภาพการส่ือสาร", "ประสิทธิภาพการสื่อสาร"),  # tone typed before the vowel
        ("ที ่", "ที่"),  # a space never precedes a mark
        ("ป้ั", "ปั้"),
        ("ที่่", "ที่"),  # a mark repeated in one cluster
    ],
)
def test_marks_ordered_inside_a_cluster(damaged: str, expected: str) -> None:
    assert repair_thai(damaged) == expected


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [("คะเเนน", "คะแนน"), ("เเบบวัด", "แบบวัด"), ("การเปิดเผยข้อมูล", "การเปิดเผยข้อมูล")],
)
def test_double_sara_e_is_sara_ae(damaged: str, expected: str) -> None:
    assert repair_thai(damaged) == expected


def test_reference_line_in_stream_order_is_already_right() -> None:
    # The x-sorted defect "ตัวชีว้ ัดที ่ ๗ ประสิทธิภาพการส่ือสาร 77.02" cannot be undone from the
    # string; the PDF layer keeps stream order (tests/unit/test_pdf_lines.py). In stream order
    # the same line only needs nothing.
    line = "ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร 77.02"
    assert repair_thai(line) == line


def test_latin_and_digits_untouched() -> None:
    assert repair_thai("ITA 87.13 (IIT) O24") == "ITA 87.13 (IIT) O24"


def test_never_nfkc() -> None:
    out = repair_thai("ดำเนินงาน ๘๗.๑๓")
    assert SARA_AM in out  # NFKC would split ำ into ํ + า
    assert unicodedata.normalize("NFKC", out) != out
    assert "๘๗.๑๓" in out  # Thai digits stay Thai in text


thai_text = st.lists(
    st.sampled_from(
        [
            *"กขคงจชซดตทนบปผพมยรลวสหอฮะัาำิีึืุูเแโใไ่้๊๋็์ํ ๐๑๒๓",
            *("\uf70a", "\uf70b", "\uf70e", "\u02f8", "\x19", "(cid:25)"),
        ]
    ),
    max_size=40,
).map("".join)


@given(thai_text)
def test_repair_is_idempotent(text: str) -> None:
    once = repair_thai(text)
    assert repair_thai(once) == once


@given(thai_text)
def test_repair_keeps_every_consonant_in_order(text: str) -> None:
    def consonants(s: str) -> list[str]:
        return [c for c in s if "\u0e01" <= c <= "\u0e2e"]

    assert consonants(repair_thai(text)) == consonants(text)


def test_arabic_digits_only_on_request() -> None:
    assert arabic_digits("๘๗.๑๓") == "87.13"
    assert arabic_digits("พ.ศ. ๒๕๖๕") == "พ.ศ. 2565"
