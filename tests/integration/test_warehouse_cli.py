"""The warehouse commands end to end on real files: ingest, quarantine list/show, sql, export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner, Result
from warehouse_helpers import CORPUS, SEED_JSON, extractor_available, golden_record, stored_for

from flows.cli import app
from ita.settings import get_settings
from warehouse import connect, load_prepared, prepare_record

NOT_ITA = CORPUS / "defect-not-ita-2566-announcement.pdf"
SEED_PDF = CORPUS / "2565-takhram-en-fpdf2.pdf"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private warehouse and raw store; returns the database path."""
    monkeypatch.setenv("ITA_DB", str(tmp_path / "w.duckdb"))
    monkeypatch.setenv("ITA_RAW_DIR", str(tmp_path / "raw"))
    get_settings.cache_clear()
    yield tmp_path / "w.duckdb"
    get_settings.cache_clear()


@pytest.fixture
def seeded(env: Path, tmp_path: Path) -> Path:
    """The warehouse with the seed agency loaded (from its golden record)."""
    record = golden_record(SEED_JSON.name)
    con = connect(env)
    try:
        load_prepared(con, prepare_record(stored_for(record, tmp_path / "raw"), record))
    finally:
        con.close()
    return env


def ita(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.mark.skipif(not extractor_available(), reason="ita.sources.extract_document not yet here")
def test_ingest_reports_each_document_and_a_summary(env: Path) -> None:
    result = ita("ingest", str(SEED_PDF), str(NOT_ITA))
    assert result.exit_code == 0, result.output
    assert "loaded" in result.output and "quarantined" in result.output
    assert "not_ita:" in result.output
    assert "2 document(s): 1 loaded, 1 quarantined." in result.output

    again = ita("ingest", str(SEED_PDF), str(NOT_ITA), "--strict")
    assert again.exit_code == 3, again.output
    assert "1 duplicate, 1 quarantined" in again.output


def test_quarantine_list_and_show_explain_in_english_and_thai(env: Path) -> None:
    result = ita("ingest", str(NOT_ITA))  # refused by extraction whatever its state
    assert result.exit_code == 0, result.output
    listing = ita("quarantine", "list")
    assert listing.exit_code == 0, listing.output
    con = connect(env, read_only=True)
    try:
        [(document_id,)] = con.sql("SELECT document_id FROM documents").fetchall()
    finally:
        con.close()
    assert document_id[:12] in listing.output
    shown = ita("quarantine", "show", document_id[:10])
    assert shown.exit_code == 0, shown.output
    assert "EN: " in shown.output and "TH: " in shown.output
    assert "raw file" in shown.output and document_id in shown.output
    th_line = next(line for line in shown.output.splitlines() if "TH: " in line)
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in th_line)
    assert ita("quarantine", "show", "ffffffffff").exit_code == 1
    assert ita("quarantine", "show", "ab").exit_code == 2


def test_sql_prints_table_csv_and_json(seeded: Path) -> None:
    table = ita("sql", "SELECT agency_name, score, grade FROM v_assessments")
    assert table.exit_code == 0, table.output
    assert "87.13" in table.output and "1 row(s)" in table.output
    as_csv = ita("sql", "SELECT fiscal_year, score FROM assessments", "--csv")
    assert as_csv.output.splitlines() == ["fiscal_year,score", "2565,87.13"]
    as_json = ita("sql", "SELECT indicator, score FROM indicator_scores ORDER BY 1", "--json")
    rows = json.loads(as_json.output)
    assert rows[6] == {"indicator": 7, "score": 77.02} and len(rows) == 10


def test_sql_runs_named_queries_with_parameters(seeded: Path) -> None:
    trend = ita("sql", "--query", "agency_trend", "--param", "agency=ตะคร้ำเอน", "--csv")
    assert trend.exit_code == 0, trend.output
    assert "องค์การบริหารส่วนตำบลตะคร้ำเอน" in trend.output and "87.13" in trend.output
    weakest = ita("sql", "-q", "weakest_indicator_by_province", "-p", "fiscal_year=2565", "--csv")
    assert weakest.output.splitlines()[1] == "กาญจนบุรี,7,77.02,1"
    missing = ita("sql", "-q", "below_pass_two_years")
    assert missing.exit_code == 2 and "pass_line" in missing.output


def test_sql_is_read_only_and_errors_are_messages(seeded: Path) -> None:
    write = ita("sql", "DELETE FROM assessments")
    assert write.exit_code == 1 and "read-only" in write.output
    bad = ita("sql", "SELEC 1")
    assert bad.exit_code == 1 and "SQL error" in bad.output
    assert "Traceback" not in write.output + bad.output


def test_export_writes_parquet_partitioned_by_fiscal_year(seeded: Path, tmp_path: Path) -> None:
    result = ita("export", "--parquet", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "assessments" / "fiscal_year=2565").is_dir()
    table = ds.dataset(tmp_path / "out" / "indicator_scores", partitioning="hive").to_table()
    assert table.num_rows == 10
    assert set(table.column("fiscal_year").to_pylist()) == {2565}
    scores = ds.dataset(tmp_path / "out" / "assessments", partitioning="hive").to_table()
    assert scores.column("score").to_pylist() == [Decimal("87.13")]
    assert (tmp_path / "out" / "documents.parquet").is_file()


def test_ingest_argument_errors(env: Path, tmp_path: Path) -> None:
    missing = ita("ingest", str(tmp_path / "nope.pdf"))
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    empty = ita("ingest", str(tmp_path / "inbox" / "*.pdf"))
    assert empty.exit_code == 0 and "Nothing to ingest" in empty.output


def test_reading_before_any_ingest_says_what_to_do(env: Path) -> None:
    result = ita("quarantine", "list")
    assert result.exit_code == 1 and "ita ingest" in result.output
