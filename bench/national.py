"""A synthetic national warehouse and the latency of the example and analyst queries on it.

The warehouse file is made by the real migrations (`warehouse.connect`), then filled with DuckDB
bulk statements (`bench/sql/national_*.sql`), never row by row: 8,300 agencies over 77
provinces × 8 fiscal years, every item of each year's catalog (the year before the catalog's
first borrows that year's item lists), indicators as means of their items, tool scores, the
weighted overall score and the grade of that year's bands — about 5.4 M item rows.

Latency: "warm" is the median of repeated runs on one open connection; "cold" is the median of
first runs on a freshly opened connection (an empty DuckDB buffer pool; the operating system's
file cache stays warm — dropping it needs root and would slow everyone else's work).
"""

from __future__ import annotations

import statistics
import time
from contextlib import closing
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ita.frameworks import known_years, load_framework
from ita.settings import get_settings
from warehouse.connection import connect
from warehouse.queries import QueryResult, load_query, run_sql

SQL_DIR = Path(__file__).resolve().parent / "sql"
DATA_DIR = Path(__file__).resolve().parent
# How common each type is among the ~8,300 ITA agencies (mostly local government).
TYPE_WEIGHTS = {
    "องค์การบริหารส่วนตำบล": 64,
    "เทศบาลตำบล": 26,
    "เทศบาลเมือง": 2,
    "เทศบาลนคร": 1,
    "องค์การบริหารส่วนจังหวัด": 1,
    "กรม": 2,
    "โรงพยาบาล": 2,
    "สำนักงานเขตพื้นที่การศึกษา": 2,
}
STEMS = (
    "ตะคร้ำเอน",
    "หนองหญ้า",
    "บ้านเก่า",
    "เขาพระ",
    "ป่าแดด",
    "หนองบัว",
    "สีคิ้ว",
    "ท่าเรือ",
    "วังน้ำเขียว",
    "ดอนเจดีย์",
    "บ้านแพ้ว",
    "แม่ริม",
    "บ้านโป่ง",
    "หาดใหญ่",
    "ท่ามะกา",
    "พนมทวน",
    "จอมทอง",
    "พิปูน",
    "ท่าม่วง",
    "ห้วยกระเจา",
    "ลาดหญ้า",
    "วังด้ง",
    "หนองตากยา",
    "ทุ่งทอง",
    "ดอนตาเพชร",
    "สระลงเรือ",
    "บ่อพลอย",
    "หนองโรง",
    "โคกสะอาด",
    "นาดี",
    "ดงเย็น",
    "โพธิ์ทอง",
)
FIRST_RUN_YEAR = 2561
BUILD_STEPS = (
    ("agencies", "national_agencies"),
    ("base", "national_base"),
    ("item scores (scored in memory)", "national_item_scores_temp"),
    ("item_scores", "national_item_scores"),
    ("indicator_scores", "national_indicator_scores"),
    ("assessments", "national_assessments"),
    ("documents", "national_documents"),
    ("classifications", "national_classifications"),
)
# The README's example queries (warehouse/README.md: the named queries in warehouse/queries and
# the inline ones, copied into bench/sql/readme_*.sql) and a few more an analyst would run.
# None stands for the full name of one agency with results in every year.
EXAMPLE_QUERIES: dict[str, dict[str, Any]] = {
    "agency_trend": {"agency": "ตะคร้ำเอน"},
    "weakest_indicator_by_province": {"fiscal_year": 2566},
    "below_pass_two_years": {"pass_line": 85},
    "readme_province_results": {"province": "กาญจนบุรี"},
    "readme_province_summary": {"fiscal_year": 2566},
    "readme_below_pass_inline": {"pass_line": 85},
    "readme_most_urgent": {"name": "ประสิทธิภาพการสื่อสาร"},
    "readme_quarantine_counts": {},
    "readme_assessment_versions": {"name": None},
}
ANALYST_QUERIES: dict[str, dict[str, Any]] = {
    "analyst_grade_distribution": {},
    "analyst_province_ranking": {"fiscal_year": 2566, "pass_line": 85},
    "analyst_weakest_items": {"fiscal_year": 2566},
    "analyst_agency_items": {"agency": None},
    "analyst_biggest_drops": {"fiscal_year": 2566},
    "analyst_indicator_trend": {},
    "analyst_item_pass_rate_by_type": {"fiscal_year": 2566},
}


@dataclass(frozen=True, slots=True)
class NationalSpec:
    agencies: int = 8300
    first_year: int = FIRST_RUN_YEAR
    years: int = 8

    @property
    def fiscal_years(self) -> list[int]:
        return list(range(self.first_year, self.first_year + self.years))


@dataclass(slots=True)
class QueryTiming:
    name: str
    kind: str  # example | analyst
    params: dict[str, Any]
    rows: int
    warm_ms: float  # median
    cold_ms: float  # median
    warm_runs: list[float] = field(default_factory=list)
    cold_runs: list[float] = field(default_factory=list)


@cache
def bench_sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text("utf-8")


def run_bench_sql(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> QueryResult:
    return run_sql(con, bench_sql(name), params)


def provinces() -> list[str]:
    return (DATA_DIR / "provinces.txt").read_text("utf-8").split()


def weighted_types() -> list[str]:
    return [kind for kind, weight in TYPE_WEIGHTS.items() for _ in range(weight)]


def catalog_year_of(year: int) -> int:
    """The catalog year whose item lists a (possibly uncatalogued) year uses: the nearest."""
    return min(known_years(), key=lambda known: (abs(known - year), -known))


def catalog_tables(years: list[int]) -> dict[str, pa.Table]:
    """Items, indicators (with tool weights) and grade bands of each year, from the catalog."""
    items: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    bands: list[dict[str, Any]] = []
    for year in years:
        fw = load_framework(catalog_year_of(year))
        items += [
            {"fiscal_year": year, "item_code": i.code, "indicator": i.indicator, "scale": i.scale}
            for i in fw.items.values()
        ]
        for tool in fw.tools.values():
            indicators += [
                {
                    "fiscal_year": year,
                    "indicator": n,
                    "name": fw.indicators[n].name,
                    "tool": tool.code,
                    "tool_weight": tool.weight,
                }
                for n in tool.indicators
            ]
        bands += [
            {
                "fiscal_year": year,
                "band_order": order,
                "label": band.label,
                "min_score": band.min,
                "max_score": band.max,
                "tools_min": band.tools_min,
            }
            for order, band in enumerate(fw.grading.bands)
        ]
    score = pa.decimal128(5, 2)
    return {
        "catalog": pa.Table.from_pylist(items),
        "indicators": pa.Table.from_pylist(
            indicators,
            pa.schema(
                [
                    ("fiscal_year", pa.int32()),
                    ("indicator", pa.int32()),
                    ("name", pa.string()),
                    ("tool", pa.string()),
                    ("tool_weight", score),
                ]
            ),
        ),
        "bands": pa.Table.from_pylist(
            bands,
            pa.schema(
                [
                    ("fiscal_year", pa.int32()),
                    ("band_order", pa.int32()),
                    ("label", pa.string()),
                    ("min_score", score),
                    ("max_score", score),
                    ("tools_min", score),
                ]
            ),
        ),
    }


def build_national_warehouse(path: Path, spec: NationalSpec | None = None) -> dict[str, Any]:
    """Create the warehouse file at `path` (replacing it) and fill it; returns what it took."""
    spec = spec or NationalSpec()
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    years = spec.fiscal_years
    steps: dict[str, float] = {}
    started = time.perf_counter()
    with closing(connect(path)) as con:
        steps["connect + migrations"] = time.perf_counter() - started
        for name, table in catalog_tables(years).items():
            con.register(f"bench_{name}_rows", table)
            run_bench_sql(con, f"national_{name}")
        params: dict[str, Any] = {
            "agencies": spec.agencies,
            "provinces": provinces(),
            "stems": list(STEMS),
            "types": weighted_types(),
            "years": years,
            "catalog_years": [catalog_year_of(y) for y in years],
            "pass_line": get_settings().pass_line,
        }
        for label, name in BUILD_STEPS:
            t0 = time.perf_counter()
            run_bench_sql(con, name, **params)
            steps[label] = time.perf_counter() - t0
        t0 = time.perf_counter()
        con.execute("CHECKPOINT")
        steps["checkpoint"] = time.perf_counter() - t0
        counts = run_bench_sql(con, "national_counts").dicts()[0]
    total = time.perf_counter() - started
    return {
        "spec": asdict(spec),
        "fiscal_years": years,
        "catalog_years": {y: catalog_year_of(y) for y in years},
        "seconds": round(total, 2),
        "steps_s": {k: round(v, 3) for k, v in steps.items()},
        "rows": counts,
        "file_bytes": path.stat().st_size,
    }


def pick_agency(path: Path) -> str:
    """The full name of one agency with results in every year (for the single-agency queries)."""
    with closing(connect(path, read_only=True)) as con:
        return str(run_bench_sql(con, "pick_agency").scalar())


def query_text(name: str) -> str:
    return bench_sql(name) if name.startswith(("analyst_", "readme_")) else load_query(name)


def time_query(
    path: Path, name: str, params: dict[str, Any], warm_runs: int = 7, cold_runs: int = 5
) -> QueryTiming:
    sql = query_text(name)
    cold: list[float] = []
    rows = 0
    for _ in range(cold_runs):
        with closing(connect(path, read_only=True)) as con:
            t0 = time.perf_counter()
            rows = len(run_sql(con, sql, params))
            cold.append((time.perf_counter() - t0) * 1000)
    warm: list[float] = []
    with closing(connect(path, read_only=True)) as con:
        run_sql(con, sql, params)
        for _ in range(warm_runs):
            t0 = time.perf_counter()
            run_sql(con, sql, params)
            warm.append((time.perf_counter() - t0) * 1000)
    return QueryTiming(
        name,
        "analyst" if name.startswith("analyst_") else "example",
        params,
        rows,
        round(statistics.median(warm), 1),
        round(statistics.median(cold), 1),
        [round(x, 1) for x in warm],
        [round(x, 1) for x in cold],
    )


def time_queries(path: Path, warm_runs: int = 7, cold_runs: int = 5) -> list[QueryTiming]:
    agency = pick_agency(path)
    timings = []
    for name, params in {**EXAMPLE_QUERIES, **ANALYST_QUERIES}.items():
        bound = {k: (agency if v is None else v) for k, v in params.items()}
        timings.append(time_query(path, name, bound, warm_runs, cold_runs))
    return timings


def bench_national(
    path: Path, spec: NationalSpec | None = None, warm_runs: int = 7, cold_runs: int = 5
) -> dict[str, Any]:
    """Build the national warehouse at `path` and time every query on it."""
    built = build_national_warehouse(path, spec)
    queries = time_queries(path, warm_runs, cold_runs)
    return {**built, "queries": [asdict(q) for q in queries]}
