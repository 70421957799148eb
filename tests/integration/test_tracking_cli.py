"""`ita measures …` end to end on a real warehouse file (typer's runner, real DuckDB)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from measures_helpers import SEED_DOCS, build_warehouse, copy_warehouse
from typer.testing import CliRunner

from flows.cli import app

RUNNER = CliRunner()


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = build_warehouse(tmp_path_factory.mktemp("cli-template"), SEED_DOCS)
    result = run(
        "measures",
        "generate",
        "--agency",
        "อบต.ตะคร้ำเอน",
        "--year",
        "2565",
        "--db",
        str(db),
        "--as-of",
        "2022-09-15",
        "--actor",
        "ผู้ทดสอบ",
    )
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def db(template_db: Path, tmp_path: Path) -> Path:
    return copy_warehouse(template_db, tmp_path)


def run(*args: str) -> object:
    return RUNNER.invoke(app, list(args), env={"COLUMNS": "200"})


def ids(db: Path) -> dict[int, str]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT indicator, measure_id FROM measures").fetchall())
    finally:
        con.close()


def test_generate_prints_the_plan_for_october_to_september(tmp_path: Path) -> None:
    db = build_warehouse(tmp_path / "w", SEED_DOCS)
    result = run(
        "measures",
        "generate",
        "--agency",
        "องค์การบริหารส่วนตำบลตะคร้ำเอน",
        "--year",
        "2565",
        "--db",
        str(db),
        "--as-of",
        "2022-09-15",
    )
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    text = result.output  # type: ignore[attr-defined]
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี 2566" in text
    assert "1 ต.ค. 2565" in text and "30 ก.ย. 2566" in text
    assert "ต้องพัฒนา (< 85) 5 ตัวชี้วัด" in text
    assert "ประสิทธิภาพการสื่อสาร ได้คะแนนต่ำสุด 77.02" in text
    assert text.count("M2566-i0") >= 5
    again = run(
        "measures",
        "generate",
        "--agency",
        "อบต.ตะคร้ำเอน",
        "--year",
        "2565",
        "--db",
        str(db),
        "--as-of",
        "2022-09-16",
    )
    assert "0 new, 5 already stored" in again.output  # type: ignore[attr-defined]


def test_overdue_exits_non_zero_only_when_something_is_overdue(db: Path) -> None:
    quiet = run("measures", "overdue", "--db", str(db), "--as-of", "2022-10-05")
    assert quiet.exit_code == 0 and "Nothing is overdue" in quiet.output  # type: ignore[attr-defined]
    late = run("measures", "overdue", "--db", str(db), "--as-of", "2023-05-01")
    assert late.exit_code == 1  # type: ignore[attr-defined]
    assert ids(db)[9] in late.output  # type: ignore[attr-defined]


def test_update_refuses_illegal_changes_and_records_legal_ones(db: Path, tmp_path: Path) -> None:
    target = ids(db)[4]
    refused = run(
        "measures",
        "update",
        target,
        "--status",
        "done",
        "--evidence",
        "https://x.go.th/a",
        "--db",
        str(db),
        "--as-of",
        "2022-10-03",
    )
    assert refused.exit_code == 2
    assert "set in_progress first" in refused.output  # type: ignore[attr-defined]
    started = run(
        "measures",
        "update",
        target,
        "--status",
        "in_progress",
        "--actor",
        "ปลัด",
        "--db",
        str(db),
        "--as-of",
        "2022-10-03",
    )
    assert started.exit_code == 0, started.output  # type: ignore[attr-defined]
    missing = run(
        "measures",
        "update",
        target,
        "--status",
        "done",
        "--evidence",
        str(tmp_path / "nope.pdf"),
        "--db",
        str(db),
        "--as-of",
        "2022-10-04",
    )
    assert missing.exit_code == 2 and "neither an http(s) URL" in missing.output  # type: ignore[attr-defined]
    done = run(
        "measures",
        "update",
        target,
        "--status",
        "done",
        "--evidence",
        "https://takhram-en.go.th/loans",
        "--note",
        "ครบ",
        "--db",
        str(db),
        "--at",
        "2023-03-31T17:30:00+00:00",
    )
    assert done.exit_code == 0, done.output  # type: ignore[attr-defined]
    listed = run("measures", "list", "--status", "done", "--db", str(db), "--as-of", "2023-03-31")
    assert "No measure matches" in listed.output  # 17:30 UTC is already 1 April in Bangkok
    listed = run("measures", "list", "--status", "done", "--db", str(db), "--as-of", "2023-04-01")
    assert target in listed.output  # type: ignore[attr-defined]


def test_list_hints_at_the_plan_year(db: Path) -> None:
    result = run("measures", "list", "--year", "2565", "--db", str(db))
    assert "try --year 2566" in result.output  # type: ignore[attr-defined]


def test_csv_round_trip_applies_good_rows_and_reports_rejected_ones(
    db: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "plan.csv"
    exported = run("measures", "export", str(sheet), "--db", str(db), "--as-of", "2022-10-02")
    assert exported.exit_code == 0, exported.output  # type: ignore[attr-defined]
    with open(sheet, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
        columns = list(rows[0])
    measure_ids = ids(db)
    by_id = {r["id"]: r for r in rows}
    assert set(measure_ids.values()) <= set(by_id)
    first_step = f"{measure_ids[6]}/1"
    by_id[measure_ids[7]]["status"] = "in_progress"  # good
    by_id[measure_ids[7]]["note"] = "เริ่มดำเนินการ"
    by_id[measure_ids[8]]["owner"] = "กองช่าง"  # good edit while planned
    by_id[measure_ids[9]]["status"] = "done"  # planned → done: refused
    by_id[measure_ids[4]]["due_date"] = "2024-01-31"  # outside FY2566: refused
    by_id[first_step]["status"] = "postponed"  # no reason: refused
    by_id[first_step]["due_date"] = "2023-01-31"
    extra = dict(by_id[measure_ids[6]], id="M2566-i06-00000000")  # unknown id: refused
    with open(sheet, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows([*by_id.values(), extra])
    result = run(
        "measures",
        "import",
        str(sheet),
        "--db",
        str(db),
        "--as-of",
        "2022-10-05",
        "--actor",
        "เจ้าหน้าที่",
    )
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    text = result.output  # type: ignore[attr-defined]
    assert "1 status change(s), 1 edit(s)" in text and "4 rejected" in text
    assert "set in_progress first" in text
    assert "outside fiscal year 2566" in text
    assert "give the reason for postponed" in text
    assert "no measure 'M2566-i06-00000000'" in text
    shown = run("measures", "show", measure_ids[7], "--db", str(db), "--as-of", "2022-10-05")
    assert "planned → in_progress" in shown.output and "เจ้าหน้าที่" in shown.output  # type: ignore[attr-defined]
    owners = run("measures", "list", "--db", str(db), "--as-of", "2022-10-05")
    assert "กองช่าง" in owners.output  # type: ignore[attr-defined]


def test_remind_is_idempotent_per_day(db: Path) -> None:
    first = run("measures", "remind", "--db", str(db), "--as-of", "2023-01-05")
    assert first.exit_code == 0 and "new reminder(s)" in first.output  # type: ignore[attr-defined]
    assert " 0 new reminder(s)" not in first.output  # type: ignore[attr-defined]
    again = run("measures", "remind", "--db", str(db), "--as-of", "2023-01-05")
    assert "; 0 new reminder(s)." in again.output  # type: ignore[attr-defined]


def test_spreadsheet_dates_may_use_thai_digits_and_buddhist_years() -> None:
    from datetime import date

    from warehouse.tracking import TrackingError, parse_day

    assert parse_day("๒๕๖๖-๐๓-๓๑") == date(2023, 3, 31)
    assert parse_day("2566-3-31") == date(2023, 3, 31)
    assert parse_day("2023-03-31") == date(2023, 3, 31)
    with pytest.raises(TrackingError, match="not a date"):
        parse_day("31/03/2566")
