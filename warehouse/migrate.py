"""A tiny migration runner: ``warehouse/migrations/NNNN_name.sql`` files applied in order, each
in its own transaction together with its row in ``schema_migrations``.

A migration is applied once; later edits to an applied file are not re-run (add a new file).
Files are owned by area: 0001 is the core warehouse, 0002+ belong to classification and
measures.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.errors import MigrationError
from warehouse.queries import run_query

MIGRATION_DIR = Path(__file__).resolve().parent / "migrations"
_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def sql(self) -> str:
        return self.path.read_text("utf-8")

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def available_migrations(folder: Path = MIGRATION_DIR) -> list[Migration]:
    found: dict[int, Migration] = {}
    for path in sorted(Path(folder).glob("*.sql")):
        m = _FILE.match(path.name)
        if m is None:
            continue
        version = int(m.group(1))
        if version in found:
            raise MigrationError(
                f"two migrations share number {version:04d}: {found[version].path.name} and "
                f"{path.name}"
            )
        found[version] = Migration(version, m.group(2), path)
    return [found[v] for v in sorted(found)]


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    if not run_query(con, "migrations_table_exists").scalar():
        return set()
    return {row[0] for row in run_query(con, "migrations_applied").rows}


def pending_migrations(
    con: duckdb.DuckDBPyConnection, folder: Path = MIGRATION_DIR
) -> list[Migration]:
    done = applied_versions(con)
    return [m for m in available_migrations(folder) if m.version not in done]


def apply_migrations(
    con: duckdb.DuckDBPyConnection, folder: Path = MIGRATION_DIR, up_to: int | None = None
) -> list[Migration]:
    """Apply every pending migration (up to version `up_to`), oldest first; returns them."""
    run_query(con, "migrations_create")
    applied: list[Migration] = []
    for migration in pending_migrations(con, folder):
        if up_to is not None and migration.version > up_to:
            break
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            run_query(
                con,
                "migrations_record",
                version=migration.version,
                name=migration.name,
                checksum=migration.checksum,
            )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise MigrationError(
                f"migration {migration.path.name} failed: {exc}; the warehouse is unchanged "
                "from the previous migration"
            ) from exc
        applied.append(migration)
    return applied
