"""Ingest → plan (in the same run) → track, on the seed agency's bundled results."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from flows.demo import demo_day
from flows.ingest import ingest
from flows.plan import plan
from flows.track import OVERDUE_ARTIFACT, SUMMARY_ARTIFACT, track
from ita.settings import get_settings

pytestmark = [pytest.mark.flows, pytest.mark.usefixtures("prefect_harness")]

SEED = "ตะคร้ำเอน"


def scalar(db: Path, sql: str) -> object:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()[0][0]
    finally:
        con.close()


def test_plan_follows_ingest_and_track_lists_what_is_late(
    tmp_path, copy_corpus, corpus_pick, run_artifacts
) -> None:
    rows = corpus_pick(4, agency_contains=SEED)
    years = sorted(int(r["fiscal_year"]) for r in rows)
    db = tmp_path / "ita.duckdb"
    summary = ingest([str(copy_corpus(rows))], db=str(db), raw_dir=str(tmp_path / "raw"), plan=True)

    # every loaded result classified; measures only for the newest result, for the year after
    assert summary.planned_assessments == 1
    assert scalar(db, "select count(*) from classifications") == len(rows)
    plan_years = scalar(db, "select list(distinct fiscal_year) from measures")
    assert plan_years == [years[-1] + 1]
    measures = scalar(db, "select count(*) from measures")
    assert measures > 0

    again = plan(db=str(db))  # on demand, over every result: nothing new, nothing changed
    assert again.measures_inserted == 0
    assert scalar(db, "select count(*) from measures") == measures

    as_of = demo_day(years[-1] + 1)
    state = track(db=str(db), as_of=as_of.isoformat(), return_state=True)
    first = state.result()
    assert first.overdue or first.due_soon
    assert first.reminders > 0
    assert all(item.due_date < as_of for item in first.overdue)
    horizon = as_of + timedelta(days=get_settings().due_soon_days)
    assert all(as_of <= item.due_date <= horizon for item in first.due_soon)
    artifacts = run_artifacts(state.state_details.flow_run_id)
    assert len(artifacts[OVERDUE_ARTIFACT]) == len(first.overdue)
    assert f"overdue: **{len(first.overdue)}**" in artifacts[SUMMARY_ARTIFACT]

    second = track(db=str(db), as_of=as_of.isoformat())
    assert second.reminders == 0  # one reminder per measure per day
    assert len(second.overdue) == len(first.overdue)


def test_track_without_a_warehouse_says_so(tmp_path) -> None:
    summary = track(db=str(tmp_path / "none.duckdb"))
    assert summary.overdue == [] and summary.reminders == 0
    assert "nothing to track" in summary.notes[0]
    assert not (tmp_path / "none.duckdb").exists()
