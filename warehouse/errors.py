"""Errors of the warehouse a user can act on: each message says what happened and what to do.
Commands print them without a traceback."""

from __future__ import annotations

from pathlib import Path


class WarehouseError(RuntimeError):
    """The warehouse cannot be used as asked; the message says why and what to do."""


class WarehouseBusy(WarehouseError):
    def __init__(self, db: Path, holder_pid: int | None, waited_s: float) -> None:
        holder = f"process {holder_pid}" if holder_pid else "another process"
        super().__init__(
            f"The warehouse {db} is in use by {holder}. DuckDB lets one process write at a time "
            f"and, while it writes, no other process may open the file. Waited {waited_s:.0f} s. "
            "Try again when that process has finished, or wait longer with ITA_WRITER_WAIT_S. "
            "(ฐานข้อมูลกำลังถูกใช้งานโดยโปรเซสอื่น กรุณาลองใหม่อีกครั้งเมื่อโปรเซสนั้นทำงานเสร็จ)"
        )
        self.db = db
        self.holder_pid = holder_pid
        self.waited_s = waited_s


class WarehouseMissing(WarehouseError):
    def __init__(self, db: Path) -> None:
        super().__init__(
            f"There is no warehouse at {db} yet. Load documents first with `ita ingest PATH`, "
            "or point to another file with --db or ITA_DB."
        )
        self.db = db


class WarehouseOutdated(WarehouseError):
    def __init__(self, db: Path, pending: list[str]) -> None:
        super().__init__(
            f"The warehouse {db} needs migration(s) {', '.join(pending)} before it can be read. "
            "Open it once for writing (`ita migrate`, or any `ita ingest`)."
        )
        self.db = db


class MigrationError(WarehouseError):
    """A migration failed; the warehouse stays at the previous version."""


class LoadError(WarehouseError):
    """Writing a document failed; its transaction was rolled back (the warehouse is as before)."""
