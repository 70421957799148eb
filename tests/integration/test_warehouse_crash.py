"""A crash mid-run leaves the warehouse as it was before the document being written: kill -9 a
loader at random moments, reopen, and check that every document is either fully there or not at
all."""

from __future__ import annotations

import pickle
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warehouse_helpers import SEED_JSON, golden_record, stored_for

from warehouse import connect, load_prepared, prepare_record

HERE = Path(__file__).resolve().parent

# Loads corrections of the seed and fresh copies of other corpus records, forever.
LOADER = """
import itertools, sys
sys.path.insert(0, sys.argv[3])
from warehouse import connect, load_prepared, prepare_record
from warehouse_helpers import CORPUS, golden_record, stored_for, with_indicator

db, raw = sys.argv[1], sys.argv[2]
seed = golden_record("2565-takhram-en-fpdf2.json")
others = [golden_record(p.name) for p in sorted(CORPUS.glob("256[4-7]-*.json"))[:20]]
con = connect(db)
for n in itertools.count():
    record = with_indicator(seed, 7, f"{70 + n % 2000 / 100:.2f}") if n % 2 else others[n % 20]
    tag = f"{sys.argv[4]}-{n}"  # new bytes every round
    load_prepared(con, prepare_record(stored_for(record, raw, tag=tag), record))
    if n == 1:
        print("ready", flush=True)  # warmed up: loading at full speed from here
"""

INVARIANTS = {
    "an assessment without ten indicators": """
        SELECT a.assessment_id FROM assessments a
        LEFT JOIN indicator_scores s USING (assessment_id)
        GROUP BY a.assessment_id HAVING count(s.indicator) <> 10""",
    "an assessment whose document is not loaded": """
        SELECT a.assessment_id FROM assessments a LEFT JOIN documents d USING (document_id)
        WHERE d.status IS DISTINCT FROM 'loaded'""",
    "a loaded document without its assessment": """
        SELECT d.document_id FROM documents d LEFT JOIN assessments a USING (document_id)
        WHERE d.status = 'loaded' AND a.assessment_id IS NULL""",
    "scores of no current assessment": """
        SELECT s.assessment_id FROM indicator_scores s LEFT JOIN assessments a USING (assessment_id)
        WHERE a.assessment_id IS NULL""",
    "history replaced by an unknown document": """
        SELECT h.document_id FROM assessment_history h
        LEFT JOIN documents d ON d.document_id = h.superseded_by WHERE d.document_id IS NULL""",
    "a superseded document missing from history": """
        SELECT d.document_id FROM documents d LEFT JOIN assessment_history h USING (document_id)
        WHERE d.status = 'superseded' AND h.document_id IS NULL""",
    "findings of an unknown document": """
        SELECT q.document_id FROM quarantine q LEFT JOIN documents d USING (document_id)
        WHERE d.document_id IS NULL""",
}


@pytest.mark.slow
def test_kill_during_loading_leaves_whole_documents(tmp_path: Path) -> None:
    db, raw = tmp_path / "w.duckdb", tmp_path / "raw"
    rng = random.Random(2565)
    loaded_before = 0
    for _round in range(5):
        proc = subprocess.Popen(
            [sys.executable, "-c", LOADER, str(db), str(raw), str(HERE), str(_round)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.3, 2.0))
        proc.kill()  # SIGKILL: no cleanup, no rollback by the loader itself
        proc.wait()
        con = connect(db)
        try:
            for what, sql in INVARIANTS.items():
                assert con.sql(sql).fetchall() == [], what
            count = con.sql("SELECT count(*) FROM documents").fetchall()[0][0]
            assert count >= loaded_before + 2  # at least the warm-up documents of this round
            loaded_before = count
            # and the warehouse takes new documents after the crash
            record = golden_record(SEED_JSON.name)
            outcome = load_prepared(
                con, prepare_record(stored_for(record, raw, tag=f"after-{_round}"), record)
            )
            assert outcome.status in ("loaded", "superseded_previous", "duplicate")
        finally:
            con.close()


def test_prepared_documents_cross_process_boundaries(tmp_path: Path) -> None:
    record = golden_record(SEED_JSON.name)
    prepared = prepare_record(stored_for(record, tmp_path / "raw"), record)
    copy = pickle.loads(pickle.dumps(prepared))
    assert copy == prepared
    con = connect(tmp_path / "w.duckdb")
    try:
        assert load_prepared(con, copy).status == "loaded"
    finally:
        con.close()
