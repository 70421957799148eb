"""The framework catalog: real YAML files loaded and validated by the real loader."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from ita.frameworks import CatalogError, known_years, load_framework, load_framework_file
from ita.frameworks.loader import CATALOG_DIR

D = Decimal


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


def test_fy2565_item_codes_cover_i1_i30_e1_e15_o1_o43() -> None:
    fw = load_framework(2565)
    assert fw.item_codes("IIT") == tuple(f"I{n}" for n in range(1, 31))
    assert fw.item_codes("EIT") == tuple(f"E{n}" for n in range(1, 16))
    assert fw.item_codes("OIT") == tuple(f"O{n}" for n in range(1, 44))


def test_fy2565_sub_indicator_sizes_are_9_8_7_4_5_and_8_2() -> None:
    fw = load_framework(2565)
    sizes = [len(s.items) for n in (9, 10) for s in fw.indicators[n].sub_indicators]
    assert sizes == [9, 8, 7, 4, 5, 8, 2]
    assert fw.items["O24"].sub_indicator == "9.3"
    assert fw.items["O42"].sub_indicator == "10.2"


def _write(tmp_path: Path, name: str, doc: dict) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    return path


def _fy2565_doc() -> dict:
    return yaml.safe_load((CATALOG_DIR / "fy2565.yaml").read_text("utf-8"))


def test_catalog_with_unknown_indicator_is_rejected_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "fy2564.yaml").write_text((CATALOG_DIR / "fy2564.yaml").read_text("utf-8"))
    doc = _fy2565_doc()
    doc["indicators"][11] = {"name": "ตัวชี้วัดที่ไม่มีจริง", "confirmed": False, "source": "M"}
    path = _write(tmp_path, "fy2565.yaml", doc)
    with pytest.raises(CatalogError, match=r"fy2565\.yaml.*unknown indicator.*11"):
        load_framework_file(path)


def test_known_years_include_2565() -> None:
    assert 2565 in known_years()
