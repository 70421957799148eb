"""Numbered migrations apply to an empty database and to one at any earlier version."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from warehouse_helpers import SEED_JSON, golden_record, stored_for

from warehouse import connect, prepare_record
from warehouse.errors import MigrationError, WarehouseMissing, WarehouseOutdated
from warehouse.load import load_prepared
from warehouse.migrate import (
    MIGRATION_DIR,
    applied_versions,
    apply_migrations,
    available_migrations,
)

PUBLIC_TABLES = {
    "documents",
    "agencies",
    "assessments",
    "indicator_scores",
    "item_scores",
    "quarantine",
}


def tables_of(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}


def test_empty_database_gets_every_migration(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    try:
        assert applied_versions(con) == {m.version for m in available_migrations()}
        assert tables_of(con) >= PUBLIC_TABLES
        views = {r[0] for r in con.sql("SELECT view_name FROM duckdb_views()").fetchall()}
        assert {"v_assessments", "v_assessment_versions"} <= views
    finally:
        con.close()
    con = connect(tmp_path / "w.duckdb")  # opening again applies nothing
    try:
        assert apply_migrations(con) == []
    finally:
        con.close()


@pytest.mark.parametrize("previous", [m.version for m in available_migrations()][:-1] or [0])
def test_database_at_an_earlier_migration_is_brought_up_to_date(
    tmp_path: Path, previous: int
) -> None:
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    apply_migrations(con, up_to=previous)
    assert max(applied_versions(con), default=0) == previous
    if previous >= 1:  # data written at the earlier version survives
        assert load_prepared(con, _seed_prepared(tmp_path)).status == "loaded"
    con.close()
    with pytest.raises(WarehouseOutdated, match="needs migration"):
        connect(db, read_only=True)
    con = connect(db)
    try:
        assert applied_versions(con) == {m.version for m in available_migrations()}
        if previous >= 1:
            assert con.sql("SELECT score FROM assessments").fetchall()[0][0] == _seed_score()
    finally:
        con.close()


def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    core = next(m for m in available_migrations() if m.version == 1)
    (folder / core.path.name).write_text(core.sql, "utf-8")
    (folder / "0002_broken.sql").write_text(
        "CREATE TABLE half_done (x INTEGER);\nCREATE TABLE oops (x NOSUCHTYPE);\n", "utf-8"
    )
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    try:
        with pytest.raises(MigrationError, match=r"0002_broken\.sql"):
            apply_migrations(con, folder)
        assert applied_versions(con) == {1}
        assert "half_done" not in tables_of(con)
    finally:
        con.close()


def test_two_migrations_with_one_number_are_refused(tmp_path: Path) -> None:
    for name in ("0001_a.sql", "0001_b.sql"):
        (tmp_path / name).write_text("SELECT 1;", "utf-8")
    with pytest.raises(MigrationError, match="share number 0001"):
        available_migrations(tmp_path)


def test_migration_files_are_numbered_and_named() -> None:
    names = sorted(p.name for p in MIGRATION_DIR.glob("*.sql"))
    assert names == sorted(m.path.name for m in available_migrations())
    assert names[0] == "0001_core.sql"


def test_reading_a_missing_warehouse_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(WarehouseMissing, match="ita ingest"):
        connect(tmp_path / "none.duckdb", read_only=True)
    assert not (tmp_path / "none.duckdb").exists()


def _seed_prepared(tmp_path: Path):  # type: ignore[no-untyped-def]
    record = golden_record(SEED_JSON.name)
    return prepare_record(stored_for(record, tmp_path / "raw"), record)


def _seed_score():  # type: ignore[no-untyped-def]
    return golden_record(SEED_JSON.name).score
