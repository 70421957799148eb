"""Helpers for the plan and tracking tests (not a test module): a real warehouse file with the
seed agency's FY2564 and FY2565 results and two other อบต. of Kanchanaburi (its peers), loaded
through the real loader from the corpus' golden records."""

from __future__ import annotations

import shutil
from pathlib import Path

from warehouse_helpers import golden_record, stored_for

from warehouse import connect, load_prepared, prepare_record

SEED_DOCS = ("2564-takhram-en-fpdf2.json", "2565-takhram-en-fpdf2.json")
PEER_DOCS = ("2565-ban-kao-chromium.json", "2565-nong-ya-fpdf2.json")
SEED_NAME = "องค์การบริหารส่วนตำบลตะคร้ำเอน"


def build_warehouse(
    folder: Path,
    docs: tuple[str, ...] = SEED_DOCS + PEER_DOCS,
    accept: tuple[str, ...] = ("loaded",),
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "ita.duckdb"
    con = connect(db)
    try:
        for name in docs:
            record = golden_record(name)
            outcome = load_prepared(
                con, prepare_record(stored_for(record, folder / "raw", name), record)
            )
            assert outcome.status in accept, (name, outcome.status, outcome.reason)
    finally:
        con.close()
    return db


def copy_warehouse(template: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / template.name
    shutil.copyfile(template, target)
    return target
