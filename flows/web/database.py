"""The web server's way into the warehouse: a short connection per request, never one held open,
so the ``ita`` command can still use the file between requests (DuckDB allows one writing
process, and no reader beside it). Requests take turns through one lock: a process may not hold
read-only and read-write connections to one file at the same time."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse import connect


class WebDatabase:
    def __init__(self, db: Path) -> None:
        self.db = db
        self._lock = threading.Lock()

    def prepare(self) -> None:
        """Open once read-write so the migrations (users and grants among them) are applied."""
        with self.writing():
            pass

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            con = connect(self.db, read_only=True)
            try:
                yield con
            finally:
                con.close()

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            con = connect(self.db, read_only=False)
            try:
                yield con
            finally:
                con.close()
