"""All settings in one typed object. Environment variables use the ``ITA_`` prefix
(e.g. ``ITA_DB=/data/ita.duckdb``); defaults suit a checkout of this repository."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ITA_", env_file=".env", extra="ignore")

    # storage
    db: Path = Field(default=REPO_ROOT / "warehouse" / "ita.duckdb", description="DuckDB file")
    raw_dir: Path = Field(default=REPO_ROOT / "data" / "raw", description="content-addressed PDFs")
    out_dir: Path = Field(default=REPO_ROOT / "out", description="reports and exports")
    timezone: str = "Asia/Bangkok"

    # classification lines (defaults from the seed report and the NACC pass line)
    strength_above: Decimal = Decimal("80")
    weakness_below: Decimal = Decimal("80")
    improve_below: Decimal = Decimal("85")
    pass_line: Decimal = Decimal("85")
    overall_tolerance: Decimal = Decimal("0.02")

    # tracking
    due_soon_days: int = 14

    # ingestion
    download_timeout_s: float = 30.0
    download_max_bytes: int = 50 * 1024 * 1024
    download_retries: int = 3
    max_pages: int = 200
    # per-document parse bounds, counted cheaply before parsing (a dense ITA page: ~3,500)
    max_page_objects: int = 20_000
    max_page_chars: int = 20_000
    max_document_chars: int = 400_000
    parse_workers: int = 2
    # documents per parse task at most: 64 instead of 16 cut Prefect's CPU share at N = 1,000
    # from 13.4 % to 11.7 % (bench/README.md)
    parse_chunk_max: int = 64
    # documents a parse worker extracts, then validates together (pandera's cost is mostly per
    # call: 21 ms per document validated alone, 2.1 in batches of 16, 1.4 in 32)
    parse_batch: int = 16
    writer_wait_s: float = 30.0
    download_max_redirects: int = 5
    download_backoff_s: float = 1.0  # first retry delay; doubles each retry
    download_deadline_s: float = 300.0  # whole download, however slowly the bytes trickle

    # orchestration (`ita serve`, `ita demo`)
    inbox_dir: Path = Field(default=REPO_ROOT / "data" / "inbox", description="served hourly")
    manifest_csv: Path = Field(
        default=REPO_ROOT / "data" / "manifest.csv", description="URLs served nightly"
    )
    prefect_host: str = "127.0.0.1"
    prefect_port: int = 4200
    prefect_start_timeout_s: float = 120.0
    demo_dir: Path = Field(default=REPO_ROOT / "out" / "demo", description="demo warehouse")

    # web page for officers (`ita web`); an empty secret means a fresh random one per run
    web_secret: str = Field(default="", description="signs session cookies; set ITA_WEB_SECRET")
    web_upload_max_bytes: int = 10 * 1024 * 1024
    web_port: int = 8765


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
