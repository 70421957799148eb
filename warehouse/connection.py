"""Opening the warehouse: one writer, bounded waiting, clear messages.

DuckDB allows one process to write a database file, and while it does, no other process can open
the file at all — not even read-only (DuckDB 2.0; there is no built-in wait). `connect` retries
such a lock conflict with growing pauses for up to `settings.writer_wait_s` seconds and then
raises `WarehouseBusy`, whose message says who holds the lock and what to do; callers show that
message, never a traceback. A writing connection applies pending migrations first.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ita.settings import get_settings
from warehouse.errors import WarehouseBusy, WarehouseError, WarehouseMissing, WarehouseOutdated
from warehouse.migrate import apply_migrations, pending_migrations
from warehouse.queries import run_query

log = logging.getLogger(__name__)

_PID = re.compile(r"\(PID (\d+)\)")
__all__ = [  # the errors are re-exported for callers that catch them with connect
    "WarehouseBusy",
    "WarehouseError",
    "WarehouseMissing",
    "WarehouseOutdated",
    "connect",
    "default_db",
    "transaction",
]
FIRST_PAUSE_S = 0.05
MAX_PAUSE_S = 1.0


def default_db() -> Path:
    return Path(get_settings().db)


def connect(
    db: Path | str | None = None,
    read_only: bool = False,
    wait_s: float | None = None,
    migrate: bool = True,
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse (default: settings.db). Writers get pending migrations applied;
    readers are refused with `WarehouseOutdated` if migrations are pending. A lock held by
    another process is waited for up to `wait_s` (default settings.writer_wait_s). Timestamps
    are shown in settings.timezone (Asia/Bangkok)."""
    path = Path(db) if db is not None else default_db()
    if read_only and not path.exists():
        raise WarehouseMissing(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = _open_waiting(path, read_only, get_settings().writer_wait_s if wait_s is None else wait_s)
    try:
        run_query(con, "session_timezone", tz=get_settings().timezone)
        if read_only:
            pending = [f"{m.version:04d}_{m.name}" for m in pending_migrations(con)]
            if pending:
                raise WarehouseOutdated(path, pending)
        elif migrate:
            apply_migrations(con)
    except BaseException:
        con.close()
        raise
    return con


def _open_waiting(path: Path, read_only: bool, wait_s: float) -> duckdb.DuckDBPyConnection:
    started = time.monotonic()
    pause = FIRST_PAUSE_S
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" not in message.lower():
                raise WarehouseError(f"Cannot open the warehouse {path}: {message}") from exc
            waited = time.monotonic() - started
            pid = _PID.search(message)
            if waited >= wait_s:
                raise WarehouseBusy(path, int(pid.group(1)) if pid else None, waited) from None
            if pause == FIRST_PAUSE_S:  # say so once, at once: a silent wait looks like a hang
                log.warning(
                    "The warehouse %s is in use by process %s; waiting up to %.0f s for it…",
                    path,
                    pid.group(1) if pid else "(unknown)",
                    wait_s,
                )
            time.sleep(min(pause, max(wait_s - waited, 0.0)))
            pause = min(pause * 2, MAX_PAUSE_S)
        except duckdb.Error as exc:
            raise WarehouseError(f"Cannot open the warehouse {path}: {exc}") from exc


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN … COMMIT, or ROLLBACK on any exception (which is re-raised)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
