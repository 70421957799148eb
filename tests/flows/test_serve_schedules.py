"""`ita serve` end to end, with no server configured: it starts a local Prefect server, serves
the deployments, the inbox schedule fires and ingests a dropped PDF, the 07:00 Asia/Bangkok cron
is scheduled at 00:00 UTC, and Ctrl-C stops the server it started. (A temporary server would
not run schedules; this needs the real one.)"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest

pytestmark = pytest.mark.slow

DEADLINE_S = 240


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(what: str, check, proc: subprocess.Popen, log: Path, limit_s: float = DEADLINE_S):
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        if proc.poll() is not None:
            pytest.fail(f"ita serve exited ({proc.returncode}) before {what}:\n{log.read_text()}")
        time.sleep(1)
    pytest.fail(f"no {what} within {limit_s:.0f} s:\n{log.read_text()[-4000:]}")


def flow_runs(api: str, deployment: str, state: str) -> list[dict]:
    """Runs of a deployment in a state, through the REST API."""
    try:
        found = httpx.post(
            f"{api}/deployments/filter",
            json={"deployments": {"name": {"any_": [deployment]}}},
            timeout=5,
        ).json()
        if not found:
            return []
        runs = httpx.post(
            f"{api}/flow_runs/filter",
            json={
                "flow_runs": {
                    "deployment_id": {"any_": [found[0]["id"]]},
                    "state": {"type": {"any_": [state]}},
                },
                "limit": 20,
            },
            timeout=5,
        )
        return runs.json()
    except httpx.HTTPError:
        return []


def test_ita_serve_runs_the_inbox_schedule_and_stops_its_server(
    tmp_path, copy_corpus, corpus_pick
) -> None:
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    inbox = copy_corpus(corpus_pick(1))
    db = tmp_path / "ita.duckdb"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_RUNNER_POLL_FREQUENCY": "2",
        "PREFECT_LOGGING_LEVEL": "INFO",
        "ITA_PREFECT_PORT": str(port),
        "ITA_RAW_DIR": str(tmp_path / "raw"),
        "ITA_MANIFEST_CSV": str(tmp_path / "no-manifest.csv"),
    }
    env.pop("PREFECT_API_URL", None)
    log = tmp_path / "serve.log"
    command = [sys.executable, "-c", "from flows.cli import main; main()", "serve"]
    command += ["--inbox", str(inbox), "--db", str(db), "--inbox-every", "5"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_for(
            "UI address", lambda: f"UI at http://127.0.0.1:{port}" in log.read_text(), proc, log
        )
        completed = wait_for(
            "completed inbox run",
            lambda: flow_runs(api, "ingest-inbox", "COMPLETED"),
            proc,
            log,
        )
        assert completed
        scheduled = wait_for(
            "scheduled track run",
            lambda: flow_runs(api, "track-daily", "SCHEDULED"),
            proc,
            log,
            limit_s=60,
        )
        starts = {r["expected_start_time"][11:19] for r in scheduled}
        assert starts == {"00:00:00"}  # 07:00 in Bangkok (UTC+7) is midnight UTC
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # what a service manager sends; Ctrl-C works too
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    time.sleep(1)
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{api}/health", timeout=2)  # the server it started is gone
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) from documents").fetchall()[0][0] == 1
    finally:
        con.close()
