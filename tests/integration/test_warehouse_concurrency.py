"""One writer: a second process gets a clear message after a bounded wait, or gets in once the
first lets go — never a traceback."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warehouse_helpers import CORPUS

from flows.cli import app
from ita.settings import get_settings
from warehouse import WarehouseBusy, connect

HOLD = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
con.close()
"""


class Holder:
    """Another process holding the warehouse open for writing until `release()`."""

    def __init__(self, db: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "ready"

    @property
    def pid(self) -> int:
        return self.proc.pid

    def release(self) -> None:
        if self.proc.poll() is None and self.proc.stdin is not None:
            self.proc.stdin.write("done\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=30)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    connect(path).close()  # a migrated warehouse
    return path


@pytest.fixture
def holder(db: Path) -> Iterator[Holder]:
    held = Holder(db)
    try:
        yield held
    finally:
        held.release()
        if held.proc.poll() is None:
            held.proc.kill()


@pytest.mark.parametrize("read_only", [False, True])
def test_second_process_gets_a_clear_message(db: Path, holder: Holder, read_only: bool) -> None:
    with pytest.raises(WarehouseBusy) as caught:
        connect(db, read_only=read_only, wait_s=0.3)
    message = str(caught.value)
    assert f"in use by process {holder.pid}" in message
    assert "ITA_WRITER_WAIT_S" in message
    assert caught.value.holder_pid == holder.pid


def test_waiting_writer_gets_in_when_the_first_lets_go(db: Path, holder: Holder) -> None:
    timer = threading.Timer(0.5, holder.release)
    timer.start()
    try:
        con = connect(db, wait_s=60)
    finally:
        timer.cancel()
    try:
        assert con.sql("SELECT count(*) FROM documents").fetchall() == [(0,)]
    finally:
        con.close()


def test_ita_ingest_while_busy_exits_with_the_message(
    db: Path, holder: Holder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ITA_WRITER_WAIT_S", "0.2")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(
            app,
            [
                "ingest",
                str(CORPUS / "2565-takhram-en-fpdf2.pdf"),
                "--db",
                str(db),
                "--raw-dir",
                str(tmp_path / "raw"),
            ],
        )
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1, result.output
    assert "in use by process" in result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, WarehouseBusy)
