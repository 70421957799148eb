"""Crash safety (slow): `kill -9` an ingest in the middle of loading. The warehouse opens, holds
only whole documents (each assessment with its ten indicators and its items, no orphan rows),
and running the same ingest again ends exactly where a clean run ends.

Two ways to kill: the real `ita ingest` command killed from outside at several points of its
output (where it dies depends on timing), and an ingest that kills itself from inside a loading
transaction — the new documents of one load batch, after their assessment and indicator rows are
written, before their item rows and the commit (fault injection: the kill point is certain)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability import hostile
from tests.reliability.conftest import Place, assert_no_traceback, cli_env, run_ita, start_ita
from tests.reliability.warehouse_state import integrity_problems, status_counts, table_rows

pytestmark = pytest.mark.slow

OUTCOME_WORDS = ("loaded", "duplicate", "quarantined", "superseded", "failed")


def batch_names() -> list[str]:
    """20 small fpdf2 results of different agencies and years (more than one load batch)."""
    names = sorted(
        p.name for p in hostile.CORPUS_DIR.glob("25*-fpdf2*.pdf") if "takhram-en" not in p.name
    )
    seen: set[str] = set()
    picked = []
    for name in names:
        key = name.rsplit("-fpdf2", 1)[0]
        if key not in seen:
            seen.add(key)
            picked.append(name)
    return picked[:20]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inbox")
    for name in batch_names():
        hostile.copy_as(folder, hostile.corpus_pdf(name), name)
    hostile.write_empty(folder)
    hostile.write_truncated(folder)
    return folder


@pytest.fixture(scope="module")
def clean_state(batch: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    root = tmp_path_factory.mktemp("clean")
    place = Place(root / "ita.duckdb", root / "raw", root)
    done = run_ita(place, "ingest", str(batch), timeout=1800)
    assert done.returncode == 0, done.stderr
    assert integrity_problems(place.db) == {}
    return table_rows(place.db, stable=True)


def assert_whole_then_rerun_matches(place: Place, batch: Path, clean: dict[str, list]) -> None:
    assert integrity_problems(place.db) == {}
    rerun = run_ita(place, "ingest", str(batch), timeout=1800)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert_no_traceback(rerun.stdout, rerun.stderr)
    assert integrity_problems(place.db) == {}
    assert table_rows(place.db, stable=True) == clean


@pytest.mark.parametrize("after", [1, 8, 17])
def test_ita_ingest_killed_after_n_outcomes(
    after: int, batch: Path, clean_state: dict[str, list], isolated: Place
) -> None:
    proc = start_ita(isolated, "ingest", str(batch))
    assert proc.stdout is not None
    seen = 0
    for line in proc.stdout:
        if line.split(" ", 1)[0] in OUTCOME_WORDS:
            seen += 1
            if seen == after:
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert sum(status_counts(isolated.db).values()) >= after

    assert_whole_then_rerun_matches(isolated, batch, clean_state)


SELF_KILL = """
import os, signal, sys
import warehouse.write as write
from warehouse import ingest_paths

batch, db, raw, nth = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
real_run_query = write.run_query
count = 0

def run_query(con, query_name, /, **params):
    global count
    if query_name == "item_scores_insert":
        count += 1
        if count == nth:  # inside the transaction: assessments + indicators written, items not
            rows = con.sql("SELECT DISTINCT assessment_id FROM incoming_item_scores").fetchall()
            print("\\n".join(sorted(r[0] for r in rows)), flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
    return real_run_query(con, query_name, **params)

write.run_query = run_query
ingest_paths([batch], db, raw_dir=raw)
print("finished without being killed")
"""


@pytest.mark.parametrize("nth", [1, 2])
def test_ingest_killed_inside_a_loading_transaction(
    nth: int, batch: Path, clean_state: dict[str, list], isolated: Place
) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            SELF_KILL,
            str(batch),
            str(isolated.db),
            str(isolated.raw),
            str(nth),
        ],
        env=cli_env(isolated),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == -signal.SIGKILL, done.stdout + done.stderr
    killed = set(done.stdout.split())
    assert killed, "the killed transaction was writing documents"
    # the killed transaction left nothing; the documents committed before it are whole
    rows = table_rows(isolated.db)
    current = {row[0] for row in rows["assessments"]}
    assert not killed & current
    assert (len(current) == 0) == (nth == 1)
    assert status_counts(isolated.db).get("loaded", 0) == len(current)
    assert len(rows["indicator_scores"]) == 10 * len(current)
    assert integrity_problems(isolated.db) == {}

    assert_whole_then_rerun_matches(isolated, batch, clean_state)
