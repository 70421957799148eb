"""Agency name identity: one agency across spellings is one key; different agencies differ."""

from __future__ import annotations

import pytest

from ita.agency import (
    agency_key,
    normalize_agency_name,
    place_key,
    repair_marks,
    split_agency_type,
)
from ita.record import Agency
from schemas.ids import agency_id_for, agency_name_key

SAME_AGENCY = [
    ("อบต.ตะคร้ำเอน", "องค์การบริหารส่วนตำบลตะคร้ำเอน"),
    ("อบต. ตะคร้ำเอน", "องค์การบริหารส่วนตำบล ตะคร้ำเอน"),
    ("องค์กรบริหารส่วนตำบลตะคร้ำเอน", "องค์การบริหารส่วนตำบลตะคร้ำเอน"),  # common misspelling
    ("ทต.บ้านแพ้ว", "เทศบาลตำบลบ้านแพ้ว"),
    ("ทม.ยโสธร", "เทศบาลเมืองยโสธร"),
    ("ทน.หาดใหญ่", "เทศบาลนครหาดใหญ่"),
    ("รพ.พนมทวน", "โรงพยาบาลพนมทวน"),
    ("รพ.สต.บ้านหนอง", "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหนอง"),
    ("อบจ.กาญจนบุรี", "องค์การบริหารส่วนจังหวัดกาญจนบุรี"),
    # extraction damage
    ("ทต.บ้านเเพ้ว", "เทศบาลตำบลบ้านแพ้ว"),  # เเ typed for แ
    ("องค์การบริหารส่วนตําบลตะคร้ําเอน", "องค์การบริหารส่วนตำบลตะคร้ำเอน"),  # ํ + า for ำ
    ("องค์การบริหารส่วนตำบลตะครำเอน", "องค์การบริหารส่วนตำบลตะคร้ำเอน"),  # tone mark lost
    ("องคการบรหารสวนตำบลตะคร้ำเอน", "องค์การบริหารส่วนตำบลตะคร้ำเอน"),  # several marks lost
    ("องค์การ\u200bบริหารส่วนตำบล  ตะคร้ำเอน", "องค์การบริหารส่วนตำบลตะคร้ำเอน"),  # ZWSP, spaces
    ("เทศบาลตำบลบ้าน ๑", "เทศบาลตำบลบ้าน 1"),  # Thai digits
]


@pytest.mark.parametrize(("printed", "canonical"), SAME_AGENCY)
def test_spellings_of_one_agency_share_a_key(printed: str, canonical: str) -> None:
    assert agency_key(printed) == agency_key(canonical)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("องค์การบริหารส่วนตำบลตะคร้ำเอน", "องค์การบริหารส่วนตำบลหนองหญ้า"),
        ("เทศบาลตำบลท่าเรือ", "เทศบาลเมืองท่าเรือ"),  # same place, different type
        ("ทต.ท่าเรือ", "ทม.ท่าเรือ"),
        ("โรงพยาบาลพนมทวน", "โรงพยาบาลส่งเสริมสุขภาพตำบลพนมทวน"),
    ],
)
def test_different_agencies_have_different_keys(a: str, b: str) -> None:
    assert agency_key(a) != agency_key(b)


def test_display_name_expands_the_type_and_keeps_marks() -> None:
    assert normalize_agency_name("อบต. ตะคร้ำเอน") == "องค์การบริหารส่วนตำบลตะคร้ำเอน"
    assert normalize_agency_name("ทต.บ้านเเพ้ว") == "เทศบาลตำบลบ้านแพ้ว"


def test_abbreviation_inside_a_word_is_not_expanded() -> None:
    # "ทน." only counts as เทศบาลนคร at the start of the name or after a space
    assert normalize_agency_name("สำนักงานทน.x") == "สำนักงานทน.x"


def test_repair_marks_fixes_only_unambiguous_damage() -> None:
    assert repair_marks("ตํา  บล\u200b") == "ตำ บล"
    assert repair_marks("แพ้ว") == "แพ้ว"


@pytest.mark.parametrize(
    ("name", "kind", "rest"),
    [
        ("อบต.ตะคร้ำเอน", "องค์การบริหารส่วนตำบล", "ตะคร้ำเอน"),
        ("รพ.สต.บ้านหนอง", "โรงพยาบาลส่งเสริมสุขภาพตำบล", "บ้านหนอง"),
        ("กรมส่งเสริมการเกษตร", None, "กรมส่งเสริมการเกษตร"),
    ],
)
def test_split_agency_type(name: str, kind: str | None, rest: str) -> None:
    assert split_agency_type(name) == (kind, rest)


def test_place_key_ignores_the_province_prefix() -> None:
    keys = {place_key(p) for p in ("จังหวัดกาญจนบุรี", "จ.กาญจนบุรี", "กาญจนบุรี", " กาญจนบุรี ")}
    assert len(keys) == 1
    assert place_key(None) == ""


def test_name_without_its_type_uses_the_declared_type() -> None:
    short = Agency("ตะคร้ำเอน", "องค์การบริหารส่วนตำบล", "ท่ามะกา", "กาญจนบุรี")
    full = Agency("องค์การบริหารส่วนตำบลตะคร้ำเอน", None, None, "จังหวัดกาญจนบุรี")
    assert agency_name_key(short) == agency_name_key(full)
    assert agency_id_for(agency_name_key(short), short.province) == agency_id_for(
        agency_name_key(full), full.province
    )


def test_same_name_in_two_provinces_is_two_agencies() -> None:
    key = agency_key("องค์การบริหารส่วนตำบลบ้านใหม่")
    assert agency_id_for(key, "เชียงใหม่") != agency_id_for(key, "นครราชสีมา")
