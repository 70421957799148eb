"""200 generated PDFs: one flow run with a summary artifact that matches the warehouse; a re-run
parses nothing; a run killed midway (SIGKILL, pool workers included) and re-run ends with every
document exactly once and no half-loaded result."""

from __future__ import annotations

import csv
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flows.ingest import SUMMARY_ARTIFACT, ingest
from flows.summary import STATUS_LABELS

pytestmark = [pytest.mark.flows, pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

N = 200


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def expected_assessments(folder: Path) -> int:
    with open(folder / "manifest.csv", encoding="utf-8", newline="") as fh:
        return len({(row["agency"], row["fiscal_year"]) for row in csv.DictReader(fh)})


def markdown_counts(markdown: str) -> dict[str, int]:
    counts = {}
    for status, label in STATUS_LABELS.items():
        found = re.search(rf"^\| {re.escape(label)} \| (\d+) \|$", markdown, re.M)
        assert found, label
        counts[status] = int(found.group(1))
    return counts


def assert_consistent(db: Path, folder: Path) -> None:
    """Every file once, every result whole, one current document per result."""
    assert query(db, "select count(*), count(distinct document_id) from documents") == [(N, N)]
    assert query(db, "select count(*) from assessments")[0][0] == expected_assessments(folder)
    half_loaded = query(
        db,
        "select count(*) from assessments a where not exists "
        "(select 1 from indicator_scores i where i.assessment_id = a.assessment_id)",
    )
    assert half_loaded == [(0,)]
    current = query(
        db,
        "select count(*) from documents d where d.status = 'loaded' and "
        "(select count(*) from assessments a where a.document_id = d.document_id) <> 1",
    )
    assert current == [(0,)]


def test_200_pdfs_in_one_flow_run_then_a_rerun_parses_nothing(
    generated_200, tmp_path, run_artifacts, flow_run_count
) -> None:
    db = tmp_path / "ita.duckdb"
    before = flow_run_count()
    started = time.monotonic()
    state = ingest(
        [str(generated_200)],
        db=str(db),
        raw_dir=str(tmp_path / "raw"),
        plan=False,
        return_state=True,
    )
    seconds = time.monotonic() - started
    summary = state.result()
    assert flow_run_count() == before + 1
    assert (len(summary.results), summary.parsed) == (N, N)
    print(f"\n{N} documents in {seconds:.1f} s ({N / seconds * 60:.0f}/min)")

    by_db = dict(query(db, "select status, count(*) from documents group by status"))
    counts = summary.counts
    assert counts["loaded"] + counts["superseded_previous"] == by_db.get("loaded", 0) + by_db.get(
        "superseded", 0
    )
    assert counts["quarantined"] == by_db.get("quarantined", 0) == 0
    assert counts["duplicate"] == by_db.get("duplicate", 0)
    markdown = run_artifacts(state.state_details.flow_run_id)[SUMMARY_ARTIFACT]
    assert markdown_counts(markdown) == {s: counts.get(s, 0) for s in STATUS_LABELS}
    assert_consistent(db, generated_200)

    again = ingest([str(generated_200)], db=str(db), raw_dir=str(tmp_path / "raw"), plan=False)
    assert again.parsed == 0
    assert Counter(r.reason_code for r in again.results) == {"known_bytes": N}


def test_a_run_killed_midway_then_rerun_loses_and_doubles_nothing(
    generated_200, tmp_path, prefect_harness
) -> None:
    db, raw = tmp_path / "ita.duckdb", tmp_path / "raw"
    script = (
        "import sys; from flows.ingest import ingest; "
        "ingest([sys.argv[1]], db=sys.argv[2], raw_dir=sys.argv[3], plan=False)"
    )
    env = {**os.environ, "PREFECT_API_URL": prefect_harness}
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(generated_200), str(db), str(raw)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        loaded = wait_for_loaded_chunks(prefect_harness, at_least=2, proc=proc)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the flow process, its forkserver and workers
        proc.wait()
    assert loaded >= 2
    done_before = query(db, "select count(*) from documents")[0][0]
    assert 0 < done_before < N, "kill the run midway, not before or after"

    summary = ingest([str(generated_200)], db=str(db), raw_dir=str(raw), plan=False)
    assert summary.parsed == N - done_before  # what the killed run finished is not redone
    assert_consistent(db, generated_200)
    assert not list(raw.rglob(".incoming-*"))


def wait_for_loaded_chunks(
    api: str, at_least: int, proc: subprocess.Popen, limit_s: float = 400
) -> int:
    """Completed `load-documents` task runs, through the API (the DuckDB file is locked)."""
    import httpx

    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the run ended before it could be killed"
        found = httpx.post(
            f"{api}/task_runs/filter",
            json={
                "task_runs": {
                    "name": {"like_": "load-documents"},
                    "state": {"type": {"any_": ["COMPLETED"]}},
                },
                "flow_runs": {"state": {"type": {"any_": ["RUNNING"]}}},
                "limit": 50,
            },
            timeout=10,
        ).json()
        if len(found) >= at_least:
            return len(found)
        time.sleep(0.5)
    pytest.fail("the run loaded nothing in time")
