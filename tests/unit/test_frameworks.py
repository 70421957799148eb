"""The framework catalog: the real YAML files, loaded and validated by the real loader."""

from __future__ import annotations

import pickle
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from ita.frameworks import CatalogError, known_years, load_framework, load_framework_file
from ita.frameworks.loader import CATALOG_DIR

D = Decimal


# ---- the shipped catalog ---------------------------------------------------------------------
def test_catalog_covers_fiscal_years_2562_to_2568() -> None:
    assert known_years() == (2562, 2563, 2564, 2565, 2566, 2567, 2568)


@pytest.mark.parametrize("fy", range(2562, 2569))
def test_every_year_has_ten_indicators_in_three_tools_weighted_to_one(fy: int) -> None:
    fw = load_framework(fy)
    assert fw.fiscal_year == fy
    assert sorted(fw.indicators) == list(range(1, 11))
    assert sum(t.weight for t in fw.tools.values()) == 1
    assert {n: fw.indicators[n].tool for n in (1, 5, 6, 8, 9, 10)} == {
        1: "IIT",
        5: "IIT",
        6: "EIT",
        8: "EIT",
        9: "OIT",
        10: "OIT",
    }
    for item in fw.items.values():
        assert item.code[0] == item.tool[0]
        assert fw.indicators[item.indicator].tool == item.tool


def test_fy2565_has_three_tools_weighted_30_30_40() -> None:
    fw = load_framework(2565)
    assert {c: t.weight for c, t in fw.tools.items()} == {
        "IIT": D("0.30"),
        "EIT": D("0.30"),
        "OIT": D("0.40"),
    }
    assert fw.tools["IIT"].indicators == (1, 2, 3, 4, 5)
    assert fw.tools["EIT"].indicators == (6, 7, 8)
    assert fw.tools["OIT"].indicators == (9, 10)
    assert fw.is_confirmed("weights")


def test_fy2565_item_codes_cover_i1_i30_e1_e15_o1_o43() -> None:
    fw = load_framework(2565)
    assert fw.item_codes("IIT") == tuple(f"I{n}" for n in range(1, 31))
    assert fw.item_codes("EIT") == tuple(f"E{n}" for n in range(1, 16))
    assert fw.item_codes("OIT") == tuple(f"O{n}" for n in range(1, 44))
    assert [i.code for i in fw.items_of(4)] == ["I19", "I20", "I21", "I22", "I23", "I24"]


def test_fy2565_sub_indicator_sizes_are_9_8_7_4_5_and_8_2() -> None:
    fw = load_framework(2565)
    sizes = [len(s.items) for n in (9, 10) for s in fw.indicators[n].sub_indicators]
    assert sizes == [9, 8, 7, 4, 5, 8, 2]
    assert fw.items["O24"].sub_indicator == "9.3"
    assert fw.items["O42"].sub_indicator == "10.2"
    assert fw.sub_indicator("9.4").name == "การบริหารและพัฒนาทรัพยากรบุคคล"


def test_indicator_name_variants_used_by_the_seed_resolve() -> None:
    fw = load_framework(2565)
    names = fw.indicator_names()
    assert names["การใช้ทรัพย์สินของราชการ"] == 4
    assert names["การใช้ทรัพย์สินของทางราชการ"] == 4
    assert names["การปรับปรุงระบบการทำงาน"] == 8
    assert names["การปรับปรุงการทำงาน"] == 8
    assert fw.find_indicator("ประสิทธิภาพด้านการสื่อสาร") == 7
    assert fw.find_indicator("ประสิทธิภาพ การสื่อสาร") == 7  # spacing as extracted
    assert fw.find_indicator("การบริหารงานบุคคล") is None


def test_items_carry_scale_and_reverse_flags() -> None:
    fw = load_framework(2564)
    assert (fw.items["I4"].scale, fw.items["I4"].reverse) == ("yes_no", True)
    assert (fw.items["I16"].scale, fw.items["I16"].reverse) == ("four_level", True)
    assert (fw.items["I20"].scale, fw.items["I20"].reverse) == ("four_level", False)
    assert fw.items["I11"].reversed_parts == (2,)
    assert fw.items["O1"].scale == "published"


def test_confirmation_follows_the_reference_tags_per_year() -> None:
    fy64, fy65 = load_framework(2564), load_framework(2565)
    assert fy64.is_confirmed("item.I1")  # C-sec: 2564 IIT form
    assert not fy65.is_confirmed("item.I1")  # M: assumed identical in 2565
    assert fy65.is_confirmed("item.I20")  # C-seed
    assert fy65.is_confirmed("item.E10") and not fy65.is_confirmed("item.E13")
    assert not fy64.is_confirmed("item.E10")
    assert fy65.is_confirmed("item.O24") and not fy64.is_confirmed("item.O24")
    assert fy65.items["O34"].text.startswith("นโยบายไม่รับของขวัญ")
    assert fy64.items["O34"].text == "เจตจำนงสุจริตของผู้บริหาร"
    # the seed's indicator 9 cannot be reproduced from its O-failures: stays unconfirmed
    assert not fy65.is_confirmed("scoring.oit_indicator")
    assert fy65.is_confirmed("scoring.overall")
    assert not load_framework(2566).is_confirmed("weights")
    assert load_framework(2567).is_confirmed("weights")


def test_fy2566_uses_the_revised_oit_list() -> None:
    fw = load_framework(2566)
    assert fw.items["O10"].text == "นโยบายคุ้มครองข้อมูลส่วนบุคคล"
    assert fw.sub_indicator("9.1").items == tuple(f"O{n}" for n in range(1, 11))
    assert fw.items["O39"].sub_indicator == "10.2"
    assert fw.complete


def test_partial_years_are_marked_incomplete() -> None:
    fy67, fy68 = load_framework(2567), load_framework(2568)
    assert not fy67.complete and not fy68.complete
    assert not fy67.indicators[10].items_complete
    assert fy68.indicators[9].items_complete and not fy68.indicators[10].items_complete
    assert fy68.item_codes("OIT") == tuple(f"O{n}" for n in range(1, 27))
    assert [s.code for s in fy68.indicators[9].sub_indicators][-1] == "9.6"
    assert len(fy67.item_codes("IIT")) == 30


# ---- grading ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("100", "AA"),
        ("95.00", "AA"),
        ("94.99", "A"),
        ("87.13", "A"),
        ("85.00", "A"),
        ("84.99", "B"),
        ("75", "B"),
        ("74.99", "C"),
        ("55", "D"),
        ("50", "E"),
        ("49.99", "F"),
        ("0", "F"),
    ],
)
def test_letter_grades_up_to_2565(score: str, grade: str) -> None:
    assert load_framework(2565).grade_for(D(score)) == grade


def test_rating_95_81_with_one_tool_below_95_is_pass_good() -> None:
    fw = load_framework(2566)
    tools = {"IIT": D("97.20"), "EIT": D("91.10"), "OIT": D("98.00")}
    assert fw.grade_for(D("95.81"), tools) == "ผ่านดี"
    assert fw.grade_for(D("95.81"), dict.fromkeys(tools, D("96"))) == "ผ่านดีเยี่ยม"


def test_rating_94_64_with_eit_below_85_is_only_pass() -> None:
    fw = load_framework(2568)
    assert fw.grade_for(D("94.64"), {"IIT": D("99"), "EIT": D("84.50"), "OIT": D("99")}) == "ผ่าน"


def test_rating_below_85_needs_improvement_and_labels_need_tool_scores() -> None:
    fw = load_framework(2567)
    assert fw.grade_for(D("84.99")) == "ต้องปรับปรุง"
    assert fw.grade_for(D("69.99")) == "ต้องปรับปรุงโดยด่วน"
    with pytest.raises(ValueError, match="IIT/EIT/OIT"):
        fw.grade_for(D("91.15"))
    assert set(fw.possible_grades(D("91.15"))) == {"ผ่านดี", "ผ่าน"}
    assert not fw.is_confirmed("band.ผ่านดี")


# ---- the loader refuses bad files --------------------------------------------------------------
def _child(tmp_path: Path, doc: dict[str, Any], name: str = "fy2565.yaml") -> Path:
    """A catalog file beside a copy of the real fy2564.yaml base."""
    shutil.copy(CATALOG_DIR / "fy2564.yaml", tmp_path / "fy2564.yaml")
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    return path


def _real(name: str) -> dict[str, Any]:
    return yaml.safe_load((CATALOG_DIR / name).read_text("utf-8"))


def test_catalog_with_unknown_indicator_is_rejected_naming_the_file(tmp_path: Path) -> None:
    doc = _real("fy2565.yaml")
    doc["indicators"][11] = {"name": "ตัวชี้วัดที่ไม่มีจริง", "confirmed": False, "source": "M"}
    with pytest.raises(CatalogError, match=r"^fy2565\.yaml: .*unknown indicator.*11"):
        load_framework_file(_child(tmp_path, doc))


def test_tool_claiming_an_unknown_indicator_is_rejected(tmp_path: Path) -> None:
    doc = {"extends": "fy2564", "fiscal_year": 2565, "tools": {"OIT": {"indicators": [9, 10, 11]}}}
    with pytest.raises(CatalogError, match=r"fy2565\.yaml: tools\.OIT: unknown indicator 11"):
        load_framework_file(_child(tmp_path, doc))


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"tools": {"OIT": {"weight": "0.35"}}}, "weights sum to 0.95"),
        (
            {"tools": {"EIT": {"indicators": [5, 6, 7, 8]}}},
            "indicator 5 belongs to both IIT and EIT",
        ),
        ({"tools": {"IIT": {"colour": "red"}}}, r"tools\.IIT: unknown key\(s\) colour"),
        ({"indicators": {4: {"items": "I19-I23"}}}, "I24 belong to no indicator"),
        ({"indicators": {4: {"items": "I19-I25"}}}, "I25 is already placed"),
        ({"indicators": {4: {"items": "I19-I31"}}}, "I31 is not defined"),
        ({"indicators": {4: {"items": "E1-E2"}}}, "E1 is a EIT item"),
        (
            {
                "indicators": {
                    9: {
                        "sub_indicators": {
                            "9.6": {"name": "x", "items": "O1", "confirmed": False, "source": "M"}
                        }
                    }
                }
            },
            "O1 is already placed",
        ),
        (
            {
                "indicators": {
                    9: {
                        "sub_indicators": {
                            "10.3": {"name": "x", "items": "O1", "confirmed": False, "source": "M"}
                        }
                    }
                }
            },
            "malformed sub-indicator code '10.3'",
        ),
        ({"items": {"IIT": {"codes": {"I0x": {"text": "x"}}}}}, "malformed item code 'I0x'"),
        ({"items": {"IIT": {"codes": {"E99": {"text": "x"}}}}}, "E99 does not belong to IIT"),
        ({"items": {"EIT": {"codes": {"E1": {"scale": "five_level"}}}}}, "unknown scale"),
        ({"scoring": {"overall": {"rule": "plain_mean"}}}, "unknown rule 'plain_mean'"),
        (
            {
                "grading": {
                    "bands": [
                        {"label": "A", "min": 50, "max": 100},
                        {"label": "F", "min": 0, "max": 49.90},
                    ]
                }
            },
            "gap between bands F",
        ),
        (
            {
                "grading": {
                    "bands": [
                        {"label": "A", "min": 50, "max": 100},
                        {"label": "F", "min": 0, "max": 50},
                    ]
                }
            },
            "bands F and A overlap",
        ),
        ({"grading": {"bands": [{"label": "A", "min": 50, "max": 100}]}}, "not 0–100"),
        ({"fiscal_year": 2566}, "does not match the file name"),
    ],
)
def test_malformed_catalogs_are_rejected_with_the_fault(
    tmp_path: Path, override: dict[str, Any], message: str
) -> None:
    doc = {"extends": "fy2564", "fiscal_year": 2565, **override}
    with pytest.raises(CatalogError, match=rf"fy2565\.yaml: .*{message}"):
        load_framework_file(_child(tmp_path, doc))


def test_a_year_file_overrides_only_what_differs(tmp_path: Path) -> None:
    doc = {
        "extends": "fy2564",
        "fiscal_year": 2565,
        "items": {"EIT": {"codes": {"E13": {"confirmed": True, "source": "C-seed test"}}}},
    }
    fw = load_framework_file(_child(tmp_path, doc))
    base = load_framework(2564)
    assert fw.items["E13"].confirmed and fw.items["E13"].text == base.items["E13"].text
    assert fw.items["E12"] == base.items["E12"]
    assert fw.grading == base.grading


def test_circular_and_missing_extends_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "fy2564.yaml").write_text("extends: fy2565\nfiscal_year: 2564\n", "utf-8")
    (tmp_path / "fy2565.yaml").write_text("extends: fy2564\nfiscal_year: 2565\n", "utf-8")
    with pytest.raises(CatalogError, match="circular extends"):
        load_framework_file(tmp_path / "fy2565.yaml")
    (tmp_path / "fy2566.yaml").write_text("extends: fy2500\nfiscal_year: 2566\n", "utf-8")
    with pytest.raises(CatalogError, match=r"fy2566\.yaml: extends 'fy2500', which does not exist"):
        load_framework_file(tmp_path / "fy2566.yaml")


def test_broken_yaml_and_unknown_year_are_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "fy2565.yaml").write_text("tools: [unclosed\n", "utf-8")
    with pytest.raises(CatalogError, match=r"fy2565\.yaml: not valid YAML"):
        load_framework_file(tmp_path / "fy2565.yaml")
    with pytest.raises(CatalogError, match="no catalog for fiscal year 2599"):
        load_framework(2599)


def test_cached_catalog_is_read_only() -> None:
    fw = load_framework(2565)
    assert load_framework(2565) is fw
    with pytest.raises(TypeError):
        fw.items["I99"] = fw.items["I1"]  # type: ignore[index]
    assert len({fw, load_framework(2564)}) == 2  # hashable, usable as a cache key


def test_catalog_pickles_for_process_pools() -> None:
    fw = load_framework(2566)
    copy = pickle.loads(pickle.dumps(fw))
    assert copy.items == fw.items and copy.grading == fw.grading
    assert copy.find_indicator("การปรับปรุงการทำงาน") == 8
    assert copy.grade_for(D("86.78"), {"IIT": D("80"), "EIT": D("90"), "OIT": D("90")}) == "ผ่าน"
