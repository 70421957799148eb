"""Fixtures for flow tests: ONE session-scoped Prefect test harness with its own PREFECT_HOME and
result storage (the harness isolates the database but not the result store), and small copies
of the bundled corpus."""

from __future__ import annotations

import atexit
import csv
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Before anything imports Prefect: a throw-away home, no telemetry. Subprocesses inherit it.
_HOME = Path(tempfile.mkdtemp(prefix="ita-prefect-test-"))
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
os.environ["PREFECT_HOME"] = str(_HOME)
os.environ["PREFECT_RESULTS_LOCAL_STORAGE_PATH"] = str(_HOME / "storage")
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from ita.samples.corpus import CORPUS_DIR  # noqa: E402
from ita.settings import get_settings  # noqa: E402

HARNESS_STARTUP_S = 120


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[str]:
    """The harness's API URL, for the whole session (its start-up takes 18–27 s here)."""
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_HOME,
        PREFECT_RESULTS_LOCAL_STORAGE_PATH,
        temporary_settings,
    )
    from prefect.testing.utilities import prefect_test_harness

    updates = {PREFECT_HOME: _HOME, PREFECT_RESULTS_LOCAL_STORAGE_PATH: _HOME / "storage"}
    with (
        temporary_settings(updates=updates),
        prefect_test_harness(server_startup_timeout=HARNESS_STARTUP_S),
    ):
        yield str(PREFECT_API_URL.value())


@pytest.fixture
def ita_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """`ita_settings(download_retries=1, ...)` sets ITA_* for this test (settings are cached)."""

    def apply(**values: object) -> None:
        for name, value in values.items():
            monkeypatch.setenv(f"ITA_{name.upper()}", str(value))
        get_settings.cache_clear()

    get_settings.cache_clear()
    yield apply
    get_settings.cache_clear()


def corpus_rows() -> list[dict[str, str]]:
    with open(CORPUS_DIR / "manifest.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def pick_corpus(
    n_loaded: int, defects: tuple[str, ...] = (), agency_contains: str | None = None
) -> list[dict[str, str]]:
    """`n_loaded` bundled samples expected to load (distinct agency and year) plus the defect
    samples whose expected outcome is ``quarantined:<reason>`` for each reason in `defects`."""
    rows, seen, picked = corpus_rows(), set(), []
    for row in rows:
        key = (row["agency"], row["fiscal_year"])
        if row["expected"] != "loaded" or key in seen:
            continue
        if agency_contains and agency_contains not in row["agency"]:
            continue
        seen.add(key)
        picked.append(row)
        if len(picked) == n_loaded:
            break
    for reason in defects:
        picked.append(next(r for r in rows if r["expected"] == f"quarantined:{reason}"))
    return picked


@pytest.fixture
def corpus_pick() -> Callable[..., list[dict[str, str]]]:
    """`corpus_pick(n_loaded, defects=(...), agency_contains=...)`: see `pick_corpus`."""
    return pick_corpus


@pytest.fixture
def copy_corpus(tmp_path: Path) -> Callable[[list[dict[str, str]]], Path]:
    """Copy the chosen bundled samples into a fresh folder; returns the folder."""

    def copy(rows: list[dict[str, str]], folder: str = "inbox") -> Path:
        target = tmp_path / folder
        target.mkdir(parents=True, exist_ok=True)
        for row in rows:
            shutil.copy2(CORPUS_DIR / row["file"], target / row["file"])
        return target

    return copy


@pytest.fixture
def run_artifacts(prefect_harness: str) -> Callable[[object], dict[str, object]]:
    """`run_artifacts(flow_run_id)` → {key: data} of that run's artifacts (tables decoded)."""
    import json

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    def read(flow_run_id: object) -> dict[str, object]:
        with get_client(sync_client=True) as client:
            found = client.read_artifacts(
                artifact_filter=ArtifactFilter(
                    flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])
                )
            )
        return {
            a.key: json.loads(a.data) if a.type == "table" and isinstance(a.data, str) else a.data
            for a in found
            if a.key
        }

    return read


@pytest.fixture
def flow_run_count(prefect_harness: str) -> Callable[[], int]:
    """How many flow runs the harness has recorded so far."""
    from prefect.client.orchestration import get_client

    def count() -> int:
        with get_client(sync_client=True) as client:
            return int(client.count_flow_runs())

    return count


@pytest.fixture(scope="session")
def generated_200(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 generated ITAS result PDFs (fpdf2, no browser) with their manifest; made once."""
    from ita.samples.corpus import generate_corpus

    folder = tmp_path_factory.mktemp("generated-200")
    generate_corpus(folder, 200, workers=2)
    return folder
