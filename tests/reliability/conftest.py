"""Fixtures of the reliability suite: an isolated settings environment, a small warehouse of
good documents to attack, and the `ita` command run as a real subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ita.rawstore import store_file
from ita.record import AssessmentRecord
from ita.settings import get_settings
from tests.reliability.hostile import corpus_pdf

# Three good results (two producers, two years) that every hostile case is loaded next to.
BASELINE = (
    "2565-takhram-en-fpdf2.pdf",
    "2566-mae-rim-fpdf2-noshape.pdf",
    "2567-hat-yai-fpdf2.pdf",
)
REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, slots=True)
class Place:
    """An isolated warehouse file and raw store."""

    db: Path
    raw: Path
    root: Path


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Place]:
    """ITA_DB / ITA_RAW_DIR in tmp_path, short waits, fresh settings; restored afterwards."""
    place = Place(tmp_path / "ita.duckdb", tmp_path / "raw", tmp_path)
    for key, value in isolated_env(place).items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield place
    get_settings.cache_clear()


def isolated_env(place: Place, **extra: object) -> dict[str, str]:
    env = {
        "ITA_DB": str(place.db),
        "ITA_RAW_DIR": str(place.raw),
        "ITA_WRITER_WAIT_S": "5",
        "ITA_DOWNLOAD_TIMEOUT_S": "1",
        "ITA_DOWNLOAD_RETRIES": "0",
        "ITA_DOWNLOAD_BACKOFF_S": "0.01",
        "ITA_OUT_DIR": str(place.root / "out"),
    }
    env.update({f"ITA_{k.upper()}": str(v) for k, v in extra.items()})
    return env


def load_golden(db: Path, raw: Path, names: tuple[str, ...]) -> None:
    """Load corpus documents from their golden JSON (no extraction: fast and independent of
    the extractor), through the real prepare/load path."""
    from warehouse import connect, load_prepared, prepare_record

    con = connect(db)
    try:
        for name in names:
            pdf = corpus_pdf(name)
            stored = store_file(pdf, raw)
            record = AssessmentRecord.read_truth(pdf.with_suffix(".json"))
            outcome = load_prepared(con, prepare_record(stored, record))
            assert outcome.status == "loaded", (name, outcome)
    finally:
        con.close()


@pytest.fixture(scope="session")
def baseline_files(tmp_path_factory: pytest.TempPathFactory) -> Place:
    """A warehouse holding the BASELINE documents (built once per session; copy before use)."""
    root = tmp_path_factory.mktemp("baseline")
    place = Place(root / "ita.duckdb", root / "raw", root)
    load_golden(place.db, place.raw, BASELINE)
    return place


@pytest.fixture
def warehouse(isolated: Place, baseline_files: Place) -> Place:
    """The baseline warehouse, copied into this test's isolated place."""
    shutil.copy2(baseline_files.db, isolated.db)
    shutil.copytree(baseline_files.raw, isolated.raw)
    return isolated


# ---------------------------------------------------------------------------- the CLI
def ita_command() -> list[str]:
    exe = Path(sys.executable).with_name("ita")
    return (
        [str(exe)] if exe.exists() else [sys.executable, "-c", "from flows.cli import main; main()"]
    )


def cli_env(place: Place, **extra: object) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ITA_")}
    env.update(isolated_env(place, **extra))
    env.update({"COLUMNS": "200", "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"})
    return env


def run_ita(
    place: Place, *args: str, timeout: float = 180, **extra: object
) -> subprocess.CompletedProcess[str]:
    """`ita ARGS…` in a subprocess against `place`; returns the finished process."""
    return subprocess.run(
        [*ita_command(), *args],
        env=cli_env(place, **extra),
        cwd=place.root,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_ita(place: Place, *args: str, **extra: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*ita_command(), *args],
        env=cli_env(place, **extra),
        cwd=place.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def assert_no_traceback(*texts: str) -> None:
    for text in texts:
        assert "Traceback" not in text, text[-3000:]
