"""Tracking measures through the fiscal year — pure functions, no database, no clock.

A measure (and each of its dated steps, the milestones) moves through a small state machine::

    planned ──> in_progress ──> done
       │  ╲         │
       │   ╲        ├──> postponed (reason + new due date) ──> in_progress | postponed | cancelled
       │    ╲       │
       └─────┴──────┴──> cancelled (reason)

`done` and `cancelled` are final. Every change is an appended event (who, when, from, to, note,
reason, evidence); the status at a date is the latest event on or before that date in
Asia/Bangkok. Nothing here reads the clock: every function takes the date it answers for, so the
same call gives the same answer in a test, in a cron job and in a back-dated report.

The warehouse (`warehouse/tracking.py`) loads `MeasureRecord`s and `EventRecord`s and stores
the events these functions accept; the SQL views `v_measure_status` / `v_overdue_measures` apply
the same rules (a test compares them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from ita.fiscal import (
    bangkok_date,
    bangkok_zone,
    fiscal_year_bounds,
    format_thai_date,
    quarter_bounds,
)

Status = Literal["planned", "in_progress", "done", "postponed", "cancelled"]
STATUSES: tuple[Status, ...] = ("planned", "in_progress", "done", "postponed", "cancelled")
CLOSED: frozenset[str] = frozenset({"done", "cancelled"})
STATUS_TH: dict[str, str] = {
    "planned": "ยังไม่เริ่มดำเนินการ",
    "in_progress": "อยู่ระหว่างดำเนินการ",
    "done": "ดำเนินการแล้วเสร็จ",
    "postponed": "เลื่อนการดำเนินการ",
    "cancelled": "ยกเลิก",
}
TRANSITIONS: dict[str | None, frozenset[str]] = {
    None: frozenset({"planned"}),
    "planned": frozenset({"in_progress", "postponed", "cancelled"}),
    "in_progress": frozenset({"done", "postponed", "cancelled"}),
    "postponed": frozenset({"in_progress", "postponed", "cancelled"}),
    "done": frozenset(),
    "cancelled": frozenset(),
}
NEEDS_REASON: frozenset[str] = frozenset({"postponed", "cancelled"})
NEEDS_EVIDENCE: frozenset[str] = frozenset({"done"})


class TransitionRefused(ValueError):
    """A status change that the state machine does not allow; English and Thai messages."""

    def __init__(self, message_en: str, message_th: str) -> None:
        super().__init__(f"{message_en} / {message_th}")
        self.message_en = message_en
        self.message_th = message_th


# ---- records ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MilestoneRecord:
    milestone_no: int
    step_no: int
    text: str
    item_code: str | None
    owner: str
    due_spec: str | None  # the template offset ("Q1", "quarterly"…), None when set by hand
    due_date: date
    occurrence: str | None = None  # "ไตรมาส 2" for a recurring step


@dataclass(frozen=True, slots=True)
class MeasureRecord:
    """A measure as planned (with human edits applied), without its status."""

    measure_id: str
    agency_id: str
    agency_name: str
    fiscal_year: int
    issue_key: str
    indicator: int | None
    issue: str
    title: str
    owner: str
    start_date: date
    due_date: date
    monitoring: tuple[str, ...] = ()
    evidence_expected: tuple[str, ...] = ()
    item_codes: tuple[str, ...] = ()
    is_carried_over: bool = False
    carried_from_measure_id: str | None = None
    carried_into_measure_id: str | None = None  # set once unfinished work moved to next year
    milestones: tuple[MilestoneRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class EventRecord:
    event_id: int
    measure_id: str
    milestone_no: int | None  # None: the measure itself
    event_at: datetime  # timezone-aware
    actor: str
    from_status: str | None
    to_status: str
    note: str | None = None
    reason: str | None = None
    new_due_date: date | None = None
    evidence_url: str | None = None
    evidence_sha256: str | None = None
    evidence_file_name: str | None = None

    @property
    def bangkok_day(self) -> date:
        return bangkok_date(self.event_at)

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_url or self.evidence_sha256)


@dataclass(frozen=True, slots=True)
class Change:
    """A requested status change of a measure or one of its milestones."""

    to_status: str
    event_at: datetime
    actor: str
    note: str | None = None
    reason: str | None = None
    new_due_date: date | None = None
    evidence_url: str | None = None
    evidence_sha256: str | None = None
    evidence_file_name: str | None = None


def target_id(measure_id: str, milestone_no: int | None) -> str:
    """The id officers type: "M2566-i07-3fa9c2d1" for a measure, ".../2" for its milestone 2."""
    return measure_id if milestone_no is None else f"{measure_id}/{milestone_no}"


def parse_target_id(text: str) -> tuple[str, int | None]:
    """Inverse of `target_id`; raises ValueError on a malformed milestone number."""
    measure_id, sep, number = text.strip().partition("/")
    if not sep:
        return measure_id, None
    if not number.isdigit() or int(number) < 1:
        raise ValueError(f"{text!r}: a milestone id ends in /N with N ≥ 1")
    return measure_id, int(number)


# ---- the state machine --------------------------------------------------------------------------
def check_change(
    target: str,
    current: str | None,
    current_at: datetime | None,
    current_due: date,
    fiscal_year: int,
    change: Change,
) -> None:
    """Raise `TransitionRefused` unless `change` may follow the current status of `target`."""
    to = change.to_status
    if to not in STATUSES:
        raise TransitionRefused(
            f"{target}: unknown status {to!r}; use one of {', '.join(STATUSES)}",
            f"{target}: ไม่รู้จักสถานะ {to!r} ใช้ได้เฉพาะ {', '.join(STATUSES)}",
        )
    if change.event_at.tzinfo is None:
        raise TransitionRefused(
            f"{target}: the time of the change has no time zone",
            f"{target}: เวลาของการเปลี่ยนสถานะไม่ได้ระบุเขตเวลา",
        )
    if not change.actor.strip():
        raise TransitionRefused(
            f"{target}: say who makes the change (--actor)",
            f"{target}: ต้องระบุผู้บันทึก (--actor)",
        )
    if current_at is not None and change.event_at < current_at:
        raise TransitionRefused(
            f"{target}: events are appended in time order; the last one is at "
            f"{_stamp(current_at)}, so a change cannot be dated {_stamp(change.event_at)}",
            f"{target}: ต้องบันทึกตามลำดับเวลา รายการล่าสุดบันทึกเมื่อ {_stamp(current_at)} "
            f"จึงบันทึกย้อนไปวันที่ {_stamp(change.event_at)} ไม่ได้",
        )
    allowed = TRANSITIONS.get(current, frozenset())
    if to not in allowed:
        now_th = STATUS_TH.get(current or "", "ยังไม่มีสถานะ")
        if not allowed:
            raise TransitionRefused(
                f"{target} is {current} — a final status; it cannot become {to}",
                f"{target} มีสถานะ “{now_th}” ซึ่งเป็นสถานะสุดท้าย เปลี่ยนเป็น “{STATUS_TH[to]}” ไม่ได้",
            )
        options = ", ".join(s for s in STATUSES if s in allowed)
        hint = " (set in_progress first)" if (current, to) == ("planned", "done") else ""
        hint_th = " (ต้องบันทึก in_progress ก่อน)" if hint else ""
        raise TransitionRefused(
            f"{target}: {current} → {to} is not allowed{hint}; from {current} it can become "
            f"{options}",
            f"{target}: เปลี่ยนจาก “{now_th}” เป็น “{STATUS_TH[to]}” ไม่ได้{hint_th} "
            f"สถานะถัดไปที่ทำได้: {options}",
        )
    if to in NEEDS_REASON and not (change.reason or "").strip():
        raise TransitionRefused(
            f"{target}: give the reason for {to} (--reason)",
            f"{target}: ต้องระบุเหตุผลของการ{STATUS_TH[to]} (--reason)",
        )
    if to in NEEDS_EVIDENCE and not (change.evidence_url or change.evidence_sha256):
        raise TransitionRefused(
            f"{target}: attach the evidence of the work (--evidence URL or FILE)",
            f"{target}: ต้องแนบหลักฐานการดำเนินการ (--evidence ลิงก์หรือไฟล์)",
        )
    if to == "postponed":
        _check_new_due(target, current_due, fiscal_year, change.new_due_date)
    elif change.new_due_date is not None:
        raise TransitionRefused(
            f"{target}: a new due date goes only with postponed",
            f"{target}: กำหนดวันแล้วเสร็จใหม่ใช้ได้เฉพาะเมื่อเลื่อนการดำเนินการ",
        )


def _check_new_due(target: str, current_due: date, fiscal_year: int, new_due: date | None) -> None:
    first, last = fiscal_year_bounds(fiscal_year)
    if new_due is None:
        raise TransitionRefused(
            f"{target}: postponing needs the new due date (--due YYYY-MM-DD)",
            f"{target}: การเลื่อนต้องระบุกำหนดแล้วเสร็จใหม่ (--due ปปปป-ดด-วว)",
        )
    if new_due <= current_due:
        raise TransitionRefused(
            f"{target}: the new due date {new_due} must be after the current one {current_due}",
            f"{target}: กำหนดใหม่ {format_thai_date(new_due)} ต้องหลังกำหนดเดิม "
            f"{format_thai_date(current_due)}",
        )
    if not first <= new_due <= last:
        raise TransitionRefused(
            f"{target}: the new due date {new_due} is outside fiscal year {fiscal_year} "
            f"({first} – {last}); unfinished work is carried over to the next year instead",
            f"{target}: กำหนดใหม่ {format_thai_date(new_due)} อยู่นอกปีงบประมาณ พ.ศ. "
            f"{fiscal_year} งานที่ไม่แล้วเสร็จจะยกไปดำเนินการในปีถัดไปแทน",
        )


def _stamp(moment: datetime) -> str:
    return moment.astimezone(bangkok_zone()).strftime("%Y-%m-%d %H:%M (Bangkok)")


# ---- status at a date -----------------------------------------------------------------------
EventKey = tuple[str, int | None]


def index_events(events: Iterable[EventRecord]) -> dict[EventKey, list[EventRecord]]:
    """Events by (measure_id, milestone_no), each list in time order."""
    by_target: dict[EventKey, list[EventRecord]] = defaultdict(list)
    for event in events:
        by_target[(event.measure_id, event.milestone_no)].append(event)
    for items in by_target.values():
        items.sort(key=lambda e: (e.event_at, e.event_id))
    return by_target


def latest_event(events: Sequence[EventRecord], as_of: date) -> EventRecord | None:
    """The last event on or before `as_of` (Bangkok date) of one target's time-ordered events."""
    found = None
    for event in events:
        if event.bangkok_day > as_of:
            break
        found = event
    return found


def status_of(events: Sequence[EventRecord], as_of: date) -> str:
    """Status at the end of day `as_of` in Bangkok; a measure without events is planned."""
    event = latest_event(events, as_of)
    return event.to_status if event else "planned"


def effective_due(record_due: date, events: Sequence[EventRecord], as_of: date) -> date:
    """The due date at `as_of`: the latest postponement's new date, else the planned one."""
    due = record_due
    for event in events:
        if event.bangkok_day > as_of:
            break
        if event.to_status == "postponed" and event.new_due_date:
            due = event.new_due_date
    return due


# ---- daily lists ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TrackedItem:
    """A measure or a milestone on a daily list."""

    measure_id: str
    milestone_no: int | None
    agency_id: str
    agency_name: str
    fiscal_year: int
    title: str  # measure title, or the milestone's step text (+ occurrence)
    owner: str
    due_date: date
    status: str
    days: int  # days overdue (overdue list) or days left (due-soon list)

    @property
    def target_id(self) -> str:
        return target_id(self.measure_id, self.milestone_no)


def _targets(
    measures: Sequence[MeasureRecord], events: dict[EventKey, list[EventRecord]], as_of: date
) -> Iterable[tuple[MeasureRecord, int | None, str, str, date, str]]:
    """(measure, milestone_no, title, owner, due, status) of every open target of every open,
    not carried-over measure."""
    for m in measures:
        if m.carried_into_measure_id:
            continue
        m_events = events.get((m.measure_id, None), [])
        m_status = status_of(m_events, as_of)
        if m_status in CLOSED:
            continue
        yield m, None, m.title, m.owner, effective_due(m.due_date, m_events, as_of), m_status
        for ms in m.milestones:
            ms_events = events.get((m.measure_id, ms.milestone_no), [])
            status = status_of(ms_events, as_of)
            if status in CLOSED:
                continue
            due = effective_due(ms.due_date, ms_events, as_of)
            yield m, ms.milestone_no, ms.text, ms.owner, due, status


def _tracked_items(
    measures: Sequence[MeasureRecord],
    events: Iterable[EventRecord],
    as_of: date,
    days_of: Callable[[date], int | None],
) -> list[TrackedItem]:
    """Open targets for which `days_of(due)` gives a number (None leaves the target out)."""
    items: list[TrackedItem] = []
    for m, no, title, owner, due, status in _targets(measures, index_events(events), as_of):
        days = days_of(due)
        if days is not None:
            items.append(
                TrackedItem(
                    m.measure_id,
                    no,
                    m.agency_id,
                    m.agency_name,
                    m.fiscal_year,
                    title,
                    owner,
                    due,
                    status,
                    days,
                )
            )
    return items


def list_overdue(
    measures: Sequence[MeasureRecord], events: Iterable[EventRecord], as_of: date
) -> list[TrackedItem]:
    """Measures and milestones whose due date passed before `as_of` (Bangkok) and that are
    neither done nor cancelled at the end of that day; most overdue first."""
    items = _tracked_items(
        measures, events, as_of, lambda due: (as_of - due).days if due < as_of else None
    )
    return sorted(items, key=lambda i: (-i.days, i.measure_id, i.milestone_no or 0))


def list_due_soon(
    measures: Sequence[MeasureRecord],
    events: Iterable[EventRecord],
    as_of: date,
    within_days: int,
) -> list[TrackedItem]:
    """Open measures and milestones due from `as_of` to `as_of + within_days`; soonest first."""
    horizon = as_of + timedelta(days=within_days)
    items = _tracked_items(
        measures, events, as_of, lambda due: (due - as_of).days if as_of <= due <= horizon else None
    )
    return sorted(items, key=lambda i: (i.days, i.measure_id, i.milestone_no or 0))


@dataclass(frozen=True, slots=True)
class Reminder:
    """One reminder for one measure on one day, listing what is overdue or due soon in it."""

    measure_id: str
    agency_id: str
    agency_name: str
    reminder_date: date
    kind: Literal["overdue", "due_soon"]
    owner: str
    items: tuple[TrackedItem, ...]
    message_th: str
    message_en: str


def plan_reminders(
    overdue: Sequence[TrackedItem],
    due_soon: Sequence[TrackedItem],
    as_of: date,
    already_sent: Collection[tuple[str, date]] = (),
) -> list[Reminder]:
    """At most one reminder per measure per day; measures already reminded on `as_of` (per
    `already_sent`, pairs of measure_id and date) are skipped, so running twice sends nothing
    new."""
    grouped: dict[str, list[TrackedItem]] = defaultdict(list)
    for item in (*overdue, *due_soon):
        grouped[item.measure_id].append(item)
    reminders = []
    for measure_id, items in sorted(grouped.items()):
        if (measure_id, as_of) in already_sent:
            continue
        late = [i for i in items if i in overdue]
        kind: Literal["overdue", "due_soon"] = "overdue" if late else "due_soon"
        head = items[0]
        lines_th = [
            f"- {i.target_id} {i.title} (กำหนด {format_thai_date(i.due_date)}, "
            + (f"เกินกำหนด {i.days} วัน)" if i in late else f"เหลือ {i.days} วัน)")
            for i in items
        ]
        lines_en = [
            f"- {i.target_id} due {i.due_date}: "
            + (f"{i.days} days overdue" if i in late else f"{i.days} days left")
            for i in items
        ]
        title_th = "มาตรการเกินกำหนด" if late else "มาตรการใกล้ครบกำหนด"
        reminders.append(
            Reminder(
                measure_id,
                head.agency_id,
                head.agency_name,
                as_of,
                kind,
                head.owner,
                tuple(items),
                f"{title_th} ({head.agency_name}) ณ {format_thai_date(as_of)}\n"
                + "\n".join(lines_th),
                f"{'Overdue' if late else 'Due soon'}: {measure_id} ({head.agency_name}) "
                f"as of {as_of}\n" + "\n".join(lines_en),
            )
        )
    return reminders


# ---- quarterly progress ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MeasureProgress:
    measure_id: str
    indicator: int | None
    title: str
    owner: str
    due_date: date
    status_at_start: str  # at the end of the day before the period
    status_at_end: str
    is_overdue_at_end: bool
    events: tuple[EventRecord, ...]  # of the measure and its milestones, inside the period
    milestones_due: int  # milestones due inside the period
    milestones_due_done: int  # … of which done by the end of the period


@dataclass(frozen=True, slots=True)
class QuarterlyProgress:
    """One agency's progress in one fiscal quarter (the seed's รายงานผู้บริหารรับทราบเป็นรายไตรมาส).
    Every count is a count of events or of measures' states derived from them."""

    agency_id: str
    agency_name: str
    fiscal_year: int
    quarter: int
    period_start: date
    period_end: date
    measures_total: int
    status_counts: dict[str, int]  # measures by status at the end of the period
    started: int  # measure events → in_progress inside the period
    completed: int  # measure events → done
    postponed: int
    cancelled: int
    completed_late: int  # measure completions dated after the measure's due date
    overdue_at_end: int  # measures overdue at the end of the period
    milestones_due: int
    milestones_due_done: int
    milestones_completed: int  # milestone events → done inside the period
    evidence_count: int  # events with evidence inside the period
    event_count: int  # all events inside the period (measures and milestones)
    rows: tuple[MeasureProgress, ...] = field(default=())


def summarize_quarter(
    measures: Sequence[MeasureRecord],
    events: Iterable[EventRecord],
    fiscal_year: int,
    quarter: int,
) -> list[QuarterlyProgress]:
    """Progress of every agency's measures of `fiscal_year` in `quarter` (1–4), by agency name."""
    first, last = quarter_bounds(fiscal_year, quarter)
    by_target = index_events(events)
    reports = []
    for agency_id, agency_measures in _by_agency(measures, fiscal_year):
        rows = [_measure_progress(m, by_target, first, last) for m in agency_measures]
        period_events = [e for row in rows for e in row.events]
        measure_events = [e for e in period_events if e.milestone_no is None]
        late = sum(
            1
            for row, m in zip(rows, agency_measures, strict=True)
            for e in row.events
            if e.milestone_no is None
            and e.to_status == "done"
            and e.bangkok_day > effective_due(m.due_date, by_target[(m.measure_id, None)], last)
        )
        counts: dict[str, int] = {s: sum(1 for r in rows if r.status_at_end == s) for s in STATUSES}
        reports.append(
            QuarterlyProgress(
                agency_id=agency_id,
                agency_name=agency_measures[0].agency_name,
                fiscal_year=fiscal_year,
                quarter=quarter,
                period_start=first,
                period_end=last,
                measures_total=len(rows),
                status_counts=counts,
                started=_count_to(measure_events, "in_progress"),
                completed=_count_to(measure_events, "done"),
                postponed=_count_to(measure_events, "postponed"),
                cancelled=_count_to(measure_events, "cancelled"),
                completed_late=late,
                overdue_at_end=sum(1 for r in rows if r.is_overdue_at_end),
                milestones_due=sum(r.milestones_due for r in rows),
                milestones_due_done=sum(r.milestones_due_done for r in rows),
                milestones_completed=_count_to(
                    [e for e in period_events if e.milestone_no is not None], "done"
                ),
                evidence_count=sum(1 for e in period_events if e.has_evidence),
                event_count=len(period_events),
                rows=tuple(rows),
            )
        )
    return reports


def _by_agency(
    measures: Sequence[MeasureRecord], fiscal_year: int
) -> list[tuple[str, list[MeasureRecord]]]:
    grouped: dict[str, list[MeasureRecord]] = defaultdict(list)
    for m in measures:
        if m.fiscal_year == fiscal_year:
            grouped[m.agency_id].append(m)
    return sorted(grouped.items(), key=lambda kv: (kv[1][0].agency_name, kv[0]))


def _count_to(events: Iterable[EventRecord], status: str) -> int:
    return sum(1 for e in events if e.to_status == status)


def _measure_progress(
    m: MeasureRecord, by_target: dict[EventKey, list[EventRecord]], first: date, last: date
) -> MeasureProgress:
    own = by_target.get((m.measure_id, None), [])
    inside = [
        e
        for key, evs in by_target.items()
        if key[0] == m.measure_id
        for e in evs
        if first <= e.bangkok_day <= last
    ]
    inside.sort(key=lambda e: (e.event_at, e.event_id))
    due_inside = [ms for ms in m.milestones if first <= ms.due_date <= last]
    status_end = status_of(own, last)
    due_end = effective_due(m.due_date, own, last)
    return MeasureProgress(
        measure_id=m.measure_id,
        indicator=m.indicator,
        title=m.title,
        owner=m.owner,
        due_date=due_end,
        status_at_start=status_of(own, first - timedelta(days=1)),
        status_at_end=status_end,
        is_overdue_at_end=(
            due_end < last and status_end not in CLOSED and not m.carried_into_measure_id
        ),
        events=tuple(inside),
        milestones_due=len(due_inside),
        milestones_due_done=sum(
            1
            for ms in due_inside
            if status_of(by_target.get((m.measure_id, ms.milestone_no), []), last) == "done"
        ),
    )


# ---- the year-end summary -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MeasureOutcome:
    measure_id: str
    indicator: int | None
    title: str
    owner: str
    due_date: date
    status: str
    completed_on: date | None
    days_late: int | None  # > 0 when done after the due date
    milestones_total: int
    milestones_done: int
    evidence: tuple[str, ...]  # URLs or "file-name (sha256)" of every piece of evidence
    notes: tuple[str, ...]  # notes and reasons recorded on its events, in time order


@dataclass(frozen=True, slots=True)
class YearEndSummary:
    """One agency's year: what was done, what was late or left, problems and suggestions
    (ปัญหาอุปสรรค และข้อเสนอแนะ, in Thai for the report)."""

    agency_id: str
    agency_name: str
    fiscal_year: int
    as_of: date
    measures_total: int
    status_counts: dict[str, int]
    done_on_time: int
    done_late: int
    unfinished: int  # neither done nor cancelled
    milestones_total: int
    milestones_done: int
    outcomes: tuple[MeasureOutcome, ...]
    problems: tuple[str, ...]
    suggestions: tuple[str, ...]


def summarize_year(
    measures: Sequence[MeasureRecord],
    events: Iterable[EventRecord],
    fiscal_year: int,
    as_of: date | None = None,
) -> list[YearEndSummary]:
    """The year-end summary of every agency's measures of `fiscal_year`, as of `as_of` (default:
    the last day of the fiscal year)."""
    as_of = as_of or fiscal_year_bounds(fiscal_year)[1]
    by_target = index_events(events)
    summaries = []
    for agency_id, agency_measures in _by_agency(measures, fiscal_year):
        outcomes = tuple(_outcome(m, by_target, as_of) for m in agency_measures)
        counts: dict[str, int] = {s: sum(1 for o in outcomes if o.status == s) for s in STATUSES}
        late = [o for o in outcomes if o.days_late]
        summaries.append(
            YearEndSummary(
                agency_id=agency_id,
                agency_name=agency_measures[0].agency_name,
                fiscal_year=fiscal_year,
                as_of=as_of,
                measures_total=len(outcomes),
                status_counts=counts,
                done_on_time=counts["done"] - len(late),
                done_late=len(late),
                unfinished=sum(1 for o in outcomes if o.status not in CLOSED),
                milestones_total=sum(o.milestones_total for o in outcomes),
                milestones_done=sum(o.milestones_done for o in outcomes),
                outcomes=outcomes,
                problems=_problems(outcomes, by_target, agency_measures, as_of),
                suggestions=_suggestions(outcomes, fiscal_year),
            )
        )
    return summaries


def _outcome(
    m: MeasureRecord, by_target: dict[EventKey, list[EventRecord]], as_of: date
) -> MeasureOutcome:
    own = by_target.get((m.measure_id, None), [])
    seen = [e for e in own if e.bangkok_day <= as_of]
    status = status_of(own, as_of)
    due = effective_due(m.due_date, own, as_of)
    done_event = next((e for e in reversed(seen) if e.to_status == "done"), None)
    completed_on = done_event.bangkok_day if done_event and status == "done" else None
    all_events = sorted(
        (
            e
            for key, evs in by_target.items()
            if key[0] == m.measure_id
            for e in evs
            if e.bangkok_day <= as_of
        ),
        key=lambda e: (e.event_at, e.event_id),
    )
    return MeasureOutcome(
        measure_id=m.measure_id,
        indicator=m.indicator,
        title=m.title,
        owner=m.owner,
        due_date=due,
        status=status,
        completed_on=completed_on,
        days_late=(completed_on - due).days if completed_on and completed_on > due else None,
        milestones_total=len(m.milestones),
        milestones_done=sum(
            1
            for ms in m.milestones
            if status_of(by_target.get((m.measure_id, ms.milestone_no), []), as_of) == "done"
        ),
        evidence=tuple(_evidence_label(e) for e in all_events if e.has_evidence),
        notes=tuple(
            text for e in all_events for text in (e.reason, e.note) if text and text.strip()
        ),
    )


def _evidence_label(event: EventRecord) -> str:
    if event.evidence_url:
        return event.evidence_url
    return f"{event.evidence_file_name or 'file'} (sha256 {event.evidence_sha256})"


def _problems(
    outcomes: Sequence[MeasureOutcome],
    by_target: dict[EventKey, list[EventRecord]],
    measures: Sequence[MeasureRecord],
    as_of: date,
) -> tuple[str, ...]:
    problems: list[str] = []
    for o, m in zip(outcomes, measures, strict=True):
        if o.status not in CLOSED:
            problems.append(
                f"มาตรการ “{o.title}” ยังไม่แล้วเสร็จ (สถานะ: {STATUS_TH[o.status]}) "
                f"ณ วันที่ {format_thai_date(as_of)}"
            )
        if o.days_late:
            problems.append(
                f"มาตรการ “{o.title}” แล้วเสร็จช้ากว่ากำหนด {o.days_late} วัน "
                f"(กำหนด {format_thai_date(o.due_date)} แล้วเสร็จ "
                f"{format_thai_date(o.completed_on or as_of)})"
            )
        for e in by_target.get((m.measure_id, None), []):
            if e.bangkok_day <= as_of and e.to_status in NEEDS_REASON and e.reason:
                problems.append(f"มาตรการ “{o.title}” {STATUS_TH[e.to_status]} เนื่องจาก {e.reason}")
        missed = sum(
            1
            for ms in m.milestones
            if ms.due_date <= as_of
            and status_of(by_target.get((m.measure_id, ms.milestone_no), []), as_of) != "done"
        )
        if missed and o.status != "cancelled":
            problems.append(f"มาตรการ “{o.title}” มีขั้นตอนที่ไม่แล้วเสร็จตามกำหนด {missed} ขั้นตอน")
    return tuple(problems)


def _suggestions(outcomes: Sequence[MeasureOutcome], fiscal_year: int) -> tuple[str, ...]:
    suggestions: list[str] = []
    for o in outcomes:
        if o.status not in CLOSED:
            suggestions.append(
                f"ยกมาตรการ “{o.title}” ไปดำเนินการต่อในปีงบประมาณ พ.ศ. {fiscal_year + 1} "
                "พร้อมกำหนดผู้รับผิดชอบและระยะเวลาให้ชัดเจน"
            )
    if any(o.days_late for o in outcomes):
        suggestions.append(
            "ติดตามความก้าวหน้าของมาตรการในการประชุมประจำเดือนอย่างใกล้ชิด "
            "และแจ้งเตือนผู้รับผิดชอบก่อนครบกำหนด เพื่อให้แล้วเสร็จตามระยะเวลา"
        )
    if outcomes and not suggestions:
        suggestions.append(
            "ดำเนินการตามมาตรการแล้วเสร็จครบถ้วนตามกำหนด ควรรักษามาตรฐานการดำเนินงาน "
            "และทบทวนมาตรการตามผลการประเมิน ITA ของปีถัดไป"
        )
    return tuple(suggestions)
