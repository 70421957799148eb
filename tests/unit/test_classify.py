"""ita.classify on the seed report's own numbers: agree with the seed where it is right, be
right where it contradicts itself."""

from __future__ import annotations

from decimal import Decimal

import pytest
from seed_case import SEED_INDICATORS, seed_record

from ita.classify import Lines, PeerAverages, PreviousResult, classify_assessment
from ita.frameworks import load_framework

FW = load_framework(2565)


def test_seed_strengths_weaknesses_and_most_urgent_agree_with_the_seed() -> None:
    c = classify_assessment(FW, seed_record(), lines=Lines())
    # §3.1: 8 indicators above 80, ranked as the seed ranks them; §3.2: 2 below 80
    assert c.strengths == (10, 3, 1, 5, 2, 4, 9, 6)
    assert c.weaknesses == (8, 7)
    # §4: the most urgent is ตัวชี้วัดที่ 7 at 77.02 (the seed's summary also says 75.99: wrong)
    assert c.most_urgent == 7
    assert c.indicator(7).name == "ประสิทธิภาพการสื่อสาร"
    assert c.indicator(7).score == Decimal("77.02")
    assert c.most_urgent_tied == (7,)
    assert "77.02" in c.most_urgent_note_th and "ประสิทธิภาพการสื่อสาร" in c.most_urgent_note_th


def test_seed_has_five_indicators_to_improve_not_four() -> None:
    c = classify_assessment(FW, seed_record(), lines=Lines())
    # §5 says "จำนวน ๔ ตัวชี้วัด" but lists 4, 9, 6, 7 and 8: five are below 85
    assert sorted(r.number for r in c.to_improve) == [4, 6, 7, 8, 9]
    assert [r.number for r in c.to_improve] == [7, 8, 6, 9, 4]  # most urgent first


def test_seed_weak_items_are_those_the_seed_lists() -> None:
    c = classify_assessment(FW, seed_record(), lines=Lines())
    weak = {r.number: [w.code for w in r.weak_items] for r in c.to_improve}
    assert weak == {
        4: ["I20", "I23"],
        6: ["E1", "E2", "E3", "E4"],
        7: ["E7", "E8", "E10"],
        8: ["E11", "E12", "E14", "E15"],
        9: ["O10", "O11", "O20", "O24", "O28"],
    }
    o24 = next(w for w in c.indicator(9).weak_items if w.code == "O24")
    assert o24.reason == "not_published" and o24.sub_indicator == "9.3"
    assert "จัดซื้อจัดจ้าง" in o24.text
    assert c.indicator(4).weak_items[0].reason == "below_line"


def test_seed_grade_and_pass_line() -> None:
    c = classify_assessment(FW, seed_record(), lines=Lines())
    assert (c.grade, c.printed_grade, c.grade_agrees, c.passed) == ("A", "A", True, True)


def test_item_exactly_on_the_line_is_not_weak_and_oit_at_100_is_not_weak() -> None:
    items = {"I20": "85.00", "I23": "84.99", "O10": "100", "O11": "0"}
    c = classify_assessment(FW, seed_record(items=items), lines=Lines())
    assert [w.code for w in c.indicator(4).weak_items] == ["I23"]
    assert [w.code for w in c.indicator(9).weak_items] == ["O11"]


def test_scores_on_the_lines_belong_to_neither_side() -> None:
    indicators = {**SEED_INDICATORS, 3: "80.00", 5: "85.00"}
    c = classify_assessment(FW, seed_record(indicators), lines=Lines())
    assert c.indicator(3).category == "neither"
    assert c.indicator(3).to_improve  # 80 < 85
    assert not c.indicator(5).to_improve  # 85 is not below 85


def test_tie_for_lowest_is_explained_and_broken_by_weight() -> None:
    # indicator 9 (OIT, 20 % of the total) ties indicator 7 (EIT, 10 %) at the lowest score
    indicators = {**SEED_INDICATORS, 9: "77.02"}
    c = classify_assessment(FW, seed_record(indicators), lines=Lines())
    assert c.most_urgent_tied == (9, 7)
    assert c.most_urgent == 9
    assert c.indicator(9).is_most_urgent and not c.indicator(7).is_most_urgent
    assert "20" in c.most_urgent_note_en and "10" in c.most_urgent_note_en
    assert "ตัวชี้วัดที่ 7" in c.most_urgent_note_th  # the other tied indicator is named


def test_tie_of_equal_weight_takes_the_lower_number() -> None:
    indicators = {**SEED_INDICATORS, 6: "77.02"}
    c = classify_assessment(FW, seed_record(indicators), lines=Lines())
    assert c.most_urgent_tied == (6, 7)
    assert c.most_urgent == 6
    assert "lower indicator number" in c.most_urgent_note_en


def test_lines_come_from_the_arguments() -> None:
    strict = Lines(
        strength_above=Decimal(90),
        weakness_below=Decimal(85),
        improve_below=Decimal(90),
        pass_line=Decimal(90),
    )
    c = classify_assessment(FW, seed_record(), lines=strict)
    assert c.strengths == (10, 3, 1)
    assert c.passed is False
    assert 5 in [r.number for r in c.to_improve]  # 89.48 < 90
    assert c.lines == strict


def test_lines_default_to_the_settings() -> None:
    lines = Lines.from_settings()
    assert (lines.strength_above, lines.weakness_below, lines.improve_below, lines.pass_line) == (
        Decimal(80),
        Decimal(80),
        Decimal(85),
        Decimal(85),
    )


def test_change_against_the_previous_year_and_peer_context() -> None:
    previous = PreviousResult(2564, Decimal("83.29"), {7: Decimal("70.00"), 9: Decimal("90.00")})
    peers = PeerAverages("กาญจนบุรี", "องค์การบริหารส่วนตำบล", 3, Decimal("80.10"), {7: Decimal("80")})
    c = classify_assessment(FW, seed_record(), previous=previous, peers=peers, lines=Lines())
    assert c.score_change == Decimal("3.84")
    assert c.indicator(7).change == Decimal("7.02")
    assert c.indicator(9).change == Decimal("-6.67")
    assert c.indicator(1).change is None
    assert c.indicator(7).vs_peers == Decimal("-2.98")
    assert c.peers is peers


def test_refuses_a_record_of_another_year_or_with_missing_indicators() -> None:
    with pytest.raises(ValueError, match="FY2565"):
        classify_assessment(load_framework(2564), seed_record(), lines=Lines())
    indicators = {n: v for n, v in SEED_INDICATORS.items() if n != 10}
    with pytest.raises(ValueError, match=r"\[10\]"):
        classify_assessment(FW, seed_record(indicators), lines=Lines())


def test_rating_score_years_label_by_tool_scores() -> None:
    fw = load_framework(2566)
    record = seed_record()
    record.fiscal_year = 2566
    record.grade = None
    record.tool_scores = {"IIT": Decimal("89.28"), "EIT": Decimal("78.92"), "OIT": Decimal("91.67")}
    c = classify_assessment(fw, record, lines=Lines())
    assert c.grade == fw.grade_for(Decimal("87.13"), record.tool_scores)
    assert c.grade != "A"  # 2566 labels are ผ่าน / ผ่านดี / …
