"""`ita demo` end to end, as `make demo` runs it (own temporary Prefect server, fresh demo
warehouse), into temporary folders."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import zipfile

import duckdb
import pytest

from ita.samples.corpus import CORPUS_DIR

pytestmark = pytest.mark.slow


def test_ita_demo_runs_the_whole_job_and_writes_the_seed_reports(tmp_path) -> None:
    out, demo_dir = tmp_path / "out", tmp_path / "demo"
    env = {**os.environ, "ITA_DEMO_DIR": str(demo_dir), "PREFECT_HOME": str(tmp_path / "home")}
    env.pop("PREFECT_API_URL", None)
    env["ITA_PREFECT_PORT"] = "1"  # no server is running there: the demo uses a temporary one
    done = subprocess.run(
        [sys.executable, "-c", "from flows.cli import main; main()", "demo", "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Documents (one ingest flow run)" in done.stdout

    reports = {p.suffix: p for p in out.iterdir()}
    assert set(reports) == {".docx", ".pdf", ".html"}
    assert "ตะคร้ำเอน" in reports[".pdf"].name
    assert reports[".pdf"].read_bytes()[:5] == b"%PDF-"
    assert "word/document.xml" in zipfile.ZipFile(reports[".docx"]).namelist()

    with open(CORPUS_DIR / "manifest.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    expected_quarantined = sum(r["expected"].startswith("quarantined") for r in rows)
    expected_results = len(
        {(r["agency"], r["fiscal_year"]) for r in rows if r["expected"] == "loaded"}
    )
    con = duckdb.connect(str(demo_dir / "ita.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from documents").fetchall()[0][0] == len(rows)
        quarantined = con.execute("select count(*) from documents where status = 'quarantined'")
        assert quarantined.fetchall()[0][0] == expected_quarantined
        assert con.execute("select count(*) from assessments").fetchall()[0][0] == expected_results
        assert con.execute("select count(*) from measures").fetchall()[0][0] > 0
    finally:
        con.close()
