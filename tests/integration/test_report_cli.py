"""`ita report` on a real DuckDB file: ingest a result, plan the measures, write the report in
every format — and ingesting the generated PDF gives back the same scores."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from docx import Document as open_docx
from typer.testing import CliRunner

import ita.samples
from flows.cli import app

CORPUS = Path(ita.samples.__file__).parent / "corpus"
SEED_PDF = CORPUS / "2565-takhram-en-chromium.pdf"
AGENCY = "องค์การบริหารส่วนตำบลตะคร้ำเอน"

runner = CliRunner()


def ita(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def scores(db: Path) -> tuple[tuple[object, ...], list[tuple[object, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        overall = con.execute(
            "SELECT agency_name, district, province, fiscal_year, score, grade FROM v_assessments"
        ).fetchall()
        indicators = con.execute(
            "SELECT indicator, score FROM indicator_scores ORDER BY indicator"
        ).fetchall()
    finally:
        con.close()
    assert len(overall) == 1
    return overall[0], indicators


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("report-cli")
    db = root / "ita.duckdb"
    code, out = ita("ingest", SEED_PDF, "--db", db, "--raw-dir", root / "raw")
    assert code == 0, out
    code, out = ita("measures", "generate", "--agency", "อบต.ตะคร้ำเอน", "--year", 2565, "--db", db)
    assert code == 0, out
    return db


@pytest.mark.slow
def test_report_in_every_format_and_its_pdf_ingests_to_the_same_scores(
    warehouse: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    code, out = ita(
        "report",
        "--agency",
        "อบต.ตะคร้ำเอน",
        "--year",
        2565,
        "--format",
        "all",
        "--db",
        warehouse,
        "--out",
        out_dir,
        "--date",
        "2022-08-15",
    )
    assert code == 0, out
    assert "note:" not in out  # the stored classification and plan were used
    written = {line.split("\t")[0]: Path(line.split("\t")[1]) for line in out.splitlines()}
    assert set(written) == {"pdf", "docx", "html", "md"}
    assert all(p.exists() and p.stat().st_size > 1000 for p in written.values())

    # the plan in the report is the stored plan
    con = duckdb.connect(str(warehouse), read_only=True)
    titles = [
        r[0] for r in con.execute("SELECT title FROM measures ORDER BY measure_id").fetchall()
    ]
    con.close()
    doc = open_docx(str(written["docx"]))
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert titles and all(title in cells for title in titles)

    # ingesting the generated PDF gives back the same result
    again = tmp_path / "again.duckdb"
    code, out = ita("ingest", written["pdf"], "--db", again, "--raw-dir", tmp_path / "raw")
    assert code == 0, out
    assert "loaded" in out
    assert scores(again) == scores(warehouse)


def test_thai_digits_report_ingests_to_the_same_scores(warehouse: Path, tmp_path: Path) -> None:
    code, out = ita(
        "report", "--agency", AGENCY, "--year", 2565, "--db", warehouse, "--out", tmp_path,
        "--thai-digits",
    )  # fmt: skip
    assert code == 0, out
    pdf = Path(out.strip().split("\t")[1])
    again = tmp_path / "again.duckdb"
    code, out = ita("ingest", pdf, "--db", again, "--raw-dir", tmp_path / "raw")
    assert code == 0, out
    assert scores(again) == scores(warehouse)


def test_unknown_agency_is_refused_with_a_reason(warehouse: Path, tmp_path: Path) -> None:
    code, out = ita("report", "--agency", "เทศบาลไม่มีจริง", "--year", 2565, "--db", warehouse)
    assert code == 2
    assert "No agency in the warehouse matches" in out


def test_missing_year_is_refused(warehouse: Path) -> None:
    code, out = ita("report", "--agency", AGENCY, "--year", 2567, "--db", warehouse)
    assert code == 2
    assert "no result for fiscal year 2567" in out


def test_bad_format_and_date_are_refused(warehouse: Path) -> None:
    code, out = ita("report", "--agency", AGENCY, "--year", 2565, "--format", "odt")
    assert code == 2 and "unknown format" in out
    code, out = ita("report", "--agency", AGENCY, "--year", 2565, "--date", "15/08/2565")
    assert code == 2 and "YYYY-MM-DD" in out


def test_missing_warehouse_is_an_error(tmp_path: Path) -> None:
    code, out = ita("report", "--agency", AGENCY, "--year", 2565, "--db", tmp_path / "none.duckdb")
    assert code == 1
    assert "Error:" in out
