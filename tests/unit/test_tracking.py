"""ita.tracking: the state machine, Bangkok days, daily lists, reminders and summaries (pure;
the date is always a parameter)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita.tracking import (
    CLOSED,
    STATUSES,
    TRANSITIONS,
    Change,
    EventRecord,
    MeasureRecord,
    MilestoneRecord,
    TransitionRefused,
    check_change,
    list_due_soon,
    list_overdue,
    parse_target_id,
    plan_reminders,
    status_of,
    summarize_quarter,
    summarize_year,
    target_id,
)

UTC = UTC
BKK = ZoneInfo("Asia/Bangkok")
T0 = datetime(2022, 10, 3, 9, 0, tzinfo=BKK)
DUE = date(2023, 3, 31)


def change(to: str, at: datetime = T0, **kw: object) -> Change:
    return Change(to_status=to, event_at=at, actor=kw.pop("actor", "สมชาย"), **kw)  # type: ignore[arg-type]


def check(current: str | None, ch: Change, current_at: datetime | None = None) -> None:
    check_change("M1", current, current_at, DUE, 2566, ch)


# ---- the state machine ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("current", "to"),
    [(c, t) for c, allowed in TRANSITIONS.items() if c for t in sorted(allowed)],
)
def test_every_allowed_transition_is_accepted(current: str, to: str) -> None:
    extra: dict[str, object] = {}
    if to in ("postponed", "cancelled"):
        extra["reason"] = "งบประมาณยังไม่ได้รับอนุมัติ"
    if to == "postponed":
        extra["new_due_date"] = date(2023, 6, 30)
    if to == "done":
        extra["evidence_url"] = "https://example.go.th/report.pdf"
    check(current, change(to, **extra))


@pytest.mark.parametrize(
    ("current", "to"),
    [(c, t) for c in STATUSES for t in STATUSES if t not in TRANSITIONS[c]],
)
def test_every_other_transition_is_refused_with_a_message(current: str, to: str) -> None:
    with pytest.raises(TransitionRefused) as info:
        check(
            current,
            change(
                to,
                reason="r",
                new_due_date=date(2023, 6, 30) if to == "postponed" else None,
                evidence_url="https://x.go.th/a",
            ),
        )
    assert "M1" in info.value.message_en and info.value.message_th


def test_planned_to_done_says_to_start_first() -> None:
    with pytest.raises(TransitionRefused, match="set in_progress first"):
        check("planned", change("done", evidence_url="https://x.go.th/a"))


def test_final_statuses_say_they_are_final() -> None:
    with pytest.raises(TransitionRefused, match="final status"):
        check("done", change("in_progress"))


@pytest.mark.parametrize(
    ("ch", "message"),
    [
        (change("cancelled"), "reason"),
        (change("postponed", reason="รอ"), "new due date"),
        (change("postponed", reason="รอ", new_due_date=date(2023, 3, 1)), "after the current"),
        (change("postponed", reason="รอ", new_due_date=date(2023, 10, 2)), "outside fiscal year"),
        (change("in_progress", new_due_date=date(2023, 6, 1)), "only with postponed"),
        (change("in_progress", actor=" "), "who makes the change"),
        (change("bogus"), "unknown status"),
        (change("in_progress", at=datetime(2022, 10, 3, 9)), "time zone"),
    ],
)
def test_incomplete_changes_are_refused(ch: Change, message: str) -> None:
    with pytest.raises(TransitionRefused, match=message):
        check("planned", ch)


def test_done_needs_evidence() -> None:
    with pytest.raises(TransitionRefused, match="evidence"):
        check("in_progress", change("done"))
    check("in_progress", change("done", evidence_sha256="ab" * 32, evidence_file_name="a.pdf"))


def test_events_are_appended_in_time_order() -> None:
    with pytest.raises(TransitionRefused, match="time order"):
        check("planned", change("in_progress", at=T0), current_at=T0 + timedelta(minutes=1))
    check("planned", change("in_progress", at=T0), current_at=T0)


def test_target_ids_round_trip() -> None:
    assert parse_target_id(target_id("M2566-i07-ab", 3)) == ("M2566-i07-ab", 3)
    assert parse_target_id("M2566-i07-ab") == ("M2566-i07-ab", None)
    with pytest.raises(ValueError):
        parse_target_id("M2566-i07-ab/x")


@given(st.lists(st.sampled_from(STATUSES), max_size=12))
def test_any_sequence_of_requests_keeps_the_machine_legal(requests: list[str]) -> None:
    """Whatever officers ask, the accepted history only uses allowed transitions, and the
    status is the last accepted one."""
    events: list[EventRecord] = []
    status = "planned"
    at = T0
    for i, wanted in enumerate(requests):
        at += timedelta(days=1)
        ch = change(
            wanted,
            at=at,
            reason="เหตุผล",
            new_due_date=(date(2023, 4, 1) + timedelta(days=i)) if wanted == "postponed" else None,
            evidence_url="https://x.go.th/e",
        )
        due = events[-1].new_due_date if events and events[-1].new_due_date else DUE
        try:
            check_change("M1", status, events[-1].event_at if events else None, due, 2566, ch)
        except TransitionRefused:
            assert wanted not in TRANSITIONS[status] or wanted == "postponed"
            continue
        assert wanted in TRANSITIONS[status]
        events.append(
            EventRecord(i, "M1", None, at, "x", status, wanted, new_due_date=ch.new_due_date)
        )
        status = wanted
    assert status_of(events, date(2024, 1, 1)) == status
    if status in CLOSED:
        assert all(e.to_status not in CLOSED for e in events[:-1])


# ---- Bangkok days ------------------------------------------------------------------------------
def ev(
    eid: int, at: datetime, to: str, mid: str = "M1", no: int | None = None, **kw: object
) -> EventRecord:
    return EventRecord(eid, mid, no, at, "x", None, to, **kw)  # type: ignore[arg-type]


def measure(mid: str = "M1", due: date = DUE, **kw: object) -> MeasureRecord:
    base = MeasureRecord(
        measure_id=mid,
        agency_id="A1",
        agency_name="อบต.ตะคร้ำเอน",
        fiscal_year=2566,
        issue_key="indicator.7",
        indicator=7,
        issue="ตัวชี้วัดที่ 7",
        title="เพิ่มประสิทธิภาพการสื่อสาร",
        owner="ทุกกอง",
        start_date=date(2022, 10, 1),
        due_date=due,
    )
    return replace(base, **kw)  # type: ignore[arg-type]


BOUNDARY = datetime(2023, 3, 31, 17, 30, tzinfo=UTC)  # 1 April 00:30 in Bangkok


def test_an_event_late_on_31_march_utc_is_on_1_april_in_bangkok() -> None:
    events = [ev(1, T0, "in_progress"), ev(2, BOUNDARY, "done", evidence_url="u")]
    assert status_of(events, date(2023, 3, 31)) == "in_progress"
    assert status_of(events, date(2023, 4, 1)) == "done"


def test_overdue_from_the_day_after_the_due_date_until_done() -> None:
    m = [measure(due=date(2023, 3, 30))]
    events = [ev(1, T0, "in_progress"), ev(2, BOUNDARY, "done", evidence_url="u")]
    assert list_overdue(m, events, date(2023, 3, 30)) == []  # due today: not yet
    late = list_overdue(m, events, date(2023, 3, 31))
    assert [(i.target_id, i.days) for i in late] == [("M1", 1)]
    # completed at 17:30Z on 31 March = 1 April in Bangkok: off the list from 1 April only
    assert list_overdue(m, events, date(2023, 4, 1)) == []


def test_milestones_are_overdue_only_while_their_measure_is_open() -> None:
    steps = (MilestoneRecord(1, 1, "คู่มือ", None, "ทุกกอง", "Q1", date(2022, 12, 31)),)
    m = [measure(due=date(2023, 9, 30), milestones=steps)]
    events = [ev(1, T0, "in_progress")]
    assert [i.target_id for i in list_overdue(m, events, date(2023, 1, 1))] == ["M1/1"]
    closed = [*events, ev(2, T0 + timedelta(days=100), "cancelled", reason="ยุบงาน")]
    assert list_overdue(m, closed, date(2023, 2, 1)) == []


def test_postponing_moves_the_due_date() -> None:
    m = [measure(due=date(2023, 1, 31))]
    events = [
        ev(1, T0, "in_progress"),
        ev(2, T0 + timedelta(days=60), "postponed", new_due_date=date(2023, 5, 31), reason="r"),
    ]
    assert list_overdue(m, events, date(2023, 3, 1)) == []
    assert [i.days for i in list_overdue(m, events, date(2023, 6, 1))] == [1]


def test_carried_over_measures_leave_the_overdue_list() -> None:
    m = [measure(due=date(2023, 9, 30), carried_into_measure_id="M2567-x")]
    assert list_overdue(m, [ev(1, T0, "in_progress")], date(2023, 10, 5)) == []


def test_due_soon_window_is_inclusive() -> None:
    m = [measure(due=date(2023, 3, 31))]
    assert [i.days for i in list_due_soon(m, [], date(2023, 3, 17), 14)] == [14]
    assert list_due_soon(m, [], date(2023, 3, 16), 14) == []
    assert [i.days for i in list_due_soon(m, [], date(2023, 3, 31), 14)] == [0]
    assert list_due_soon(m, [], date(2023, 4, 1), 14) == []


def test_one_reminder_per_measure_per_day() -> None:
    steps = (
        MilestoneRecord(1, 1, "คู่มือ", None, "ทุกกอง", "Q1", date(2022, 12, 31)),
        MilestoneRecord(2, 2, "สถิติ", None, "ทุกกอง", "M4", date(2023, 1, 31)),
    )
    m = [measure(due=date(2023, 9, 30), milestones=steps)]
    day = date(2023, 1, 20)
    overdue, soon = list_overdue(m, [], day), list_due_soon(m, [], day, 14)
    assert [i.target_id for i in overdue] == ["M1/1"] and [i.target_id for i in soon] == ["M1/2"]
    first = plan_reminders(overdue, soon, day)
    assert [(r.measure_id, r.kind, len(r.items)) for r in first] == [("M1", "overdue", 2)]
    assert "เกินกำหนด 20 วัน" in first[0].message_th
    assert plan_reminders(overdue, soon, day, {("M1", day)}) == []
    assert len(plan_reminders(overdue, soon, day + timedelta(days=1), {("M1", day)})) == 1


# ---- summaries ---------------------------------------------------------------------------------
def test_quarter_counts_follow_bangkok_days() -> None:
    steps = (
        MilestoneRecord(1, 1, "รายงาน", None, "ทุกกอง", "quarterly", date(2023, 3, 31), "ไตรมาส 2"),
    )
    m = [measure(due=date(2023, 9, 30), milestones=steps)]
    events = [
        ev(1, T0, "in_progress"),
        ev(2, BOUNDARY, "done", no=1, evidence_url="https://x.go.th/q2"),
    ]
    q2 = summarize_quarter(m, events, 2566, 2)[0]
    q3 = summarize_quarter(m, events, 2566, 3)[0]
    q1 = summarize_quarter(m, events, 2566, 1)[0]
    assert (q1.started, q1.event_count) == (1, 1)
    assert (q2.milestones_due, q2.milestones_due_done, q2.milestones_completed) == (1, 0, 0)
    assert (q3.milestones_completed, q3.evidence_count, q3.event_count) == (1, 1, 1)
    assert q2.status_counts["in_progress"] == 1 and q2.overdue_at_end == 0


def test_year_end_summary_names_late_unfinished_and_reasons() -> None:
    m = [
        measure("M1", due=date(2023, 4, 30), title="เปิดเผยข้อมูล"),
        measure("M2", due=date(2023, 9, 30), title="ปรับปรุงการทำงาน"),
        measure("M3", due=date(2023, 9, 30), title="ยืมคืนทรัพย์สิน"),
    ]
    events = [
        ev(1, T0, "in_progress", "M1"),
        ev(2, datetime(2023, 4, 30, 17, 30, tzinfo=UTC), "done", "M1", evidence_url="u"),
        ev(3, T0, "in_progress", "M2"),
        ev(4, T0, "cancelled", "M3", reason="ไม่มีทรัพย์สินให้ยืม"),
    ]
    s = summarize_year(m, events, 2566)[0]
    assert (s.measures_total, s.done_on_time, s.done_late, s.unfinished) == (3, 0, 1, 1)
    assert s.outcomes[0].days_late == 1 and s.outcomes[0].completed_on == date(2023, 5, 1)
    text = " ".join(s.problems)
    assert "แล้วเสร็จช้ากว่ากำหนด 1 วัน" in text
    assert "ไม่มีทรัพย์สินให้ยืม" in text
    assert "ปรับปรุงการทำงาน" in text and "ยังไม่แล้วเสร็จ" in text
    assert any("พ.ศ. 2567" in x and "ปรับปรุงการทำงาน" in x for x in s.suggestions)
