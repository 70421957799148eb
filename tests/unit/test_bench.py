"""The benchmark harness on tiny sizes: the synthetic national warehouse obeys the catalog's
own arithmetic, every query runs on it, and the report and verdicts are written from it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from bench.corpus import distinct_profiles
from bench.national import (
    NationalSpec,
    bench_national,
    catalog_year_of,
)
from bench.report import render_results
from bench.targets import judge
from ita.agency import agency_key
from ita.frameworks import known_years, load_framework

AGENCIES = 40


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    db = tmp_path_factory.mktemp("national") / "national.duckdb"
    return db, bench_national(db, NationalSpec(agencies=AGENCIES), warm_runs=1, cold_runs=1)


def test_national_warehouse_has_every_catalog_item_of_every_year(national: tuple) -> None:
    db, result = national
    years = result["fiscal_years"]
    assert len(years) == 8
    expected_items = sum(len(load_framework(catalog_year_of(y)).items) for y in years)
    with duckdb.connect(str(db), read_only=True) as con:
        per_year = dict(
            con.execute(
                "SELECT a.fiscal_year, count(*) FROM item_scores s "
                "JOIN assessments a USING (assessment_id) GROUP BY ALL"
            ).fetchall()
        )
    assert result["rows"]["agencies"] == AGENCIES
    assert result["rows"]["assessments"] == AGENCIES * 8
    assert result["rows"]["indicator_scores"] == AGENCIES * 8 * 10
    assert result["rows"]["item_scores"] == AGENCIES * expected_items
    for year in years:
        assert per_year[year] == AGENCIES * len(load_framework(catalog_year_of(year)).items)


def test_national_scores_follow_the_catalog_weights_and_grades(national: tuple) -> None:
    db, _ = national
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT fiscal_year, score, grade, iit_score, eit_score, oit_score FROM assessments"
        ).fetchall()
    for year, score, grade, iit, eit, oit in rows:
        fw = load_framework(catalog_year_of(year))
        tools = {"IIT": iit, "EIT": eit, "OIT": oit}
        weighted = sum(fw.tools[t].weight * tools[t] for t in tools)
        assert abs(weighted - score) <= Decimal("0.01"), (year, score, weighted)
        assert grade == fw.grade_for(score, tools), (year, score, tools)


def test_catalog_year_of_an_uncatalogued_year_is_the_nearest() -> None:
    first, last = min(known_years()), max(known_years())
    assert catalog_year_of(first - 1) == first
    assert catalog_year_of(last + 1) == last
    assert catalog_year_of(first) == first


def test_every_query_runs_and_the_example_ones_return_rows(national: tuple) -> None:
    _, result = national
    names = {q["name"] for q in result["queries"]}
    assert {"agency_trend", "weakest_indicator_by_province", "below_pass_two_years"} <= names
    for q in result["queries"]:
        assert q["warm_ms"] > 0 and q["cold_ms"] > 0
        if q["name"] != "readme_quarantine_counts":  # nothing is quarantined here
            assert q["rows"] > 0, q["name"]


def test_report_and_verdicts_from_partial_results(national: tuple) -> None:
    _, result = national
    results = {"national": result, "environments": {"national": {"cores": 2}}}
    verdicts = {v["target"]: v for v in judge(results)}
    query = next(v for t, v in verdicts.items() if "example query" in t)
    assert query["met"] in (True, False) and "ms warm" in query["numbers"]
    assert sum(v["met"] is None for v in verdicts.values()) == len(verdicts) - 1
    text = render_results({**results, "targets": list(verdicts.values())})
    assert "`agency_trend`" in text and "not measured" in text


def test_benchmark_agencies_are_distinct() -> None:
    profiles = distinct_profiles(500)
    keys = {(agency_key(p.agency.name), p.agency.province) for p in profiles}
    assert len(keys) == 500
    assert len({p.agency.name for p in profiles}) == 500


def test_national_classification_names_the_lowest_indicator(national: tuple) -> None:
    db, result = national
    assert result["rows"]["classifications"] == AGENCIES * 8
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT c.fiscal_year, c.most_urgent_indicator, c.most_urgent_name, "
            "c.most_urgent_score, min(s.score) "
            "FROM classifications c JOIN indicator_scores s USING (assessment_id) "
            "GROUP BY ALL"
        ).fetchall()
    for year, indicator, name, score, lowest in rows:
        assert score == lowest
        assert name == load_framework(catalog_year_of(year)).indicators[indicator].name
