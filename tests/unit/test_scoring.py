"""The assessment's arithmetic on the real catalog: the seed's FY2565 numbers, the FY2564
sub-indicator evidence of ita-framework.md §2.3, and check_record's findings."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from ita.frameworks import load_framework, load_framework_file
from ita.frameworks.loader import CATALOG_DIR
from ita.record import Agency, AssessmentRecord
from ita.scoring import (
    ScoringError,
    check_record,
    compute_indicator_from_items,
    compute_overall,
    compute_sub_indicators,
    compute_tool_scores,
    derive_scores,
    round2,
    unweight_tool_score,
)

D = Decimal
SEED_INDICATORS = dict(
    zip(
        range(1, 11),
        map(
            D,
            [
                "92.69",
                "87.13",
                "92.98",
                "84.11",
                "89.48",
                "81.13",
                "77.02",
                "78.62",
                "83.33",
                "100.00",
            ],
        ),
        strict=True,
    )
)


def _record(fy: int = 2565, **kw: object) -> AssessmentRecord:
    base: dict[str, object] = {
        "kind": "itas_result",
        "fiscal_year": fy,
        "agency": Agency("องค์การบริหารส่วนตำบลตะคร้ำเอน", "องค์การบริหารส่วนตำบล"),
        "score": D("87.13"),
        "grade": "A",
        "indicators": dict(SEED_INDICATORS),
    }
    base.update(kw)
    return AssessmentRecord(**base)  # type: ignore[arg-type]


def _all_oit_passed(fy: int, failed: tuple[str, ...] = ()) -> dict[str, Decimal]:
    fw = load_framework(fy)
    return {c: D(0) if c in failed else D(100) for c in fw.item_codes("OIT")}


# ---- rounding and the overall ------------------------------------------------------------------
def test_round2_is_half_up() -> None:
    assert round2(D("87.1264")) == D("87.13")
    assert round2(D("91.665")) == D("91.67")  # banker's rounding would give 91.66
    assert round2(D("0.005")) == D("0.01")
    assert str(round2(100)) == "100.00"


def test_seed_indicators_recompute_87_13_and_grade_a() -> None:
    fw = load_framework(2565)
    assert compute_overall(fw, SEED_INDICATORS) == D("87.13")
    exact = compute_tool_scores(fw, SEED_INDICATORS, exact=True)
    assert exact["IIT"] == D("89.278")
    assert round2(exact["EIT"]) == D("78.92") and exact["OIT"] == D("91.665")
    assert compute_tool_scores(fw, SEED_INDICATORS) == {
        "IIT": D("89.28"),
        "EIT": D("78.92"),
        "OIT": D("91.67"),
    }
    assert fw.grade_for(compute_overall(fw, SEED_INDICATORS)) == "A"


def test_overall_is_not_the_plain_mean_of_ten_indicators() -> None:
    plain = round2(sum(SEED_INDICATORS.values()) / 10)
    assert plain == D("86.65")
    assert compute_overall(load_framework(2565), SEED_INDICATORS) != plain


def test_overall_needs_all_ten_indicators() -> None:
    partial = {n: v for n, v in SEED_INDICATORS.items() if n != 7}
    with pytest.raises(ScoringError, match=r"\[7\] missing"):
        compute_overall(load_framework(2565), partial)
    assert set(compute_tool_scores(load_framework(2565), partial)) == {"IIT", "OIT"}


def test_weights_come_from_the_catalog(tmp_path: Path) -> None:
    doc = {
        "extends": "fy2564",
        "fiscal_year": 2565,
        "tools": {"IIT": {"weight": "0.20"}, "OIT": {"weight": "0.50"}},
    }
    (tmp_path / "fy2564.yaml").write_bytes((CATALOG_DIR / "fy2564.yaml").read_bytes())
    (tmp_path / "fy2565.yaml").write_text(yaml.safe_dump(doc), "utf-8")
    fw = load_framework_file(tmp_path / "fy2565.yaml")
    # 0.2·89.278 + 0.3·78.92333 + 0.5·91.665 = 87.3651
    assert compute_overall(fw, SEED_INDICATORS) == D("87.37")


def test_unweight_tool_score() -> None:
    fw = load_framework(2564)
    assert unweight_tool_score(fw, "OIT", D("38.70")) == D("96.75")
    assert round2(unweight_tool_score(fw, "IIT", D("26.78"))) == D("89.27")


# ---- items → indicators -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("failed", "indicator", "expected"),
    [
        (("O1",), 9, "97.78"),
        (("O10",), 9, "97.50"),
        (("O18",), 9, "97.14"),
        (("O25",), 9, "95.00"),
        (("O29",), 9, "96.00"),
        (("O34",), 10, "93.75"),
        (("O34", "O35"), 10, "87.50"),
        (("O34", "O42"), 10, "68.75"),
        (("O10", "O25"), 9, "92.50"),  # −2.5 −5 on the mean of five
        ((), 9, "100.00"),
    ],
)
def test_fy2564_oit_indicator_is_the_mean_of_sub_indicators(
    failed: tuple[str, ...], indicator: int, expected: str
) -> None:
    fw = load_framework(2564)
    items = _all_oit_passed(2564, failed)
    assert compute_indicator_from_items(fw, indicator, items) == D(expected)


@pytest.mark.parametrize(
    ("failed", "expected"),
    [
        (("O10", "O29"), "93.50"),  # −12.5 (9.2) −20 (9.5), each over five sub-indicators
        (("O1", "O29"), "93.78"),  # −11.11 −20
        (("O10", "O25"), "92.50"),  # −12.5 −25
        (("O10", "O18"), "94.64"),  # −12.5 −14.29
    ],
)
def test_fy2564_phichit_combinations_from_section_2_3(
    failed: tuple[str, ...], expected: str
) -> None:
    fw = load_framework(2564)
    assert compute_indicator_from_items(fw, 9, _all_oit_passed(2564, failed)) == D(expected)


def test_sub_indicators_are_percent_passed_and_not_a_plain_item_mean() -> None:
    fw = load_framework(2564)
    items = _all_oit_passed(2564, ("O1", "O2"))
    assert compute_sub_indicators(fw, 9, items) == {
        "9.1": D("77.78"),
        "9.2": D("100.00"),
        "9.3": D("100.00"),
        "9.4": D("100.00"),
        "9.5": D("100.00"),
    }
    # a plain mean over the 33 items of indicator 9 would give 93.94, not 95.56
    assert compute_indicator_from_items(fw, 9, items) == D("95.56")


def test_seed_o_failures_give_84_29_not_the_printed_83_33() -> None:
    fw = load_framework(2565)
    items = _all_oit_passed(2565, ("O10", "O11", "O20", "O24", "O28"))
    assert compute_indicator_from_items(fw, 9, items) == D("84.29")


def test_perception_indicator_is_the_mean_of_its_items() -> None:
    fw = load_framework(2565)
    items = {"E11": D("76.68"), "E12": D("77.51"), "E13": D("85.19"), "E14": D("75.83")}
    items["E15"] = D("77.89")
    assert compute_indicator_from_items(fw, 8, items) == D("78.62")  # the seed's indicator 8
    del items["E13"]
    with pytest.raises(ScoringError, match="E13 missing"):
        compute_indicator_from_items(fw, 8, items)


def test_o_item_values_other_than_0_or_100_are_refused() -> None:
    items = _all_oit_passed(2565) | {"O5": D("50")}
    with pytest.raises(ScoringError, match="O5 = 50"):
        compute_indicator_from_items(load_framework(2565), 9, items)


def test_partial_year_cannot_compute_incomplete_indicator() -> None:
    with pytest.raises(ScoringError, match="not all known"):
        compute_indicator_from_items(load_framework(2568), 10, _all_oit_passed(2568))
    assert compute_indicator_from_items(load_framework(2568), 9, _all_oit_passed(2568)) == 100


def test_derive_scores_is_self_consistent() -> None:
    fw = load_framework(2566)
    items = {c: D("90.00") for c in fw.item_codes("IIT")}
    items |= {c: D("80.00") for c in fw.item_codes("EIT")}
    items |= _all_oit_passed(2566, ("O11",))
    derived = derive_scores(fw, items)
    assert derived.indicators[1] == D("90.00") and derived.indicators[6] == D("80.00")
    assert derived.indicators[9] == D("97.50") and derived.indicators[10] == D("100.00")
    # 0.3·90 + 0.3·80 + 0.4·98.75
    assert derived.score == D("90.50")
    assert derived.grade == "ผ่าน"  # EIT 80 < 85
    record = _record(
        2566,
        score=derived.score,
        grade=derived.grade,
        indicators=derived.indicators,
        tool_scores=derived.tool_scores,
        items=items,
    )
    assert check_record(fw, record) == []


# ---- check_record ------------------------------------------------------------------------------
def test_seed_record_passes_all_checks() -> None:
    fw = load_framework(2565)
    tools = {"IIT": D("89.28"), "EIT": D("78.92"), "OIT": D("91.67")}
    assert check_record(fw, _record(tool_scores=tools)) == []


def test_wrong_overall_is_an_error_quoting_both_numbers() -> None:
    findings = check_record(load_framework(2565), _record(score=D("90.13")))
    overall = [f for f in findings if f.check == "overall_mismatch"]
    assert len(overall) == 1
    assert overall[0].severity == "error" and overall[0].field == "score"
    assert "printed 90.13, computed 87.13" in overall[0].detail_en
    assert "พิมพ์ไว้ 90.13 คำนวณได้ 87.13" in overall[0].detail_th


def test_overall_within_tolerance_is_accepted() -> None:
    assert check_record(load_framework(2565), _record(score=D("87.15"))) == []
    assert check_record(load_framework(2565), _record(score=D("87.16")))


def test_overall_mismatch_in_fy2566_is_refused_although_weights_are_only_assumed() -> None:
    """A 2566 document whose total did not add up loaded and superseded a good result
    (issue: corpus defect-overall-2566). 2566's weights are unconfirmed but enforced."""
    fw = load_framework(2566)
    assert not fw.scoring.overall.confirmed and fw.scoring.overall.enforce
    [finding] = check_record(fw, _record(2566, score=D("90.13"), grade=None))
    assert finding.severity == "error" and "assumed" in finding.detail_en
    assert "printed 90.13, computed 87.13" in finding.detail_en


def test_unenforced_unconfirmed_overall_rule_gives_a_warning(tmp_path: Path) -> None:
    data = yaml.safe_load((CATALOG_DIR / "fy2566.yaml").read_text("utf-8"))
    del data["scoring"]["overall"]["enforce"]
    (tmp_path / "fy2564.yaml").write_bytes((CATALOG_DIR / "fy2564.yaml").read_bytes())
    path = tmp_path / "fy2566.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    fw = load_framework_file(path)
    [finding] = check_record(fw, _record(2566, score=D("90.13"), grade=None))
    assert finding.severity == "warning" and "not confirmed" in finding.detail_en


def test_grade_not_matching_the_band_is_an_error() -> None:
    findings = check_record(load_framework(2565), _record(grade="AA"))
    assert [(f.check, f.severity) for f in findings] == [("grade_mismatch", "error")]
    assert "'AA'" in findings[0].detail_en and "'A'" in findings[0].detail_en


def test_rating_label_checked_with_tool_scores() -> None:
    fw = load_framework(2566)
    ind = {n: D("96.00") for n in range(1, 11)} | {6: D("91.00"), 7: D("91.00"), 8: D("91.00")}
    score = compute_overall(fw, ind)  # 0.3·96 + 0.3·91 + 0.4·96 = 94.50
    ok = _record(2566, score=score, grade="ผ่านดี", indicators=ind)
    assert check_record(fw, ok) == []
    [bad] = check_record(fw, _record(2566, score=score, grade="ผ่านดีเยี่ยม", indicators=ind))
    assert bad.check == "grade_mismatch" and bad.severity == "warning"


def test_weighted_tool_scores_are_recognised() -> None:
    fw = load_framework(2564)
    tools = {"IIT": D("26.78"), "EIT": D("23.68"), "OIT": D("36.67")}  # of 30/30/40
    findings = check_record(fw, _record(2564, tool_scores=tools))
    assert {f.check for f in findings} == {"tool_score_weighted"}
    assert all(f.severity == "warning" for f in findings)
    oit = next(f for f in findings if f.field == "tool.OIT")
    assert "on 0–100 it is 91.68" in oit.detail_en


def test_wrong_tool_score_is_a_mismatch() -> None:
    tools = {"IIT": D("89.28"), "EIT": D("81.00"), "OIT": D("91.67")}
    [finding] = check_record(load_framework(2565), _record(tool_scores=tools))
    assert finding.check == "tool_score_mismatch" and finding.field == "tool.EIT"
    assert "printed 81.00, computed 78.92" in finding.detail_en


def test_perception_indicator_vs_items_is_a_warning() -> None:
    items = {"E11": D("76.68"), "E12": D("77.51"), "E13": D("95.19"), "E14": D("75.83")}
    items["E15"] = D("77.89")
    [finding] = check_record(load_framework(2565), _record(items=items))
    assert (finding.check, finding.severity, finding.field) == (
        "indicator_items_mismatch",
        "warning",
        "indicator.8",
    )
    assert "printed 78.62, computed 80.62" in finding.detail_en


def test_fy2565_indicator_9_vs_o_items_is_only_a_warning() -> None:
    items = _all_oit_passed(2565, ("O10", "O11", "O20", "O24", "O28"))
    [finding] = check_record(load_framework(2565), _record(items=items))
    assert (finding.check, finding.severity) == ("oit_indicator_mismatch", "warning")
    assert "printed 83.33, computed 84.29" in finding.detail_en
    assert "9.2 = 75.00" in finding.detail_en


def test_oit_rule_confirmed_in_the_catalog_makes_it_an_error(tmp_path: Path) -> None:
    confirmed = {"confirmed": True, "source": "test: confirmed"}
    subs = {f"9.{i}": confirmed for i in range(1, 6)}
    doc = {
        "extends": "fy2564",
        "fiscal_year": 2565,
        "scoring": {"oit_indicator": confirmed, "oit_sub_indicator": confirmed},
        "indicators": {9: {"sub_indicators": subs}},
    }
    (tmp_path / "fy2564.yaml").write_bytes((CATALOG_DIR / "fy2564.yaml").read_bytes())
    (tmp_path / "fy2565.yaml").write_text(yaml.safe_dump(doc), "utf-8")
    fw = load_framework_file(tmp_path / "fy2565.yaml")
    items = _all_oit_passed(2565, ("O10", "O11", "O20", "O24", "O28"))
    [finding] = check_record(fw, _record(items=items))
    assert (finding.check, finding.severity) == ("oit_indicator_mismatch", "error")


def test_record_of_another_year_is_refused() -> None:
    [finding] = check_record(load_framework(2564), _record(2565))
    assert finding.check == "framework_year"
