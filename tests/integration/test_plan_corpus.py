"""Every sample agency of the bundled corpus, loaded into a real warehouse, gets a complete
plan dated inside the fiscal year after its result (``ita measures generate --all``)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from measures_helpers import build_warehouse
from typer.testing import CliRunner
from warehouse_helpers import CORPUS

from flows.cli import app
from ita.fiscal import fiscal_year_bounds
from warehouse import connect


@pytest.mark.slow
def test_every_sample_agency_gets_a_complete_plan(tmp_path: Path) -> None:
    with open(CORPUS / "manifest.csv", encoding="utf-8", newline="") as fh:
        names = [
            Path(r["file"]).with_suffix(".json").name
            for r in csv.DictReader(fh)
            if r["expected"] == "loaded" and (CORPUS / r["file"]).with_suffix(".json").is_file()
        ]
    # the corpus has several documents per agency and year: later ones supersede or repeat
    db = build_warehouse(tmp_path, tuple(names), ("loaded", "superseded_previous", "duplicate"))
    con = connect(db, read_only=True)
    years = [y for (y,) in con.execute("SELECT DISTINCT fiscal_year FROM assessments").fetchall()]
    results = con.execute("SELECT count(*) FROM assessments").fetchone()[0]
    con.close()
    for year in sorted(years):
        out = CliRunner().invoke(
            app,
            [
                "measures",
                "generate",
                "--all",
                "--year",
                str(year),
                "--db",
                str(db),
                "--as-of",
                fiscal_year_bounds(year)[1].isoformat(),
            ],
        )
        assert out.exit_code == 0, out.output
    con = connect(db, read_only=True)
    try:
        planned = con.execute(
            "SELECT count(DISTINCT (agency_id, source_fiscal_year)) FROM measures"
        ).fetchone()[0]
        assert planned == results
        classified = con.execute("SELECT count(*) FROM classifications").fetchone()[0]
        assert classified == results
        rows = con.execute(
            "SELECT m.fiscal_year, m.start_date, m.due_date, min(ms.due_date), max(ms.due_date), "
            "count(ms.milestone_no), m.title, m.owner, len(m.monitoring) "
            "FROM measures m JOIN measure_milestones ms USING (measure_id) GROUP BY ALL"
        ).fetchall()
        for fy, start, due, first_ms, last_ms, n, title, owner, monitoring in rows:
            first, last = fiscal_year_bounds(fy)
            assert first == start <= due <= last
            assert first <= first_ms <= last_ms == due
            assert n > 0 and title and owner and monitoring > 0
        missing = con.execute(
            "SELECT count(*) FROM classification_indicators ci WHERE ci.to_improve AND NOT EXISTS "
            "(SELECT 1 FROM measures m JOIN assessments a USING (assessment_id) "
            " WHERE a.assessment_id = ci.assessment_id AND m.indicator = ci.indicator)"
        ).fetchone()[0]
        assert missing == 0
    finally:
        con.close()
