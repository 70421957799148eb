"""The measure template catalog, milestone offsets and the generated plan (pure)."""

from __future__ import annotations

import csv
import re
from datetime import UTC, date
from pathlib import Path

import pytest
from seed_case import SEED_INDICATORS, seed_record

import ita.samples
from ita.classify import Lines, classify_assessment
from ita.fiscal import fiscal_year_bounds
from ita.frameworks import known_years, load_framework
from ita.measures import (
    TemplateError,
    carry_over_measures,
    expand_due,
    generate_plan,
    load_catalog,
    measure_id_for,
)
from ita.measures.catalog import CATALOG_DIR, load_catalog_dir
from ita.measures.schedule import ScheduleError
from ita.record import AssessmentRecord
from ita.tracking import EventRecord, MeasureRecord, MilestoneRecord

CORPUS = Path(ita.samples.__file__).resolve().parent / "corpus"
SEED_NAMED_ITEMS = [
    "I20",
    "I23",
    "E1",
    "E2",
    "E3",
    "E4",
    "E7",
    "E8",
    "E10",
    "E11",
    "E12",
    "E14",
    "E15",
    "O10",
    "O11",
    "O20",
    "O24",
    "O28",
]


def seed_plan():  # type: ignore[no-untyped-def]
    c = classify_assessment(load_framework(2565), seed_record(), lines=Lines())
    return generate_plan(c, "agency-seed", assessment_id="a-seed")


# ---- offsets -------------------------------------------------------------------------------
def test_month_and_quarter_offsets_fall_on_the_last_day_inside_the_fiscal_year() -> None:
    assert [o.due_date for o in expand_due("M1", 2566)] == [date(2022, 10, 31)]
    assert [o.due_date for o in expand_due("M5", 2566)] == [date(2023, 2, 28)]
    assert [o.due_date for o in expand_due("M5", 2567)] == [date(2024, 2, 29)]  # leap year
    assert [o.due_date for o in expand_due("M12", 2566)] == [date(2023, 9, 30)]
    assert [o.due_date for o in expand_due("Q2", 2566)] == [date(2023, 3, 31)]
    assert [o.due_date for o in expand_due("year_end", 2566)] == [date(2023, 9, 30)]
    quarterly = expand_due("quarterly", 2566)
    assert [o.due_date for o in quarterly] == [
        date(2022, 12, 31),
        date(2023, 3, 31),
        date(2023, 6, 30),
        date(2023, 9, 30),
    ]
    assert quarterly[1].label == "ไตรมาส 2"
    monthly = expand_due("monthly", 2566)
    assert len(monthly) == 12 and monthly[0].label == "ต.ค. 2565"
    first, last = fiscal_year_bounds(2566)
    assert all(first <= o.due_date <= last for o in monthly)


@pytest.mark.parametrize("spec", ["M0", "M13", "Q5", "weekly", "", "m1"])
def test_unknown_offsets_are_refused(spec: str) -> None:
    with pytest.raises(ScheduleError):
        expand_due(spec, 2566)


# ---- the catalog -------------------------------------------------------------------------------
def test_catalog_covers_every_indicator_and_every_item_the_seed_names() -> None:
    catalog = load_catalog()
    assert sorted(catalog.indicators) == list(range(1, 11))
    for template in catalog.indicators.values():
        assert template.measure and template.owner and template.steps
        assert template.monitoring and template.evidence
    for code in SEED_NAMED_ITEMS:
        template = catalog.item_template(code, 2565)
        assert template is not None, code
        assert template.steps


def test_item_templates_mean_what_each_year_catalog_says() -> None:
    catalog = load_catalog()
    checked = 0
    for code, template in catalog.items.items():
        for fy in known_years():
            if not template.applies_to(fy):
                continue
            fw = load_framework(fy)
            assert code in fw.items, f"{code} is not in the FY{fy} catalog"
            assert template.expects in fw.items[code].text, f"{code} FY{fy}: {fw.items[code].text}"
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("fy", known_years())
def test_every_oit_item_of_every_year_gets_a_dated_step(fy: int) -> None:
    """A result where every OIT item is at 0: each becomes a step dated inside the next year."""
    fw = load_framework(fy)
    oit = [c for c, item in fw.items.items() if item.tool == "OIT"]
    record = seed_record({**SEED_INDICATORS, 9: "50.00", 10: "50.00"}, {code: "0" for code in oit})
    record.fiscal_year = fy
    record.grade = None
    c = classify_assessment(fw, record, lines=Lines())
    plan = generate_plan(c, "agency-x")
    first, last = fiscal_year_bounds(fy + 1)
    steps_for = {
        ms.item_code for m in plan.measures for ms in m.milestones if ms.item_code is not None
    }
    placed = {c for c in oit if fw.items[c].indicator in (9, 10)}
    assert placed <= steps_for
    for m in plan.measures:
        assert all(first <= ms.due_date <= last for ms in m.milestones)
        assert all("{" not in ms.text for ms in m.milestones)


def test_a_malformed_catalog_is_refused_with_the_file_and_entry(tmp_path: Path) -> None:
    for name in ("indicators.yaml", "items.yaml", "oit_rules.yaml"):
        (tmp_path / name).write_text((CATALOG_DIR / name).read_text("utf-8"), "utf-8")
    items = tmp_path / "items.yaml"
    items.write_text(items.read_text("utf-8").replace("due: M2", "due: M14", 1), "utf-8")
    with pytest.raises(TemplateError, match=r"items.yaml: I20.*M14"):
        load_catalog_dir(tmp_path)


# ---- the plan for the seed agency ----------------------------------------------------------
def test_seed_plan_covers_the_issues_of_the_seed_measures_table() -> None:
    plan = seed_plan()
    assert (plan.fiscal_year, plan.source_fiscal_year) == (2566, 2565)
    # the seed's table: (1) IIT indicator 4, (2) OIT indicator 9, (3) EIT indicators 6, 7, 8
    assert [m.indicator for m in plan.measures] == [7, 8, 6, 9, 4]
    by_indicator = {m.indicator: m for m in plan.measures}
    assert by_indicator[9].item_codes == ("O10", "O11", "O20", "O24", "O28")
    assert by_indicator[4].item_codes == ("I20", "I23")
    assert "77.02" in by_indicator[7].issue and "ตัวชี้วัดที่ 7" in by_indicator[7].issue


def test_seed_plan_has_the_seed_steps() -> None:
    steps = {m.indicator: " ".join(t for _, t, _ in m.steps) for m in seed_plan().measures}
    # the seed's steps for indicator 4: manual, request form, loan register, statistics,
    # quarterly report to the executives, year-end report with problems and suggestions
    for words in ("คู่มือมาตรฐานการปฏิบัติงาน", "แบบฟอร์ม", "สมุดคุมการยืม", "สถิติการยืม"):
        assert words in steps[4]
    assert "รายไตรมาส" in steps[4] and "ปัญหาอุปสรรค และข้อเสนอแนะ" in steps[4]
    # indicator 9: study the NACC manual, then each missing publication
    assert "คู่มือที่สำนักงาน ป.ป.ช." in steps[9]
    assert "แผนดำเนินงานประจำปี พ.ศ. 2566" in steps[9]  # O10 for the plan year
    assert "รายงานผลการใช้จ่ายงบประมาณประจำปี พ.ศ. 2565" in steps[9]  # O20 of the result year
    # EIT: manual for citizens, E-Service, complaint channels online
    assert "คู่มือสำหรับประชาชน" in steps[6]
    assert "E-Service" in steps[8]
    assert "ช่องทางการร้องเรียน" in steps[7]


def test_seed_plan_is_dated_inside_fiscal_year_2566() -> None:
    first, last = date(2022, 10, 1), date(2023, 9, 30)
    for m in seed_plan().measures:
        assert m.start_date == first
        assert first <= m.due_date <= last
        assert m.due_date == max(ms.due_date for ms in m.milestones)
        assert all(first <= ms.due_date <= last for ms in m.milestones)
        assert m.owner and m.monitoring and m.evidence_expected and m.title
    o11 = next(ms for m in seed_plan().measures for ms in m.milestones if ms.item_code == "O11")
    assert o11.due_date == date(2023, 4, 30)  # the 6-month report (Oct–Mar) in April


def test_plan_ids_are_deterministic_and_readable() -> None:
    a, b = seed_plan(), seed_plan()
    assert [m.measure_id for m in a.measures] == [m.measure_id for m in b.measures]
    assert all(re.fullmatch(r"M2566-i\d\d-[0-9a-f]{8}", m.measure_id) for m in a.measures)
    assert measure_id_for("agency-seed", 2566, "indicator.7", 7) == a.measures[0].measure_id
    assert measure_id_for("other", 2566, "indicator.7", 7) != a.measures[0].measure_id


def test_an_agency_with_nothing_below_the_line_still_gets_a_plan_for_its_lowest() -> None:
    indicators = {n: "95.00" for n in range(1, 11)} | {5: "88.50"}
    c = classify_assessment(load_framework(2565), seed_record(indicators, {}), lines=Lines())
    plan = generate_plan(c, "agency-good")
    assert [(m.indicator, m.kind) for m in plan.measures] == [(5, "maintain")]


def corpus_records() -> list[AssessmentRecord]:
    """The golden records of the sample documents that are expected to load."""
    with open(CORPUS / "manifest.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["expected"] == "loaded"]
    paths = [(CORPUS / r["file"]).with_suffix(".json") for r in rows]
    return [AssessmentRecord.read_truth(p) for p in paths if p.is_file()]


def test_every_sample_agency_gets_a_complete_plan_inside_the_right_fiscal_year() -> None:
    records = corpus_records()
    assert len(records) > 50
    for record in records:
        fw = load_framework(record.fiscal_year)
        c = classify_assessment(fw, record, lines=Lines())
        plan = generate_plan(c, record.agency.name)
        first, last = fiscal_year_bounds(record.fiscal_year + 1)
        assert plan.measures, record.agency.name
        assert {m.indicator for m in plan.measures if m.kind == "improve"} == {
            r.number for r in c.to_improve
        }
        for m in plan.measures:
            assert m.fiscal_year == record.fiscal_year + 1
            assert first == m.start_date <= m.due_date <= last
            assert m.title and m.owner and m.monitoring and m.evidence_expected and m.milestones
            for ms in m.milestones:
                assert first <= ms.due_date <= last and ms.text and ms.owner
            weak = {w.code for w in c.indicator(m.indicator).weak_items}  # type: ignore[arg-type]
            assert set(m.item_codes) == weak


# ---- carry-over ---------------------------------------------------------------------------
def _record(measure_id: str, due: date, milestones: tuple[MilestoneRecord, ...]) -> MeasureRecord:
    return MeasureRecord(
        measure_id=measure_id,
        agency_id="agency-seed",
        agency_name="อบต.ตะคร้ำเอน",
        fiscal_year=2566,
        issue_key="indicator.7",
        indicator=7,
        issue="ตัวชี้วัดที่ 7",
        title="เพิ่มประสิทธิภาพการสื่อสาร",
        owner="ทุกกอง",
        start_date=date(2022, 10, 1),
        due_date=due,
        monitoring=("ติดตามรายเดือน",),
        evidence_expected=("ลิงก์",),
        milestones=milestones,
    )


def _event(eid: int, mid: str, no: int | None, day: date, status: str) -> EventRecord:
    from datetime import datetime

    return EventRecord(
        eid, mid, no, datetime(day.year, day.month, day.day, 5, tzinfo=UTC), "x", None, status
    )


def test_unfinished_measures_carry_over_with_their_open_steps_redated() -> None:
    steps = (
        MilestoneRecord(1, 1, "คู่มือ", None, "ทุกกอง", "Q1", date(2022, 12, 31)),
        MilestoneRecord(2, 2, "รายงาน", None, "ทุกกอง", "quarterly", date(2022, 12, 31), "ไตรมาส 1"),
        MilestoneRecord(3, 2, "รายงาน", None, "ทุกกอง", "quarterly", date(2023, 3, 31), "ไตรมาส 2"),
        MilestoneRecord(4, 3, "ปรับวันเอง", None, "ทุกกอง", None, date(2023, 2, 15)),
    )
    open_one = _record("M-open", date(2023, 9, 30), steps)
    done_one = _record("M-done", date(2023, 9, 30), steps)
    events = [
        _event(1, "M-open", None, date(2022, 10, 3), "in_progress"),
        _event(2, "M-open", 1, date(2022, 12, 20), "in_progress"),
        _event(3, "M-open", 1, date(2022, 12, 21), "done"),
        _event(4, "M-done", None, date(2022, 10, 3), "in_progress"),
        _event(5, "M-done", None, date(2023, 9, 1), "done"),
    ]
    carried = carry_over_measures([open_one, done_one], events, 2566)
    assert len(carried) == 1
    new = carried[0]
    assert new.is_carried_over and new.carried_from_measure_id == "M-open"
    assert new.fiscal_year == 2567 and new.kind == "carried_over"
    assert new.start_date == date(2023, 10, 1)
    assert [(ms.milestone_no, ms.step_no, ms.due_date) for ms in new.milestones] == [
        (1, 1, date(2023, 12, 31)),  # quarterly Q1 again
        (2, 1, date(2024, 3, 31)),  # quarterly Q2 again
        (3, 2, date(2024, 2, 15)),  # dated by hand: same day, a year later
    ]
    assert new.due_date == date(2024, 3, 31)
    assert new.measure_id.startswith("M2567-i07c-")


def test_a_measure_already_carried_over_is_not_carried_again() -> None:
    from dataclasses import replace

    m = replace(_record("M-open", date(2023, 9, 30), ()), carried_into_measure_id="M2567-x")
    assert carry_over_measures([m], [], 2566) == ()
