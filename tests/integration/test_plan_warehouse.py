"""Classification and plans stored in a real DuckDB file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from measures_helpers import SEED_NAME, build_warehouse, copy_warehouse
from warehouse_helpers import golden_record, stored_for, with_indicator

from ita.fiscal import fiscal_year_bounds
from ita.scoring import round2
from warehouse import connect, load_prepared, prepare_record
from warehouse.plan import PlanError, find_agency, generate_measures
from warehouse.tracking import edit_target, list_measure_rows, moment_for

GENERATED = moment_for(date(2022, 9, 15))


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("plan-template"))


@pytest.fixture
def con(template_db: Path, tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = connect(copy_warehouse(template_db, tmp_path))
    yield connection
    connection.close()


def test_find_agency_by_the_ways_documents_write_it(con: duckdb.DuckDBPyConnection) -> None:
    for text in (SEED_NAME, "อบต.ตะคร้ำเอน", "องค์การบริหารส่วนตำบล ตะคร้ำเอน", "ตะคร้ำเอน"):
        assert find_agency(con, text).name == SEED_NAME
    with pytest.raises(PlanError, match="No agency"):
        find_agency(con, "องค์การบริหารส่วนตำบลครีแอน")  # the seed's cover page misspelling
    with pytest.raises(PlanError, match="agencies match"):
        find_agency(con, "องค์การบริหารส่วนตำบล")


def test_stored_classification_answers_sql_questions(con: duckdb.DuckDBPyConnection) -> None:
    generate_measures(con, find_agency(con, SEED_NAME), 2565, at=GENERATED)
    urgent = con.execute(
        "SELECT agency_name FROM v_classifications "
        "WHERE most_urgent_name = 'ประสิทธิภาพการสื่อสาร' AND fiscal_year = 2565"
    ).fetchall()
    assert urgent == [(SEED_NAME,)]
    row = con.execute(
        "SELECT strengths, weaknesses, to_improve, most_urgent_score, grade, passed "
        "FROM classifications WHERE fiscal_year = 2565"
    ).fetchall()
    assert row == [
        ([10, 3, 1, 5, 2, 4, 9, 6], [8, 7], [7, 8, 6, 9, 4], Decimal("77.02"), "A", True)
    ]
    weak_o = con.execute(
        "SELECT list(item_code ORDER BY item_code) FROM classification_weak_items "
        "WHERE indicator = 9"
    ).fetchone()
    assert weak_o == (["O10", "O11", "O20", "O24", "O28"],)
    improve = con.execute(
        "SELECT count(*) FROM classification_indicators WHERE to_improve"
    ).fetchone()
    assert improve == (5,)


def test_previous_year_and_peers_come_from_the_warehouse(con: duckdb.DuckDBPyConnection) -> None:
    report = generate_measures(con, find_agency(con, SEED_NAME), 2565, at=GENERATED)
    c = report.classification
    before = golden_record("2564-takhram-en-fpdf2.json")
    now = golden_record("2565-takhram-en-fpdf2.json")
    assert c.previous_fiscal_year == 2564
    assert c.score_change == now.score - before.score  # type: ignore[operator]
    assert c.indicator(7).change == now.indicators[7] - before.indicators[7]
    peers = [golden_record(n) for n in ("2565-ban-kao-chromium.json", "2565-nong-ya-fpdf2.json")]
    assert c.peers is not None and c.peers.n_agencies == 2
    assert c.peers.score == round2(sum(p.score for p in peers) / 2)  # type: ignore[misc]
    assert c.indicator(7).peer_average == round2(sum(p.indicators[7] for p in peers) / 2)
    stored = con.execute("SELECT peer_count, peer_score FROM classifications").fetchall()
    assert stored == [(2, c.peers.score)]


def test_generate_stores_the_plan_for_the_next_fiscal_year(con: duckdb.DuckDBPyConnection) -> None:
    report = generate_measures(con, find_agency(con, SEED_NAME), 2565, at=GENERATED)
    assert len(report.inserted) == 5 and not report.kept
    rows = list_measure_rows(con, as_of=date(2022, 10, 1), fiscal_year=2566)
    assert [r["indicator"] for r in rows] == [7, 8, 6, 9, 4]
    first, last = fiscal_year_bounds(2566)
    for r in rows:
        assert r["status"] == "planned" and r["source_fiscal_year"] == 2565
        assert first == r["start_date"] <= r["due_date"] <= last
    dates = con.execute(
        "SELECT min(due_date), max(due_date), count(*) FROM measure_milestones"
    ).fetchone()
    assert dates is not None and first <= dates[0] and dates[1] <= last and dates[2] > 40
    events = con.execute(
        "SELECT count(*), min(from_status), min(to_status) FROM measure_events"
    ).fetchone()
    assert events == (5, None, "planned")


def test_generating_again_keeps_human_edits_and_says_where_they_differ(
    con: duckdb.DuckDBPyConnection,
) -> None:
    agency = find_agency(con, SEED_NAME)
    first = generate_measures(con, agency, 2565, at=GENERATED)
    target = first.inserted[0]
    assert edit_target(con, target, "owner", "กองคลัง", actor="นักวิเคราะห์", at=GENERATED)
    assert not edit_target(con, target, "owner", "กองคลัง", actor="นักวิเคราะห์", at=GENERATED)
    counts_before = con.execute(
        "SELECT (SELECT count(*) FROM measures), (SELECT count(*) FROM measure_events)"
    ).fetchone()
    again = generate_measures(con, agency, 2565, at=moment_for(date(2022, 9, 20)))
    assert again.inserted == ()
    differences = {k.measure_id: k.differences for k in again.kept}
    assert [(d.field, d.stored) for d in differences[target]] == [("owner", "กองคลัง")]
    assert all(not d for mid, d in differences.items() if mid != target)
    counts_after = con.execute(
        "SELECT (SELECT count(*) FROM measures), (SELECT count(*) FROM measure_events)"
    ).fetchone()
    assert counts_after == counts_before
    owner = con.execute(
        "SELECT owner FROM measures_as_of(DATE '2022-10-01') WHERE measure_id = ?", [target]
    ).fetchone()
    assert owner == ("กองคลัง",)


def test_a_corrected_result_adds_no_silent_change(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    agency = find_agency(con, SEED_NAME)
    first = generate_measures(con, agency, 2565, at=GENERATED)
    corrected = with_indicator(golden_record("2565-takhram-en-fpdf2.json"), 4, "90.00")
    outcome = load_prepared(
        con, prepare_record(stored_for(corrected, tmp_path / "raw", "fix"), corrected)
    )
    assert outcome.status == "superseded_previous"
    again = generate_measures(con, agency, 2565, at=moment_for(date(2022, 9, 20)))
    ind4 = next(m for m in first.measures if m.indicator == 4).measure_id
    assert again.not_indicated == (ind4,)
    assert 4 not in [r.number for r in again.classification.to_improve]
    assert con.execute("SELECT to_improve FROM classifications").fetchone() == ([7, 8, 6, 9],)
    still = list_measure_rows(con, as_of=date(2022, 10, 1), fiscal_year=2566)
    assert ind4 in [r["measure_id"] for r in still]


def test_no_result_for_the_year_is_a_clear_refusal(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(PlanError, match="no result for fiscal year 2563"):
        generate_measures(con, find_agency(con, SEED_NAME), 2563, at=GENERATED)
