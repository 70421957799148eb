"""Find or start the Prefect API server that schedules need.

Order: a configured `PREFECT_API_URL` (must answer) → a server already answering on
`ITA_PREFECT_HOST:ITA_PREFECT_PORT` (e.g. another `ita serve`) → a new `prefect server start`
subprocess, stopped again on exit. Its log goes to `$PREFECT_HOME/server.log`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from ita.settings import Settings, get_settings


class ServerError(RuntimeError):
    """The Prefect server could not be reached or started; the message says what to do."""


@dataclass(slots=True)
class PrefectServer:
    api_url: str
    started_here: bool
    process: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None

    @property
    def ui_url(self) -> str:
        return self.api_url.removesuffix("/").removesuffix("/api")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def configured_api_url() -> str | None:
    """`PREFECT_API_URL` from the environment or the active Prefect profile."""
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    return str(url) if url else None


def is_healthy(api_url: str, timeout_s: float = 2.0) -> bool:
    try:
        response = httpx.get(api_url.rstrip("/") + "/health", timeout=timeout_s)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


def wait_until_healthy(
    api_url: str, timeout_s: float, process: subprocess.Popen[bytes] | None = None
) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if is_healthy(api_url, timeout_s=1.0):
            return True
        if process is not None and process.poll() is not None:
            return False
        time.sleep(0.5)
    return False


def start_server(settings: Settings) -> PrefectServer:
    """`prefect server start` as a child process; returns once `/api/health` answers."""
    from prefect.settings import get_current_settings

    api_url = f"http://{settings.prefect_host}:{settings.prefect_port}/api"
    home = Path(get_current_settings().home)
    home.mkdir(parents=True, exist_ok=True)
    log_path = home / "server.log"
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_API_URL": api_url,
    }
    env.pop("PREFECT_API_URL", None)
    command = [sys.executable, "-m", "prefect", "server", "start"]
    command += ["--host", settings.prefect_host, "--port", str(settings.prefect_port)]
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    server = PrefectServer(api_url, True, process, log_path)
    if not wait_until_healthy(api_url, settings.prefect_start_timeout_s, process):
        server.stop()
        raise ServerError(
            f"The Prefect server did not become healthy at {api_url} within "
            f"{settings.prefect_start_timeout_s:g}s; see {log_path}"
        )
    return server


def find_or_start_server(settings: Settings | None = None) -> PrefectServer:
    s = settings or get_settings()
    configured = configured_api_url()
    if configured:
        if not is_healthy(configured):
            raise ServerError(
                f"PREFECT_API_URL is {configured} but no Prefect server answers there: start it,"
                " or unset PREFECT_API_URL and ita will start a local one"
            )
        return PrefectServer(configured, started_here=False)
    local = f"http://{s.prefect_host}:{s.prefect_port}/api"
    if is_healthy(local):
        return PrefectServer(local, started_here=False)
    return start_server(s)


@contextmanager
def use_api(api_url: str) -> Iterator[None]:
    """Point this process (and the flow-run subprocesses it launches) at `api_url`."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            yield
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous


@contextmanager
def prefect_server(settings: Settings | None = None) -> Iterator[PrefectServer]:
    """A healthy server for the duration of the block, with this process pointed at it; a
    server started here is stopped at the end."""
    server = find_or_start_server(settings)
    try:
        with use_api(server.api_url):
            yield server
    finally:
        if server.started_here:
            drain_prefect_workers()
            server.stop()


def drain_prefect_workers(timeout_s: float = 10.0) -> None:
    """Send the logs and events still queued while the API is up. (Left to the exit hooks
    after the server is stopped, they retry against a dead API and the process hangs.)"""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        worker.drain_all(timeout=timeout_s)


def running_server(settings: Settings | None = None) -> str | None:
    """The API URL of a server that answers now (configured, or local on the usual port)."""
    s = settings or get_settings()
    for url in (configured_api_url(), f"http://{s.prefect_host}:{s.prefect_port}/api"):
        if url and is_healthy(url):
            return url
    return None
