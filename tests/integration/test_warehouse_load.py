"""Loading records: exact numbers, lineage, duplicates, supersession with history, conflicts,
quarantine, one agency across spellings and years, and all-or-nothing transactions."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from warehouse_helpers import SEED_JSON, golden_record, snapshot, stored_for, with_indicator

from ita.findings import DocumentRefused, Finding
from ita.record import AssessmentRecord
from warehouse import LoadError, connect, load_prepared, prepare_record, run_query
from warehouse.load import Outcome


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "w.duckdb"


@pytest.fixture
def con(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = connect(db)
    yield connection
    connection.close()


def load(
    con: duckdb.DuckDBPyConnection, record: AssessmentRecord, raw: Path, tag: str = ""
) -> Outcome:
    return load_prepared(con, prepare_record(stored_for(record, raw, tag), record))


def seed() -> AssessmentRecord:
    return golden_record(SEED_JSON.name)


def test_seed_numbers_load_exactly(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    outcome = load(con, seed(), tmp_path / "raw")
    assert outcome.status == "loaded", outcome
    row = con.sql(
        "SELECT agency_name, province, fiscal_year, score, grade, iit_score, eit_score, "
        "oit_score FROM v_assessments"
    ).fetchall()
    assert row == [
        (
            "องค์การบริหารส่วนตำบลตะคร้ำเอน",
            "กาญจนบุรี",
            2565,
            Decimal("87.13"),
            "A",
            Decimal("89.28"),
            Decimal("78.92"),
            Decimal("91.67"),
        )
    ]
    indicators = con.sql("SELECT indicator, score FROM indicator_scores ORDER BY 1").fetchall()
    assert indicators == [
        (n, Decimal(s))
        for n, s in enumerate(
            [
                "92.69",
                "87.13",
                "92.98",
                "84.11",
                "89.48",
                "81.13",
                "77.02",
                "78.62",
                "83.33",
                "100.00",
            ],
            start=1,
        )
    ]
    items = dict(con.sql("SELECT item_code, score FROM item_scores").fetchall())
    assert items == seed().items
    assert items["E10"] == Decimal("66.67") and items["I20"] == Decimal("73.91")
    # lineage: the assessment points to the document, which is loaded
    lineage = con.sql(
        "SELECT d.status, d.agency_name FROM assessments a JOIN documents d USING (document_id)"
    ).fetchall()
    assert lineage == [("loaded", "องค์การบริหารส่วนตำบลตะคร้ำเอน")]
    # the seed's indicator 9 vs O-items disagreement is stored as a warning, not a refusal
    warnings = con.sql("SELECT severity, field FROM quarantine").fetchall()
    assert ("warning", "indicator.9") in warnings


def test_same_bytes_twice_change_nothing(
    con: duckdb.DuckDBPyConnection, db: Path, tmp_path: Path
) -> None:
    record = seed()
    prepared = prepare_record(stored_for(record, tmp_path / "raw"), record)
    assert load_prepared(con, prepared).status == "loaded"
    con.close()
    before = snapshot(db)
    again = connect(db)
    try:
        outcome = load_prepared(again, prepared)
    finally:
        again.close()
    assert outcome.status == "duplicate" and "same bytes" in outcome.reason
    assert snapshot(db) == before


def test_other_bytes_with_the_same_results_are_a_duplicate(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    first = load(con, seed(), tmp_path / "raw")
    second = load(con, seed(), tmp_path / "raw", tag="re-rendered")
    assert second.status == "duplicate"
    assert first.document_id[:12] in second.reason
    assert con.sql("SELECT count(*) FROM assessments").fetchall() == [(1,)]
    rows = con.sql("SELECT status, duplicate_of FROM documents ORDER BY status").fetchall()
    assert rows == [("duplicate", first.document_id), ("loaded", None)]


def test_corrected_document_supersedes_and_keeps_history(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    original = seed()
    corrected = with_indicator(original, 7, "80.02")
    first = load(con, original, tmp_path / "raw")
    second = load(con, corrected, tmp_path / "raw")
    assert second.status == "superseded_previous", second
    assert second.replaced_document_id == first.document_id
    assert "indicator.7 77.02 → 80.02" in second.reason
    assert second.assessment_id == first.assessment_id  # stable across the correction

    current = con.sql("SELECT score, document_id FROM assessments").fetchall()
    assert current == [(corrected.score, second.document_id)]
    assert con.sql("SELECT score FROM indicator_scores WHERE indicator = 7").fetchall() == [
        (Decimal("80.02"),)
    ]
    history = con.sql("SELECT document_id, score, superseded_by FROM assessment_history").fetchall()
    assert history == [(first.document_id, Decimal("87.13"), second.document_id)]
    old_7 = con.sql(
        "SELECT score FROM indicator_score_history WHERE indicator = 7 AND document_id = $d",
        params={"d": first.document_id},
    ).fetchall()
    assert old_7 == [(Decimal("77.02"),)]
    old_items = con.sql("SELECT count(*) FROM item_score_history").fetchall()[0][0]
    assert old_items == len(original.items)
    versions = con.sql(
        "SELECT document_id, is_current FROM v_assessment_versions ORDER BY is_current"
    ).fetchall()
    assert versions == [(first.document_id, False), (second.document_id, True)]
    statuses = dict(con.sql("SELECT document_id, status FROM documents").fetchall())
    assert statuses == {first.document_id: "superseded", second.document_id: "loaded"}


def test_analysis_report_contradicting_the_official_result_is_quarantined(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    official = seed()
    report = with_indicator(official, 7, "80.02")
    report.kind = "analysis_report"
    report.items = {}
    load(con, official, tmp_path / "raw")
    before = con.sql("SELECT * FROM assessments").fetchall()
    outcome = load(con, report, tmp_path / "raw")
    assert outcome.status == "quarantined"
    reasons = {f.field: f for f in outcome.findings if f.check == "conflicts_with_official"}
    assert "indicator.7" in reasons and "score" in reasons
    assert (
        "80.02" in reasons["indicator.7"].detail_en and "77.02" in reasons["indicator.7"].detail_en
    )
    assert con.sql("SELECT * FROM assessments").fetchall() == before


def test_agreeing_analysis_report_is_a_duplicate_and_official_result_replaces_a_report(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    report = seed()
    report.kind = "analysis_report"
    report.items = {k: v for k, v in report.items.items() if k.startswith("E")}
    first = load(con, report, tmp_path / "raw")
    assert first.status == "loaded"
    official = load(con, seed(), tmp_path / "raw")
    assert official.status == "superseded_previous"
    assert "official ITAS result" in official.reason
    assert con.sql("SELECT kind FROM assessments").fetchall() == [("itas_result",)]
    agreeing = load(con, report, tmp_path / "raw", tag="again")
    assert agreeing.status == "duplicate"


def test_more_complete_document_of_the_same_kind_supersedes(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    partial = seed()
    partial.items = {k: v for k, v in partial.items.items() if not k.startswith("O")}
    load(con, partial, tmp_path / "raw")
    complete = load(con, seed(), tmp_path / "raw")
    assert complete.status == "superseded_previous" and "more complete" in complete.reason
    count = con.sql("SELECT count(*) FROM item_scores").fetchall()[0][0]
    assert count == len(seed().items)


def test_one_agency_across_spellings_and_years(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    fy2565 = seed()
    fy2564 = golden_record("2564-takhram-en-fpdf2.json")
    fy2564.agency.name = "อบต. ตะคร้ําเอน"  # abbreviated, spaced, ํ + า
    fy2564.agency.province = None  # not printed in this document
    assert load(con, fy2565, tmp_path / "raw").status == "loaded"
    assert load(con, fy2564, tmp_path / "raw").status == "loaded"
    agencies = con.sql("SELECT name, province FROM agencies").fetchall()
    assert agencies == [("องค์การบริหารส่วนตำบลตะคร้ำเอน", "กาญจนบุรี")]
    trend = run_query(con, "agency_trend", agency="ตะคร้ำเอน").dicts()
    assert [r["fiscal_year"] for r in trend] == [2564, 2565]
    assert trend[1]["change"] == trend[1]["score"] - trend[0]["score"]


def test_refused_document_goes_to_quarantine_with_every_reason(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    record = seed()
    record.grade = "B"
    record.indicators[3] = Decimal("92.981")
    outcome = load(con, record, tmp_path / "raw")
    assert outcome.status == "quarantined"
    rows = con.sql(
        "SELECT check_code, severity, field, detail_th FROM quarantine ORDER BY finding_no"
    ).fetchall()
    errors = {(c, f) for c, s, f, _ in rows if s == "error"}
    assert {("grade_mismatch", "grade"), ("too_many_decimals", "indicator.3")} <= errors
    assert all(th for *_, th in rows)
    assert con.sql("SELECT count(*) FROM assessments").fetchall() == [(0,)]
    assert con.sql("SELECT count(*) FROM agencies").fetchall() == [(0,)]
    doc = con.sql("SELECT status, reason, agency_name, fiscal_year FROM documents").fetchall()
    assert doc[0][0] == "quarantined" and doc[0][2:] == ("องค์การบริหารส่วนตำบลตะคร้ำเอน", 2565)


def test_refusal_by_the_extractor_is_quarantined(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    refusal = DocumentRefused(
        Finding("scanned", "the PDF has no text layer", "ไฟล์ PDF ไม่มีชั้นข้อความ")
    )
    stored = stored_for(seed(), tmp_path / "raw", tag="scan")
    outcome = load_prepared(con, prepare_record(stored, None, (refusal.finding,)))
    assert outcome.status == "quarantined" and outcome.reason.startswith("scanned:")
    assert stored.path.exists()  # the raw file stays


def test_quarantined_document_is_checked_again_and_loads_once_fixed(
    con: duckdb.DuckDBPyConnection, db: Path, tmp_path: Path
) -> None:
    stored = stored_for(seed(), tmp_path / "raw", tag="pdf")
    crash = Finding("extraction_failed", "the extractor crashed", "โปรแกรมอ่านเอกสารขัดข้อง")
    first = load_prepared(con, prepare_record(stored, None, (crash,)))
    assert first.status == "quarantined"
    con.close()
    before = snapshot(db)
    again = connect(db)
    try:
        same = load_prepared(again, prepare_record(stored, None, (crash,)))
        assert same.status == "quarantined" and "same reasons" in same.reason
        assert snapshot(again) == before  # an unchanged verdict writes nothing
        fixed = load_prepared(again, prepare_record(stored, seed()))
        assert fixed.status == "loaded"
        status = again.sql("SELECT status FROM documents").fetchall()
        errors = again.sql("SELECT count(*) FROM quarantine WHERE severity = 'error'").fetchall()
    finally:
        again.close()
    assert status == [("loaded",)] and errors == [(0,)]


def test_failed_write_rolls_back_the_whole_document(
    con: duckdb.DuckDBPyConnection, db: Path, tmp_path: Path
) -> None:
    record = seed()
    prepared = prepare_record(stored_for(record, tmp_path / "raw"), record)
    # an orphan row that collides with the document's first item score: the item insert
    # fails after the agency, assessment and indicators were written in the same transaction
    first_item = min(record.items, key=lambda c: ("IEO".index(c[0]), int(c[1:])))
    from schemas.frames import build_frames

    assessment_id = build_frames(record).assessment_id
    con.execute(
        "INSERT INTO item_scores VALUES ($a, $c, 1.00)", {"a": assessment_id, "c": first_item}
    )
    con.close()
    before = snapshot(db)
    again = connect(db)
    try:
        with pytest.raises(LoadError, match="rolled back"):
            load_prepared(again, prepared)
    finally:
        again.close()
    assert snapshot(db) == before
