"""Concurrency: DuckDB lets one process write a file and, while it does, no other process may
open it. Every command waits a bounded time (settings.writer_wait_s) and then fails with a clear
message — never a traceback — and nothing is lost: an update that reports success is in the
warehouse, one that does not is reported.

Fast tests hold the lock from a tiny helper process and run the commands in-process; the slow
ones race real `ita` subprocesses against each other."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ita.settings import get_settings
from tests.reliability import hostile
from tests.reliability.conftest import Place, assert_no_traceback, run_ita, start_ita
from tests.reliability.test_safety import run_cli
from tests.reliability.warehouse_state import (
    integrity_problems,
    reading,
    status_counts,
    table_rows,
)
from warehouse import WarehouseBusy, connect

HOLD = (
    "import duckdb, sys, time\n"
    "con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == 'ro')\n"
    "con.execute('SELECT count(*) FROM documents').fetchall()\n"
    "print('holding', flush=True)\n"
    "time.sleep(float(sys.argv[3])) if len(sys.argv) > 3 else sys.stdin.read()\n"
)


@contextmanager
def held(
    db: Path, read_only: bool = False, seconds: float | None = None
) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the warehouse open (for writing, or read-only) until the block
    ends, or for `seconds`."""
    extra = [str(seconds)] if seconds is not None else []
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), "ro" if read_only else "rw", *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
        yield proc
    finally:
        release(proc)


def release(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)


def busy_message(text: str, pid: int) -> None:
    assert f"in use by process {pid}" in text, text
    assert "ITA_WRITER_WAIT_S" in text, text
    assert "Traceback" not in text


# --------------------------------------------------------------------------------- fast
@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch, warehouse: Place) -> Place:
    monkeypatch.setattr(get_settings(), "writer_wait_s", 0.3)
    return warehouse


@pytest.mark.parametrize(
    "command",
    [
        ("sql", "SELECT count(*) FROM documents"),
        ("ingest", str(hostile.corpus_pdf("2566-ban-kao-fpdf2.pdf"))),
        ("quarantine", "list"),
        ("measures", "list"),
        ("measures", "remind"),
    ],
    ids=lambda c: " ".join(c[:2]) if c[0] in ("measures", "quarantine") else c[0],
)
def test_command_against_a_writer_fails_with_a_clear_message(
    command: tuple[str, ...], short_wait: Place
) -> None:
    before = table_rows(short_wait.db)
    with held(short_wait.db) as holder:
        code, output = run_cli(*command, "--db", str(short_wait.db))
    assert code != 0
    busy_message(output, holder.pid)
    assert table_rows(short_wait.db) == before


def test_writer_against_a_reader_fails_with_a_clear_message(short_wait: Place) -> None:
    """A read-only holder (someone's `ita sql`, a notebook) also blocks a writer."""
    with held(short_wait.db, read_only=True) as holder, pytest.raises(WarehouseBusy) as busy:
        connect(short_wait.db)
    busy_message(str(busy.value), holder.pid)


def test_readers_share_the_warehouse(warehouse: Place) -> None:
    with held(warehouse.db, read_only=True):
        code, output = run_cli("sql", "SELECT count(*) AS n FROM documents", "--csv")
    assert code == 0 and output.splitlines()[-1] == "3", output


def test_ingest_waits_for_a_holder_that_finishes(
    warehouse: Place, caplog: pytest.LogCaptureFixture
) -> None:
    """A writer arriving while another process holds the file waits (bounded) and then loads
    when the holder lets go — and says at once that it is waiting (a silent wait looked like a
    hang)."""
    from warehouse import ingest_paths

    with (
        caplog.at_level("WARNING", logger="warehouse.connection"),
        held(warehouse.db, seconds=1.5) as holder,
    ):
        assert holder.poll() is None  # still holding as the ingest starts
        outcomes = ingest_paths(
            [hostile.corpus_pdf("2566-ban-kao-fpdf2.pdf")], warehouse.db, raw_dir=warehouse.raw
        )
        assert holder.poll() == 0  # the ingest got in only after the holder had finished
    assert [o.status for o in outcomes] == ["loaded"]
    [waiting] = [r.getMessage() for r in caplog.records if "waiting up to" in r.getMessage()]
    assert f"in use by process {holder.pid}" in waiting


# --------------------------------------------------------------------------------- slow
def inbox(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        hostile.copy_as(folder, hostile.corpus_pdf(name), name)
    return folder


SMALL = [
    "2564-ban-kao-fpdf2.pdf",
    "2564-si-khiao-fpdf2.pdf",
    "2565-mae-rim-fpdf2.pdf",
    "2565-nong-bua-fpdf2.pdf",
    "2566-ban-kao-fpdf2.pdf",
    "2566-don-chedi-fpdf2.pdf",
    "2566-pa-daet-fpdf2.pdf",
    "2567-dept-fisheries-fpdf2.pdf",
]


@pytest.mark.slow
def test_two_ingests_at_once_lose_nothing(isolated: Place, tmp_path: Path) -> None:
    """Two `ita ingest` runs over overlapping folders at the same time: each exits cleanly
    (0, or 1 with the busy message), and after a final run every document is there once."""
    a = inbox(tmp_path / "a", SMALL[:6])
    b = inbox(tmp_path / "b", SMALL[3:])
    first = start_ita(isolated, "ingest", str(a), writer_wait_s=120)
    second = start_ita(isolated, "ingest", str(b), writer_wait_s=120)
    results = [(*p.communicate(timeout=900), p.returncode) for p in (first, second)]

    for out, err, code in results:
        assert_no_traceback(out, err)
        assert code == 0 or "in use by process" in err, (code, out, err)
    final = run_ita(isolated, "ingest", str(a), str(b))
    assert final.returncode == 0, final.stderr
    assert status_counts(isolated.db) == {"loaded": len(SMALL)}
    assert integrity_problems(isolated.db) == {}


@pytest.mark.slow
def test_ingest_while_sql_reads(isolated: Place, tmp_path: Path) -> None:
    """`ita sql` in a loop while an ingest runs: every query answers or says the warehouse is
    busy; the ingest completes."""
    folder = inbox(tmp_path / "in", SMALL)
    run_ita(isolated, "migrate")
    ingest = start_ita(isolated, "ingest", str(folder), writer_wait_s=120)
    answered = busy = 0
    while ingest.poll() is None:
        reader = run_ita(
            isolated, "sql", "SELECT count(*) FROM documents", "--csv", writer_wait_s=0.5
        )
        assert_no_traceback(reader.stdout, reader.stderr)
        if reader.returncode == 0:
            answered += 1
        else:
            assert "in use by process" in reader.stderr, reader.stderr
            busy += 1
    out, err = ingest.communicate()
    assert ingest.returncode == 0, err
    assert_no_traceback(out, err)
    assert status_counts(isolated.db) == {"loaded": len(SMALL)}
    assert answered + busy > 0


@pytest.mark.slow
def test_measure_updates_while_tracking_runs_lose_no_update(warehouse: Place) -> None:
    """`ita measures update` calls race `ita measures remind`/`overdue` runs: every update that
    reports success is one event in measure_events, every other one says why."""
    code, output = run_cli("measures", "generate", "--year", "2565", "--all")
    assert code == 0, output
    ids = [row[0] for row in table_rows(warehouse.db)["measures"]][:6]
    assert ids, "no measures generated"
    events_before = len(table_rows(warehouse.db)["measure_events"])

    tracker = subprocess.Popen(
        [
            "bash",
            "-c",
            'for i in 1 2 3 4 5 6; do "$0" measures remind; "$0" measures overdue; done',
            *_ita_exe(),
        ],
        env=_env(warehouse),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    succeeded = 0
    for measure_id in ids:
        update = run_ita(
            warehouse,
            "measures",
            "update",
            measure_id,
            "--status",
            "in_progress",
            "--note",
            "เริ่มดำเนินการ",
            writer_wait_s=60,
        )
        assert_no_traceback(update.stdout, update.stderr)
        if update.returncode == 0:
            succeeded += 1
        else:
            assert "in use by process" in update.stderr, update.stderr
    out, err = tracker.communicate(timeout=900)
    assert_no_traceback(out, err)

    events = table_rows(warehouse.db)["measure_events"]
    assert len(events) - events_before == succeeded
    assert succeeded == len(ids)  # with a 60 s wait every update gets its turn


TRACK_LOOP = """
import sys
from flows.track import track

for _ in range(int(sys.argv[2])):
    summary = track(db=sys.argv[1])
    print("tracked", summary.reminders, len(summary.overdue), flush=True)
"""


@pytest.mark.slow
def test_measure_updates_while_the_track_flow_runs_lose_no_update(
    warehouse: Place, tmp_path: Path
) -> None:
    """The real Prefect track flow (reminders, daily lists, quarter progress) runs three times
    in another process while `ita measures update` moves measures to in_progress one by one:
    every update lands as exactly one event, every flow run completes."""
    code, output = run_cli("measures", "generate", "--year", "2565", "--all")
    assert code == 0, output
    ids = [row[0] for row in table_rows(warehouse.db)["measures"]][:12]
    events_before = len(table_rows(warehouse.db)["measure_events"])
    env = _env(warehouse) | {
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    tracker = subprocess.Popen(
        [sys.executable, "-c", TRACK_LOOP, str(warehouse.db), "3"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    updated = []
    for measure_id in ids:
        update = run_ita(
            warehouse,
            "measures",
            "update",
            measure_id,
            "--status",
            "in_progress",
            writer_wait_s=60,
        )
        assert_no_traceback(update.stdout, update.stderr)
        assert update.returncode == 0, update.stderr  # a 60 s wait always gets a turn
        updated.append(measure_id)
        if tracker.poll() is not None and len(updated) >= 4:
            break
    out, err = tracker.communicate(timeout=900)
    assert tracker.returncode == 0, err[-3000:]
    assert out.count("tracked") == 3, out
    assert_no_traceback(err)

    events = table_rows(warehouse.db)["measure_events"]
    assert len(events) - events_before == len(updated)
    with reading(warehouse.db) as con:
        latest = dict(
            con.execute(
                "SELECT measure_id, arg_max(to_status, event_id) FROM measure_events "
                "WHERE milestone_no IS NULL GROUP BY ALL"
            ).fetchall()
        )
    assert {m: latest.get(m) for m in updated} == dict.fromkeys(updated, "in_progress")


def _ita_exe() -> list[str]:
    from tests.reliability.conftest import ita_command

    return ita_command()[:1]


def _env(place: Place) -> dict[str, str]:
    from tests.reliability.conftest import cli_env

    return cli_env(place, writer_wait_s=60)
