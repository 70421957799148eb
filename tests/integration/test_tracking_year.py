"""A whole fiscal year (FY2566) of the seed agency's plan, walked day by day with the date as a
parameter: updates with evidence, postponement, a measure becoming overdue on exactly the right
Bangkok day, a late completion leaving the overdue list, reminders, quarterly numbers equal to
the events, the year-end summary and the carry-over into FY2567."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from measures_helpers import SEED_DOCS, SEED_NAME, build_warehouse, copy_warehouse

from ita.fiscal import bangkok_date, quarter_bounds, today_bangkok
from ita.tracking import Change, TransitionRefused, list_overdue
from warehouse import connect
from warehouse.plan import PlanError, carry_over_unfinished, find_agency, generate_measures
from warehouse.queries import run_query
from warehouse.tracking import (
    load_events,
    load_measures,
    moment_for,
    overdue_rows,
    quarterly_progress,
    record_change,
    resolve_evidence,
    send_reminders,
    year_end_summary,
)

UTC = UTC
BKK = ZoneInfo("Asia/Bangkok")
OFFICER = "นางสาวสมใจ (งานตรวจสอบภายใน)"


def bkk(y: int, m: int, d: int, hour: int = 10) -> datetime:
    return datetime(y, m, d, hour, tzinfo=BKK)


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("year-template"), SEED_DOCS)


@pytest.fixture(scope="module")
def walked(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:  # type: ignore[type-arg]
    """The warehouse after the whole year, plus what the walk recorded."""
    folder = tmp_path_factory.mktemp("year")
    con = connect(copy_warehouse(template_db, folder))
    agency = find_agency(con, SEED_NAME)
    report = generate_measures(con, agency, 2565, at=moment_for(date(2022, 9, 15)))
    ids = {m.indicator: m.measure_id for m in report.measures}
    log: list[tuple[str, int | None, datetime, str]] = []
    checks: dict[str, object] = {}

    def change(target: str, to: str, at: datetime, **kw: object) -> None:
        event = record_change(con, target, Change(to_status=to, event_at=at, actor=OFFICER, **kw))  # type: ignore[arg-type]
        log.append((event.measure_id, event.milestone_no, at, to))

    def overdue_ids(day: date) -> set[str]:
        measures, milestones = overdue_rows(con, as_of=day)
        return {r["measure_id"] for r in measures} | {r["milestone_id"] for r in milestones}

    def milestone(indicator: int, words: str, occurrence: str | None = None) -> str:
        rows = run_query(
            con,
            "measure_milestone_list",
            as_of=date(2022, 10, 1),
            agency_id=None,
            fiscal_year=None,
            measure_id=ids[indicator],
        ).dicts()
        found = [r for r in rows if words in r["text"] and r["occurrence"] == occurrence]
        assert len(found) == 1, (words, occurrence, [r["text"] for r in rows])
        return str(found[0]["milestone_id"])

    # Q1: everything starts on 3 October
    for n in (7, 8, 6, 9, 4):
        change(ids[n], "in_progress", bkk(2022, 10, 3))

    # indicator 4: the manual (due 31 Dec) is postponed to 31 Jan with a reason
    manual = milestone(4, "คู่มือมาตรฐานการปฏิบัติงาน")
    change(manual, "in_progress", bkk(2022, 12, 1))
    change(
        manual,
        "postponed",
        bkk(2022, 12, 20),
        reason="รอแบบฟอร์มคำร้องจากกองคลัง",
        new_due_date=date(2023, 1, 31),
    )
    checks["manual_2023-01-01"] = manual in overdue_ids(date(2023, 1, 1))
    checks["manual_2023-01-31"] = manual in overdue_ids(date(2023, 1, 31))
    checks["manual_2023-02-01"] = manual in overdue_ids(date(2023, 2, 1))
    change(manual, "in_progress", bkk(2023, 2, 2))
    proof = folder / "คู่มือการยืมทรัพย์สิน.pdf"
    proof.write_bytes(b"%PDF-1.4 manual for borrowing government property\n")
    evidence = resolve_evidence(str(proof), folder / "raw")
    checks["evidence"] = (evidence, hashlib.sha256(proof.read_bytes()).hexdigest())
    change(
        manual,
        "done",
        bkk(2023, 2, 10),
        note="เผยแพร่คู่มือบนเว็บไซต์แล้ว",
        evidence_sha256=evidence.sha256,
        evidence_file_name=evidence.file_name,
    )
    checks["manual_2023-02-10"] = manual in overdue_ids(date(2023, 2, 10))

    # indicator 7: the Q2 report to the executives, done at 17:30 UTC on 31 March = 1 April
    q2_report = milestone(7, "ให้ผู้บริหารรับทราบเป็นรายไตรมาส", "ไตรมาส 2")
    change(q2_report, "in_progress", bkk(2023, 3, 20))
    change(
        q2_report,
        "done",
        datetime(2023, 3, 31, 17, 30, tzinfo=UTC),
        evidence_url="https://takhram-en.go.th/ita/q2-report.pdf",
    )

    # indicator 9 (due 30 April): late; finished just after midnight on 10 May in Bangkok
    checks["ind9_by_instant"] = {
        instant: ids[9] in overdue_ids(bangkok_date(instant))
        for instant in (
            datetime(2023, 4, 30, 16, 59, tzinfo=UTC),  # 23:59 on 30 April in Bangkok
            datetime(2023, 4, 30, 17, 0, tzinfo=UTC),  # 00:00 on 1 May in Bangkok
        )
    }
    checks["ind9_days"] = {
        day: next(
            (
                r["days_overdue"]
                for r in overdue_rows(con, as_of=day)[0]
                if r["measure_id"] == ids[9]
            ),
            None,
        )
        for day in (date(2023, 4, 30), date(2023, 5, 1), date(2023, 5, 9), date(2023, 5, 10))
    }
    checks["reminders_first"] = send_reminders(con, date(2023, 5, 5), 14)
    checks["reminders_again"] = send_reminders(con, date(2023, 5, 5), 14)
    change(
        ids[9],
        "done",
        datetime(2023, 5, 9, 17, 30, tzinfo=UTC),  # 00:30 on 10 May in Bangkok
        note="เผยแพร่ O10 O11 O20 O24 O28 ครบแล้ว",
        evidence_url="https://takhram-en.go.th/ita/oit",
    )
    checks["ind9_after"] = {
        day: ids[9] in overdue_ids(day) for day in (date(2023, 5, 9), date(2023, 5, 10))
    }

    # indicator 7 is folded into indicator 6 in August; 6 and 4 finish in September
    change(ids[7], "cancelled", bkk(2023, 8, 1), reason="รวมกับมาตรการตัวชี้วัดที่ 6")
    change(ids[6], "done", bkk(2023, 9, 15), evidence_url="https://takhram-en.go.th/ita/manual")
    change(ids[4], "done", bkk(2023, 9, 29), evidence_url="https://takhram-en.go.th/ita/loans")
    try:
        change(ids[6], "in_progress", bkk(2023, 9, 20))
    except TransitionRefused as exc:
        checks["refused"] = exc
    # indicator 8 is still in progress when the year ends

    yield {"con": con, "ids": ids, "log": log, "checks": checks, "agency": agency}
    con.close()


def test_postponed_step_is_overdue_only_after_its_new_date(walked: dict) -> None:  # type: ignore[type-arg]
    checks = walked["checks"]
    assert checks["manual_2023-01-01"] is False  # postponed from 31 Dec to 31 Jan
    assert checks["manual_2023-01-31"] is False
    assert checks["manual_2023-02-01"] is True
    assert checks["manual_2023-02-10"] is False  # done that day


def test_evidence_files_are_kept_by_sha256(walked: dict) -> None:  # type: ignore[type-arg]
    evidence, digest = walked["checks"]["evidence"]
    assert evidence.sha256 == digest and evidence.url is None
    stored = (
        walked["con"]
        .execute(
            "SELECT evidence_sha256, evidence_file_name FROM measure_events "
            "WHERE evidence_sha256 IS NOT NULL"
        )
        .fetchall()
    )
    assert stored == [(digest, "คู่มือการยืมทรัพย์สิน.pdf")]


def test_a_measure_becomes_overdue_on_the_right_bangkok_day(walked: dict) -> None:  # type: ignore[type-arg]
    by_instant = list(walked["checks"]["ind9_by_instant"].values())
    assert by_instant == [False, True]  # 16:59 UTC is still 30 April in Bangkok; 17:00 is 1 May
    assert walked["checks"]["ind9_days"] == {
        date(2023, 4, 30): None,
        date(2023, 5, 1): 1,
        date(2023, 5, 9): 9,
        date(2023, 5, 10): 10,
    }


def test_a_late_completion_leaves_the_overdue_list(walked: dict) -> None:  # type: ignore[type-arg]
    assert walked["checks"]["ind9_after"] == {date(2023, 5, 9): True, date(2023, 5, 10): False}


def test_illegal_changes_are_refused_and_leave_no_event(walked: dict) -> None:  # type: ignore[type-arg]
    refused = walked["checks"]["refused"]
    assert "final status" in refused.message_en and "สถานะสุดท้าย" in refused.message_th
    count = walked["con"].execute("SELECT count(*) FROM measure_events").fetchone()[0]
    assert count == len(walked["log"]) + 5  # + the five generation events


def test_reminders_are_one_per_measure_per_day(walked: dict) -> None:  # type: ignore[type-arg]
    first, again = walked["checks"]["reminders_first"], walked["checks"]["reminders_again"]
    assert first and again == []
    assert len({r.measure_id for r in first}) == len(first)
    assert walked["ids"][9] in {r.measure_id for r in first if r.kind == "overdue"}
    rows = (
        walked["con"]
        .execute(
            "SELECT measure_id, count(*) FROM measure_reminders GROUP BY ALL HAVING count(*) > 1"
        )
        .fetchall()
    )
    assert rows == []


def test_sql_overdue_agrees_with_the_pure_rules_on_every_boundary_day(walked: dict) -> None:  # type: ignore[type-arg]
    """The SQL macros behind the views and `ita.tracking` give the same overdue list on every
    day where something changes: each due date, the day after, each event's Bangkok day and
    the day after, and the first days of the next year."""
    con = walked["con"]
    events = load_events(con)
    measures = load_measures(con, as_of=date(2023, 10, 7))
    days = {date(2022, 10, 1), date(2023, 10, 1), date(2023, 10, 2)}
    for m in measures:
        for due in (m.due_date, *(ms.due_date for ms in m.milestones)):
            days |= {due, due + timedelta(days=1)}
    for e in events:
        days |= {bangkok_date(e.event_at), bangkok_date(e.event_at) + timedelta(days=1)}
        if e.new_due_date:
            days |= {e.new_due_date, e.new_due_date + timedelta(days=1)}
    for day in sorted(days):
        pure = {i.target_id for i in list_overdue(measures, events, day)}
        sql_measures, sql_steps = overdue_rows(con, as_of=day)
        sql = {r["measure_id"] for r in sql_measures} | {r["milestone_id"] for r in sql_steps}
        assert pure == sql, day
    assert len(days) > 30


def test_the_views_use_today_in_bangkok(walked: dict) -> None:  # type: ignore[type-arg]
    con = walked["con"]
    for _ in range(2):  # retry once if the day changed between the two reads
        today = today_bangkok()
        view = con.execute("SELECT measure_id FROM v_overdue_measures ORDER BY 1").fetchall()
        query = [(r["measure_id"],) for r in overdue_rows(con, as_of=today)[0]]
        status = con.execute(
            "SELECT measure_id, status FROM v_measure_status ORDER BY 1"
        ).fetchall()
        if today == today_bangkok():
            break
    assert view == sorted(query)
    assert dict(status)[walked["ids"][6]] == "done"
    assert dict(status)[walked["ids"][8]] == "in_progress"


def test_quarterly_numbers_equal_the_events(walked: dict) -> None:  # type: ignore[type-arg]
    con, log = walked["con"], walked["log"]
    for quarter in (1, 2, 3, 4):
        first, last = quarter_bounds(2566, quarter)
        (report,) = quarterly_progress(con, 2566, quarter)
        inside = [(mid, no, to) for mid, no, at, to in log if first <= bangkok_date(at) <= last]
        measure_level = Counter(to for _, no, to in inside if no is None)
        assert report.started == measure_level["in_progress"]
        assert report.completed == measure_level["done"]
        assert report.cancelled == measure_level["cancelled"]
        assert report.postponed == measure_level["postponed"]
        assert report.milestones_completed == sum(1 for _, no, to in inside if no and to == "done")
        assert report.event_count == len(inside)
        sql = con.execute(
            "SELECT count(*) FROM v_measure_events WHERE event_day BETWEEN ? AND ? AND actor = ?",
            [first, last, OFFICER],
        ).fetchone()[0]
        assert report.event_count == sql
    q2 = quarterly_progress(con, 2566, 2)[0]
    q3 = quarterly_progress(con, 2566, 3)[0]
    # the Q2 report finished at 17:30 UTC on 31 March counts in Q3 (1 April in Bangkok)
    assert (q2.milestones_completed, q3.milestones_completed) == (1, 1)
    assert q3.completed == 1 and q3.completed_late == 1  # indicator 9, 10 days late
    assert q2.overdue_at_end == 0 and q3.overdue_at_end == 0


def test_year_end_summary_lists_problems_and_suggestions(walked: dict) -> None:  # type: ignore[type-arg]
    (summary,) = year_end_summary(walked["con"], 2566)
    assert summary.status_counts == {
        "planned": 0,
        "in_progress": 1,
        "done": 3,
        "postponed": 0,
        "cancelled": 1,
    }
    assert (summary.done_on_time, summary.done_late, summary.unfinished) == (2, 1, 1)
    late = next(o for o in summary.outcomes if o.measure_id == walked["ids"][9])
    assert late.days_late == 10 and late.completed_on == date(2023, 5, 10)
    problems = " ".join(summary.problems)
    assert "รวมกับมาตรการตัวชี้วัดที่ 6" in problems
    assert "แล้วเสร็จช้ากว่ากำหนด 10 วัน" in problems
    eight = next(o for o in summary.outcomes if o.measure_id == walked["ids"][8])
    assert eight.title in problems
    assert any(eight.title in s and "2567" in s for s in summary.suggestions)


def test_unfinished_work_carries_over_once_after_the_year_ends(walked: dict) -> None:  # type: ignore[type-arg]
    con, ids = walked["con"], walked["ids"]
    with pytest.raises(PlanError, match="runs until 2023-09-30"):
        carry_over_unfinished(con, 2566, at=bkk(2023, 9, 30, 23))
    assert {r["measure_id"] for r in overdue_rows(con, as_of=date(2023, 10, 1))[0]} == {ids[8]}
    carried = carry_over_unfinished(con, 2566, at=bkk(2023, 10, 1, 8))
    assert [pm.carried_from_measure_id for pm in carried] == [ids[8]]
    assert carry_over_unfinished(con, 2566, at=bkk(2023, 10, 2, 8)) == ()
    assert overdue_rows(con, as_of=date(2023, 10, 2))[0] == []
    row = con.execute(
        "SELECT fiscal_year, is_carried_over, kind, start_date, due_date FROM measures "
        "WHERE carried_from_measure_id = ?",
        [ids[8]],
    ).fetchone()
    assert row is not None
    assert row[:3] == (2567, True, "carried_over")
    assert date(2023, 10, 1) == row[3] <= row[4] <= date(2024, 9, 30)
