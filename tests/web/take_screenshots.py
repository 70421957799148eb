"""Screenshots of the main pages for the README (desktop and phone), from the same sample
warehouse the web tests use, with a little recorded progress:

    .venv/bin/python -m tests.web.take_screenshots docs/screenshots
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from ita.fiscal import bangkok_zone
from ita.settings import get_settings
from ita.tracking import Change
from tests.web.browser_support import launch_chromium, serve_web
from tests.web.conftest import PASSWORD, build_web_warehouse, web_config
from tests.web.evidence_files import make_pdf
from warehouse import connect
from warehouse.tracking import record_change

DESKTOP = {"width": 1200, "height": 900}
PHONE = {"width": 390, "height": 844}


def record_sample_progress(db: Path, raw_dir: Path, measure_ids: tuple[str, ...]) -> None:
    """Back-dated progress on two of the seed agency's measures (through the real tracking
    functions), so the pages show history and evidence."""
    from ita.rawstore import store_file

    zone = bangkok_zone()
    with tempfile.TemporaryDirectory() as tmp:
        stored = store_file(make_pdf(Path(tmp) / "รายงานผลการประชาสัมพันธ์.pdf", "report"), raw_dir)
    con = connect(db)
    try:
        first, second = measure_ids[0], measure_ids[1]
        for measure, when, change in (
            (first, datetime(2022, 11, 7, 10, 0, tzinfo=zone), "in_progress"),
            (second, datetime(2022, 11, 15, 14, 30, tzinfo=zone), "in_progress"),
        ):
            record_change(
                con,
                measure,
                Change(change, when, "takhram", note="มอบหมายผู้รับผิดชอบและวางแผนงานแล้ว"),
            )
        record_change(
            con,
            first,
            Change(
                "done",
                datetime(2023, 3, 20, 16, 0, tzinfo=zone),
                "takhram",
                note="เผยแพร่ผลการดำเนินงานบนเว็บไซต์และเพจของหน่วยงานแล้ว",
                evidence_sha256=stored.document_id,
                evidence_file_name=stored.file_name,
            ),
        )
    finally:
        con.close()


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url("**/agencies")


def take_screenshots(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        wh = build_web_warehouse(Path(tmp))
        record_sample_progress(wh.db, wh.raw_dir, wh.seed_measure_ids)
        config = replace(web_config(wh), upload_max_bytes=get_settings().web_upload_max_bytes)
        with serve_web(config) as base, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                desk = browser.new_page(viewport=DESKTOP, locale="th-TH")
                desk.goto(f"{base}/login")
                written.append(_shot(desk, out_dir / "login.png"))
                sign_in(desk, base, "takhram")
                written.append(_shot(desk, out_dir / "agencies.png"))
                desk.goto(f"{base}/agencies/{wh.seed_agency_id}")
                written.append(_shot(desk, out_dir / "agency.png", full_page=True))
                desk.goto(f"{base}/measures/{wh.seed_measure_ids[1]}")
                written.append(_shot(desk, out_dir / "measure.png", full_page=True))
                desk.goto(f"{base}/overdue?as_of=2023-05-15")
                written.append(_shot(desk, out_dir / "overdue.png"))

                phone = browser.new_page(viewport=PHONE, locale="th-TH", device_scale_factor=2)
                sign_in(phone, base, "takhram")
                phone.goto(f"{base}/agencies/{wh.seed_agency_id}")
                written.append(_shot(phone, out_dir / "phone-agency.png"))
                chart = phone.locator("section", has=phone.locator("figure.chart"))
                chart.screenshot(path=str(out_dir / "phone-chart.png"))
                written.append(out_dir / "phone-chart.png")
                phone.goto(f"{base}/measures/{wh.seed_measure_ids[1]}#record")
                written.append(_shot(phone, out_dir / "phone-measure.png"))
            finally:
                browser.close()
    return written


def _shot(page: Page, path: Path, full_page: bool = False) -> Path:
    page.screenshot(path=str(path), full_page=full_page)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    for path in take_screenshots(target):
        print(f"{path}  {path.stat().st_size // 1024} KB")
