"""Tolerant indicator-name matching against the year's catalog (ita/sources/names.py)."""

from __future__ import annotations

import pytest

from ita.frameworks import load_framework
from ita.sources.names import IndicatorNames, skeleton


@pytest.fixture(scope="module")
def names() -> IndicatorNames:
    return IndicatorNames(load_framework(2565))


@pytest.mark.parametrize(
    ("printed", "number"),
    [
        ("การปฏิบัติหน้าที่", 1),
        ("การแก้ไขปัญหาคาการทุจริต", 5),  # the seed's typo
        ("การใช้ทรัพย์สินของทางราชการ", 4),  # catalog alias
        ("ประสิทธิภาพด้านการสื่อสาร", 7),
        ("การปรับปรุงการทำงาน", 8),
        ("การปรบปรงระบบการทางาน", 8),  # marks and sara am lost (WeasyPrint-like)
        ("ประสิทธิ ภาพการส่ือสาร", 7),  # space inside, marks swapped
        ("การเปิดเผยข้อมลู", 9),
        ("การป้องกันการทุจริต", 10),
    ],
)
def test_damaged_names_match(names: IndicatorNames, printed: str, number: int) -> None:
    match = names.match(printed)
    assert match is not None and match.number == number


@pytest.mark.parametrize(
    "printed",
    ["แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)", "ที่มา: ระบบ ITAS", "การทุจริต", ""],
)
def test_other_labels_do_not_match(names: IndicatorNames, printed: str) -> None:
    assert names.match(printed) is None


def test_prefix_match_in_prose(names: IndicatorNames) -> None:
    match = names.match_prefix(" ประสิทธิภาพการสื่อสาร ได้เท่ากับร้อยละ ")
    assert match is not None and match.number == 7


def test_skeleton_ignores_marks_spaces_digits_and_doubled_sara_e() -> None:
    assert skeleton("คะเเนน ๘๗.๑๓") == skeleton("คะแนน") == "คะแนน"
    assert skeleton("ดําเนิน") == skeleton("ดำเนิน")
