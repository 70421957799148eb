"""Tracking measures in the warehouse: status changes, edits, evidence, daily lists, reminders,
quarterly and year-end summaries, and the CSV round trip for officers.

Every change is appended (``measure_events``, ``measure_edits``); nothing is updated in place.
The rules live in `ita.tracking` (pure); this module loads records, checks a change against the
current state and stores it. Every function that depends on the date takes it (`as_of`, or the
`event_at` of a change); `moment_for(as_of)` turns a CLI ``--as-of`` day into a timestamp.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import duckdb

from ita.fiscal import (
    bangkok_date,
    bangkok_zone,
    fiscal_year_bounds,
    now_bangkok,
    quarter_bounds,
    thai_to_arabic,
    today_bangkok,
)
from ita.rawstore import store_file
from ita.settings import get_settings
from ita.tracking import (
    CLOSED,
    STATUSES,
    Change,
    EventRecord,
    MeasureRecord,
    MilestoneRecord,
    QuarterlyProgress,
    Reminder,
    TrackedItem,
    TransitionRefused,
    YearEndSummary,
    check_change,
    list_due_soon,
    list_overdue,
    parse_target_id,
    plan_reminders,
    summarize_quarter,
    summarize_year,
    target_id,
)
from warehouse.connection import WarehouseError, transaction
from warehouse.queries import run_query

MEASURE_FIELDS = ("title", "owner", "monitoring", "evidence_expected", "start_date", "due_date")
MILESTONE_FIELDS = ("text", "owner", "due_date")
DATE_FIELDS = ("start_date", "due_date")
LIST_FIELDS = ("monitoring", "evidence_expected")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
NOON = time(12, 0)


class TrackingError(WarehouseError):
    """A tracking request refused; the message is English and Thai."""

    def __init__(self, message_en: str, message_th: str) -> None:
        super().__init__(f"{message_en} / {message_th}")
        self.message_en = message_en
        self.message_th = message_th


def moment_for(as_of: date | None) -> datetime:
    """The timestamp a change entered "as of" a day is recorded at: now for today (or no day),
    noon in Bangkok for any other day (back-dated entry)."""
    if as_of is None or as_of == today_bangkok():
        return now_bangkok()
    return datetime.combine(as_of, NOON, tzinfo=bangkok_zone())


# ---- loading ---------------------------------------------------------------------------------
def load_measures(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: date,
    agency_id: str | None = None,
    fiscal_year: int | None = None,
    measure_id: str | None = None,
) -> list[MeasureRecord]:
    """Measures with their milestones, human edits up to `as_of` applied. Due dates are as
    planned (or edited): `ita.tracking` applies postponement events itself."""
    filters = {"agency_id": agency_id, "fiscal_year": fiscal_year, "measure_id": measure_id}
    milestones: dict[str, list[MilestoneRecord]] = {}
    for r in run_query(con, "measure_milestone_list", as_of=as_of, **filters).dicts():
        milestones.setdefault(r["measure_id"], []).append(
            MilestoneRecord(
                milestone_no=r["milestone_no"],
                step_no=r["step_no"],
                text=r["text"],
                item_code=r["item_code"],
                owner=r["owner"],
                due_spec=r["due_spec"],
                due_date=r["planned_due_date"],
                occurrence=r["occurrence"],
            )
        )
    records = []
    for r in run_query(con, "measure_list", as_of=as_of, status=None, **filters).dicts():
        records.append(
            MeasureRecord(
                measure_id=r["measure_id"],
                agency_id=r["agency_id"],
                agency_name=r["agency_name"] or r["agency_id"],
                fiscal_year=r["fiscal_year"],
                issue_key=r["issue_key"],
                indicator=r["indicator"],
                issue=r["issue"],
                title=r["title"],
                owner=r["owner"],
                start_date=r["start_date"],
                due_date=r["planned_due_date"],
                monitoring=tuple(r["monitoring"] or ()),
                evidence_expected=tuple(r["evidence_expected"] or ()),
                item_codes=tuple(r["item_codes"] or ()),
                is_carried_over=r["is_carried_over"],
                carried_from_measure_id=r["carried_from_measure_id"],
                carried_into_measure_id=r["carried_into_measure_id"],
                milestones=tuple(milestones.get(r["measure_id"], ())),
            )
        )
    return records


def load_events(
    con: duckdb.DuckDBPyConnection,
    *,
    agency_id: str | None = None,
    fiscal_year: int | None = None,
    measure_id: str | None = None,
) -> list[EventRecord]:
    rows = run_query(
        con,
        "measure_events_list",
        agency_id=agency_id,
        fiscal_year=fiscal_year,
        measure_id=measure_id,
    ).dicts()
    return [
        EventRecord(
            event_id=r["event_id"],
            measure_id=r["measure_id"],
            milestone_no=r["milestone_no"],
            event_at=r["event_at"],
            actor=r["actor"],
            from_status=r["from_status"],
            to_status=r["to_status"],
            note=r["note"],
            reason=r["reason"],
            new_due_date=r["new_due_date"],
            evidence_url=r["evidence_url"],
            evidence_sha256=r["evidence_sha256"],
            evidence_file_name=r["evidence_file_name"],
        )
        for r in rows
    ]


# ---- evidence --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Evidence:
    url: str | None = None
    sha256: str | None = None
    file_name: str | None = None


def resolve_evidence(value: str | None, raw_dir: Path | None = None) -> Evidence:
    """An http(s) URL is kept as is; a file is stored in the raw store (by sha256)."""
    if value is None or not value.strip():
        return Evidence()
    text = value.strip()
    if _URL.match(text):
        return Evidence(url=text)
    path = Path(text).expanduser()
    if not path.is_file():
        raise TrackingError(
            f"evidence {text!r} is neither an http(s) URL nor an existing file",
            f"หลักฐาน “{text}” ไม่ใช่ลิงก์ http(s) หรือไฟล์ที่มีอยู่",
        )
    stored = store_file(path, Path(raw_dir or get_settings().raw_dir))
    return Evidence(sha256=stored.document_id, file_name=stored.file_name)


# ---- status changes -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Target:
    measure_id: str
    milestone_no: int | None
    agency_id: str
    fiscal_year: int
    title: str


def find_target(con: duckdb.DuckDBPyConnection, text: str) -> Target:
    """The measure ("M2566-i07-…") or milestone ("M2566-i07-…/3") an id names."""
    try:
        measure_id, milestone_no = parse_target_id(text)
    except ValueError as exc:
        raise TrackingError(str(exc), f"รหัส “{text}” ไม่ถูกต้อง") from exc
    rows = run_query(con, "measure_get", measure_id=measure_id).dicts()
    if not rows:
        raise TrackingError(
            f"no measure {measure_id!r} (see `ita measures list`)",
            f"ไม่พบมาตรการรหัส “{measure_id}” (ดูรายการด้วย ita measures list)",
        )
    m = rows[0]
    title = m["title"]
    if milestone_no is not None:
        steps = run_query(con, "measure_milestones_get", measure_id=measure_id).dicts()
        found = [s for s in steps if s["milestone_no"] == milestone_no]
        if not found:
            raise TrackingError(
                f"measure {measure_id} has no milestone {milestone_no} (it has 1–{len(steps)})",
                f"มาตรการ {measure_id} ไม่มีขั้นตอนที่ {milestone_no} (มี 1–{len(steps)})",
            )
        title = found[0]["text"]
    return Target(measure_id, milestone_no, m["agency_id"], m["fiscal_year"], title)


def current_state(
    con: duckdb.DuckDBPyConnection, target: Target, as_of: date
) -> tuple[str | None, datetime | None, date, str]:
    """(status, time of the latest event, due date at `as_of`, status at `as_of`) of a
    target. The first two come from the latest event whatever its date (events are appended in
    time order); a target without events is reported as None."""
    events = [
        e
        for e in load_events(con, measure_id=target.measure_id)
        if e.milestone_no == target.milestone_no
    ]
    last = events[-1] if events else None
    if target.milestone_no is None:
        row = list_measure_rows(con, as_of=as_of, measure_id=target.measure_id)[0]
    else:
        rows = run_query(
            con,
            "measure_milestone_list",
            as_of=as_of,
            agency_id=None,
            fiscal_year=None,
            measure_id=target.measure_id,
        ).dicts()
        row = next(r for r in rows if r["milestone_no"] == target.milestone_no)
    return (
        last.to_status if last else None,
        last.event_at if last else None,
        row["due_date"],
        row["status"],
    )


def record_change(con: duckdb.DuckDBPyConnection, target_text: str, change: Change) -> EventRecord:
    """Check `change` against the target's current state and append it; raises
    `TransitionRefused` (English and Thai) when the state machine does not allow it."""
    target = find_target(con, target_text)
    with transaction(con):
        return _append_change(con, target, change)


def _append_change(con: duckdb.DuckDBPyConnection, target: Target, change: Change) -> EventRecord:
    status, status_at, due, _ = current_state(con, target, bangkok_date(change.event_at))
    name = target_id(target.measure_id, target.milestone_no)
    # a measure without any event is planned (generation records one; this is a safeguard)
    check_change(name, status or "planned", status_at, due, target.fiscal_year, change)
    event = EventRecord(
        event_id=0,  # assigned by the database
        measure_id=target.measure_id,
        milestone_no=target.milestone_no,
        event_at=change.event_at,
        actor=change.actor.strip(),
        from_status=status or "planned",
        to_status=change.to_status,
        note=_clean(change.note),
        reason=_clean(change.reason),
        new_due_date=change.new_due_date,
        evidence_url=change.evidence_url,
        evidence_sha256=change.evidence_sha256,
        evidence_file_name=change.evidence_file_name,
    )
    params = {k: v for k, v in asdict(event).items() if k != "event_id"}
    event_id = run_query(con, "measure_event_insert", **params).scalar()
    return replace(event, event_id=int(event_id))


def _clean(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


# ---- edits -----------------------------------------------------------------------------------
def edit_target(
    con: duckdb.DuckDBPyConnection,
    target_text: str,
    field_name: str,
    value: str,
    *,
    actor: str,
    at: datetime,
    note: str | None = None,
) -> bool:
    """Append a human edit of one field; False when the value is already the current one."""
    target = find_target(con, target_text)
    with transaction(con):
        return _append_edit(con, target, field_name, value, actor=actor, at=at, note=note)


def _append_edit(
    con: duckdb.DuckDBPyConnection,
    target: Target,
    field_name: str,
    value: str,
    *,
    actor: str,
    at: datetime,
    note: str | None,
) -> bool:
    name = target_id(target.measure_id, target.milestone_no)
    allowed = MEASURE_FIELDS if target.milestone_no is None else MILESTONE_FIELDS
    if field_name not in allowed:
        raise TrackingError(
            f"{name}: {field_name!r} cannot be edited; editable: {', '.join(allowed)}",
            f"{name}: แก้ไข “{field_name}” ไม่ได้ แก้ไขได้เฉพาะ {', '.join(allowed)}",
        )
    if not actor.strip():
        raise TrackingError(f"{name}: say who edits (--actor)", f"{name}: ต้องระบุผู้แก้ไข")
    as_of = bangkok_date(at)
    status, _, _, _ = current_state(con, target, as_of)
    current = _current_values(con, target, as_of)
    stored = _normalise_value(name, field_name, value, target.fiscal_year)
    if field_name in DATE_FIELDS and (status or "planned") != "planned":
        raise TrackingError(
            f"{name} is {status}: its dates change only by postponing it "
            "(--status postponed --due YYYY-MM-DD --reason TEXT)",
            f"{name} อยู่ในสถานะ {status} แล้ว การเปลี่ยนกำหนดเวลาต้องบันทึกเป็นการเลื่อน พร้อมเหตุผล",
        )
    if field_name in DATE_FIELDS:
        _check_date_order(name, field_name, date.fromisoformat(stored), current)
    if current.get(field_name) == stored:
        return False
    run_query(
        con,
        "measure_edit_insert",
        measure_id=target.measure_id,
        milestone_no=target.milestone_no,
        field=field_name,
        value=stored,
        edited_at=at,
        actor=actor.strip(),
        note=_clean(note),
    )
    return True


def _current_values(con: duckdb.DuckDBPyConnection, target: Target, as_of: date) -> dict[str, str]:
    if target.milestone_no is None:
        row = list_measure_rows(con, as_of=as_of, measure_id=target.measure_id)[0]
        fields: Sequence[str] = MEASURE_FIELDS
    else:
        rows = run_query(
            con,
            "measure_milestone_list",
            as_of=as_of,
            agency_id=None,
            fiscal_year=None,
            measure_id=target.measure_id,
        ).dicts()
        row = next(r for r in rows if r["milestone_no"] == target.milestone_no)
        fields = MILESTONE_FIELDS
    return {f: _as_text(row[f]) for f in fields}


def _as_text(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value)
    return str(value)


def _normalise_value(name: str, field_name: str, value: str, fiscal_year: int) -> str:
    text = value.strip()
    if field_name in DATE_FIELDS:
        day = parse_day(text)
        first, last = fiscal_year_bounds(fiscal_year)
        if not first <= day <= last:
            raise TrackingError(
                f"{name}: {field_name} {day} is outside fiscal year {fiscal_year} "
                f"({first} – {last})",
                f"{name}: วันที่ {day} อยู่นอกปีงบประมาณ พ.ศ. {fiscal_year}",
            )
        return day.isoformat()
    if field_name in LIST_FIELDS:
        lines = [" ".join(line.split()) for line in re.split(r"\n|\s*\|\s*", text)]
        text = "\n".join(line for line in lines if line)
    else:
        text = " ".join(text.split())
    if not text:
        raise TrackingError(f"{name}: {field_name} cannot be empty", f"{name}: ค่าว่างไม่ได้")
    return text


def _check_date_order(name: str, field_name: str, day: date, current: dict[str, str]) -> None:
    start = day if field_name == "start_date" else _maybe_date(current.get("start_date"))
    due = day if field_name == "due_date" else _maybe_date(current.get("due_date"))
    if start and due and due < start:
        raise TrackingError(
            f"{name}: the due date {due} is before the start {start}",
            f"{name}: กำหนดแล้วเสร็จ {due} อยู่ก่อนวันเริ่ม {start}",
        )


def _maybe_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def parse_day(text: str) -> date:
    """YYYY-MM-DD with Arabic or Thai digits; a B.E. year (> 2400) is converted."""
    clean = thai_to_arabic(text.strip())
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", clean)
    if not match:
        raise TrackingError(
            f"{text!r} is not a date YYYY-MM-DD",
            f"“{text}” ไม่ใช่วันที่ในรูปแบบ ปปปป-ดด-วว",
        )
    year, month, day = (int(g) for g in match.groups())
    if year > 2400:
        year -= 543
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise TrackingError(f"{text!r}: {exc}", f"“{text}” ไม่ใช่วันที่ที่มีอยู่จริง") from exc


# ---- lists, reminders, summaries --------------------------------------------------------------
def list_measure_rows(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: date,
    status: str | None = None,
    agency_id: str | None = None,
    fiscal_year: int | None = None,
    measure_id: str | None = None,
    overdue_only: bool = False,
) -> list[dict[str, Any]]:
    """Measures (one row each, status and overdue flag as of `as_of`), filtered."""
    if status is not None and status not in STATUSES:
        raise TrackingError(
            f"unknown status {status!r}; use one of {', '.join(STATUSES)}",
            f"ไม่รู้จักสถานะ “{status}”",
        )
    rows = run_query(
        con,
        "measure_list",
        as_of=as_of,
        status=status,
        agency_id=agency_id,
        fiscal_year=fiscal_year,
        measure_id=measure_id,
    ).dicts()
    return [r for r in rows if r["is_overdue"]] if overdue_only else rows


def overdue_rows(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: date,
    agency_id: str | None = None,
    fiscal_year: int | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(overdue measures, overdue milestones) at the end of `as_of`, from the SQL macros behind
    v_overdue_measures / v_overdue_milestones."""
    filters = {"as_of": as_of, "agency_id": agency_id, "fiscal_year": fiscal_year}
    return (
        run_query(con, "measure_overdue", **filters).dicts(),
        run_query(con, "measure_milestone_overdue", **filters).dicts(),
    )


@dataclass(frozen=True, slots=True)
class DailyLists:
    as_of: date
    overdue: tuple[TrackedItem, ...]
    due_soon: tuple[TrackedItem, ...]


def daily_lists(
    con: duckdb.DuckDBPyConnection, as_of: date, due_soon_days: int | None = None
) -> DailyLists:
    """What is overdue and what is due within `due_soon_days` (settings.due_soon_days)."""
    days = get_settings().due_soon_days if due_soon_days is None else due_soon_days
    measures = load_measures(con, as_of=as_of)
    events = load_events(con)
    return DailyLists(
        as_of,
        tuple(list_overdue(measures, events, as_of)),
        tuple(list_due_soon(measures, events, as_of, days)),
    )


def send_reminders(
    con: duckdb.DuckDBPyConnection, as_of: date, due_soon_days: int | None = None
) -> list[Reminder]:
    """Record today's reminders, one per measure per day; a second run on the same day records
    and returns nothing new."""
    lists = daily_lists(con, as_of, due_soon_days)
    sent = {
        (mid, day)
        for mid, day in run_query(con, "measure_reminders_sent", reminder_date=as_of).rows
    }
    reminders = plan_reminders(lists.overdue, lists.due_soon, as_of, sent)
    created = []
    with transaction(con):
        for r in reminders:
            inserted = run_query(
                con,
                "measure_reminder_insert",
                measure_id=r.measure_id,
                reminder_date=r.reminder_date,
                kind=r.kind,
                owner=r.owner,
                message_th=r.message_th,
                message_en=r.message_en,
            )
            if inserted.rows:
                created.append(r)
    return created


def quarterly_progress(
    con: duckdb.DuckDBPyConnection,
    fiscal_year: int,
    quarter: int,
    agency_id: str | None = None,
) -> list[QuarterlyProgress]:
    """Each agency's progress on its measures of `fiscal_year` in `quarter` (data for the
    quarterly report to the executives)."""
    _, last = quarter_bounds(fiscal_year, quarter)
    measures = load_measures(con, as_of=last, fiscal_year=fiscal_year, agency_id=agency_id)
    events = load_events(con, fiscal_year=fiscal_year, agency_id=agency_id)
    return summarize_quarter(measures, events, fiscal_year, quarter)


def year_end_summary(
    con: duckdb.DuckDBPyConnection,
    fiscal_year: int,
    agency_id: str | None = None,
    as_of: date | None = None,
) -> list[YearEndSummary]:
    """Each agency's year: done, late, unfinished, problems and suggestions."""
    day = as_of or fiscal_year_bounds(fiscal_year)[1]
    measures = load_measures(con, as_of=day, fiscal_year=fiscal_year, agency_id=agency_id)
    events = load_events(con, fiscal_year=fiscal_year, agency_id=agency_id)
    return summarize_year(measures, events, fiscal_year, day)


# ---- CSV round trip --------------------------------------------------------------------------
CSV_COLUMNS = (
    "id",
    "kind",
    "agency",
    "fiscal_year",
    "indicator",
    "item_code",
    "title",
    "owner",
    "start_date",
    "due_date",
    "status",
    "status_at",
    "overdue",
    "note",
    "reason",
    "evidence",
    "actor",
)
READ_ONLY = ("kind", "agency", "fiscal_year", "indicator", "item_code", "status_at", "overdue")


def export_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    as_of: date,
    agency_id: str | None = None,
    fiscal_year: int | None = None,
) -> int:
    """Write measures and their milestones (as of `as_of`) to a CSV an officer can edit in a
    spreadsheet (UTF-8 with BOM so Thai opens correctly); returns the number of rows."""
    measures = list_measure_rows(con, as_of=as_of, agency_id=agency_id, fiscal_year=fiscal_year)
    milestones = run_query(
        con,
        "measure_milestone_list",
        as_of=as_of,
        agency_id=agency_id,
        fiscal_year=fiscal_year,
        measure_id=None,
    ).dicts()
    by_measure: dict[str, list[dict[str, Any]]] = {}
    for ms in milestones:
        by_measure.setdefault(ms["measure_id"], []).append(ms)
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for m in measures:
            writer.writerow(_measure_row(m))
            count += 1
            for ms in by_measure.get(m["measure_id"], []):
                writer.writerow(_milestone_row(m, ms, as_of))
                count += 1
    return count


def _measure_row(m: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": m["measure_id"],
        "kind": "measure",
        "agency": m["agency_name"],
        "fiscal_year": m["fiscal_year"],
        "indicator": m["indicator"],
        "item_code": " ".join(m["item_codes"] or ()),
        "title": m["title"],
        "owner": m["owner"],
        "start_date": m["start_date"].isoformat(),
        "due_date": m["due_date"].isoformat(),
        "status": m["status"],
        "status_at": _stamp(m["status_at"]),
        "overdue": "yes" if m["is_overdue"] else "",
    }


def _milestone_row(m: dict[str, Any], ms: dict[str, Any], as_of: date) -> dict[str, Any]:
    overdue = (
        ms["due_date"] < as_of
        and ms["status"] not in CLOSED
        and m["status"] not in CLOSED
        and not m["carried_into_measure_id"]
    )
    text = f"{ms['text']} ({ms['occurrence']})" if ms["occurrence"] else ms["text"]
    return {
        "id": ms["milestone_id"],
        "kind": "milestone",
        "agency": m["agency_name"],
        "fiscal_year": m["fiscal_year"],
        "indicator": m["indicator"],
        "item_code": ms["item_code"] or "",
        "title": text,
        "owner": ms["owner"],
        "start_date": "",
        "due_date": ms["due_date"].isoformat(),
        "status": ms["status"],
        "status_at": _stamp(ms["status_at"]),
        "overdue": "yes" if overdue else "",
    }


def _stamp(moment: datetime | None) -> str:
    return moment.astimezone(bangkok_zone()).isoformat(timespec="minutes") if moment else ""


@dataclass(frozen=True, slots=True)
class RejectedRow:
    line: int  # line number in the file (the header is line 1)
    id: str
    reason_en: str
    reason_th: str


@dataclass(slots=True)
class ImportReport:
    rows: int = 0
    events: list[EventRecord] = field(default_factory=list)
    edits: int = 0
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


def import_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    actor: str,
    at: datetime,
    raw_dir: Path | None = None,
) -> ImportReport:
    """Load an edited export back: a changed `status` becomes an event (checked by the state
    machine; `note`, `reason`, `evidence` go with it; postponed takes the new date from
    `due_date`), a changed title/text, owner or date (while planned) becomes an edit. Each row
    is applied on its own, in file order; a refused row is reported with its line and reason and
    changes nothing. Read-only columns are ignored."""
    report = ImportReport()
    seen: set[str] = set()
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"id", "status"} - set(reader.fieldnames or ())
        if missing:
            raise TrackingError(
                f"{path.name}: missing column(s) {', '.join(sorted(missing))}; export a file "
                "with `ita measures export` and edit that",
                f"{path.name}: ไม่มีคอลัมน์ {', '.join(sorted(missing))}",
            )
        for line, row in enumerate(reader, start=2):
            report.rows += 1
            ident = (row.get("id") or "").strip()
            try:
                if not ident:
                    raise TrackingError("the id is empty", "ไม่มีรหัส")
                if ident in seen:
                    raise TrackingError(f"{ident} appears twice in the file", f"{ident} ซ้ำในไฟล์")
                seen.add(ident)
                with transaction(con):
                    changed = _import_row(
                        con, row, actor=actor, at=at, raw_dir=raw_dir, report=report
                    )
                if not changed:
                    report.unchanged += 1
            except (TrackingError, TransitionRefused) as exc:
                report.rejected.append(RejectedRow(line, ident, exc.message_en, exc.message_th))
    return report


def _import_row(
    con: duckdb.DuckDBPyConnection,
    row: dict[str, str | None],
    *,
    actor: str,
    at: datetime,
    raw_dir: Path | None,
    report: ImportReport,
) -> bool:
    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    target = find_target(con, cell("id"))
    who = cell("actor") or actor
    as_of = bangkok_date(at)
    status = current_state(con, target, as_of)[0] or "planned"
    wanted = cell("status") or status
    current = _current_values(con, target, as_of)
    is_measure = target.milestone_no is None
    edits: list[tuple[str, str]] = []
    if is_measure and cell("title") and cell("title") != current["title"]:
        edits.append(("title", cell("title")))
    if cell("owner") and cell("owner") != current["owner"]:
        edits.append(("owner", cell("owner")))
    postpone_to: date | None = None
    if cell("due_date") and parse_day(cell("due_date")).isoformat() != current["due_date"]:
        if wanted == "postponed" and wanted != status:
            postpone_to = parse_day(cell("due_date"))
        else:
            edits.append(("due_date", cell("due_date")))
    start = cell("start_date")
    if is_measure and start and parse_day(start).isoformat() != current["start_date"]:
        edits.append(("start_date", start))
    changed = False
    for field_name, value in edits:
        if _append_edit(con, target, field_name, value, actor=who, at=at, note=cell("note")):
            report.edits += 1
            changed = True
    if wanted != status:
        evidence = resolve_evidence(cell("evidence"), raw_dir)
        event = _append_change(
            con,
            target,
            Change(
                to_status=wanted,
                event_at=at,
                actor=who,
                note=cell("note"),
                reason=cell("reason"),
                new_due_date=postpone_to,
                evidence_url=evidence.url,
                evidence_sha256=evidence.sha256,
                evidence_file_name=evidence.file_name,
            ),
        )
        report.events.append(event)
        changed = True
    return changed
