"""The officers' path in a real browser (Debian's Chromium through Playwright) against a real
`ita web` server: sign in, find the seed agency's overdue measure, mark it done with evidence,
see it leave the overdue board; an editor of another agency and a forged CSRF token are refused
by the server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.web.browser_support import CHROMIUM, SKIP_REASON, launch_chromium, serve_web
from tests.web.conftest import PASSWORD, SEED_NAME, WebWarehouse, web_config
from tests.web.evidence_files import make_pdf
from warehouse import connect
from warehouse.tracking import load_events

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def site(web_warehouse: WebWarehouse) -> Iterator[str]:
    with serve_web(web_config(web_warehouse)) as base_url:
        yield base_url


@pytest.fixture
def page(browser: Browser, site: str) -> Iterator[Page]:
    context = browser.new_context(base_url=site, locale="th-TH", timezone_id="Asia/Bangkok")
    try:
        yield context.new_page()
    finally:
        context.close()


def sign_in(page: Page, username: str) -> None:
    page.goto("/agencies")
    expect(page).to_have_url(re.compile(r"/login"))
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page).to_have_url(re.compile(r"/agencies$"))


def event_count(wh: WebWarehouse, measure_id: str) -> int:
    con = connect(wh.db, read_only=True)
    try:
        return len(load_events(con, measure_id=measure_id))
    finally:
        con.close()


def test_officer_marks_the_overdue_measure_done_with_evidence(
    page: Page, web_warehouse: WebWarehouse, tmp_path: Path
) -> None:
    sign_in(page, "takhram")
    page.get_by_role("link", name=SEED_NAME).click()
    measures = page.locator("section", has_text="มาตรการปีงบประมาณ 2566")
    first = measures.locator("tbody tr").first
    expect(first.locator(".badge.overdue")).to_contain_text("เกินกำหนด")
    href = first.locator("a").first.get_attribute("href")
    assert href and href.startswith("/measures/")
    measure_id = href.rsplit("/", 1)[1]

    page.get_by_role("link", name="เกินกำหนด", exact=True).click()
    on_board = page.locator(f"a[href='{href}']").first  # the measure, and its late steps
    expect(on_board).to_be_visible()
    expect(page.locator("tr", has=on_board).first).to_contain_text(SEED_NAME)
    on_board.click()
    expect(page).to_have_url(re.compile(f"{href}$"))

    page.get_by_label("สถานะใหม่").select_option("in_progress")
    page.get_by_label("หมายเหตุ").fill("มอบหมายงานประชาสัมพันธ์แล้ว")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator(".flash.ok")).to_have_text("บันทึกความคืบหน้าแล้ว")
    expect(page.locator("#status")).to_have_text("อยู่ระหว่างดำเนินการ")

    evidence = make_pdf(tmp_path / "รายงานผลการดำเนินงาน.pdf", "report")
    page.get_by_label("สถานะใหม่").select_option("done")
    page.get_by_label("หมายเหตุ").fill("เผยแพร่รายงานบนเว็บไซต์แล้ว")
    page.locator("input[name=evidence_file]").set_input_files(str(evidence))
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator("#status")).to_have_text("ดำเนินการแล้วเสร็จ")
    expect(page.locator(".history")).to_contain_text("โดย takhram")
    expect(page.get_by_role("link", name="รายงานผลการดำเนินงาน.pdf")).to_be_visible()

    page.get_by_role("link", name="เกินกำหนด", exact=True).click()
    expect(page.locator("h1")).to_have_text("มาตรการที่เกินกำหนด")
    expect(page.locator(f"a[href='{href}']")).to_have_count(0)
    assert event_count(web_warehouse, measure_id) == 3


def test_editor_of_another_agency_is_refused(page: Page, web_warehouse: WebWarehouse) -> None:
    seed_measure = web_warehouse.seed_measure_ids[0]
    sign_in(page, "bankao")
    page.goto(f"/measures/{seed_measure}")
    expect(page.get_by_text("คุณดูได้อย่างเดียว")).to_be_visible()
    expect(page.locator("form[action$='/events']")).to_have_count(0)

    # Their own measure has the form; pointed at the seed agency's measure, the server refuses.
    page.goto(f"/measures/{web_warehouse.other_measure_ids[0]}")
    form = page.locator("form[action$='/events']")
    form.evaluate(
        "(f, target) => f.setAttribute('action', target)", f"/measures/{seed_measure}/events"
    )
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator("h1")).to_have_text("ไม่มีสิทธิ์ทำรายการนี้")
    expect(page.locator(".flash.error")).to_contain_text("ไม่มีสิทธิ์บันทึกผลมาตรการ")
    assert event_count(web_warehouse, seed_measure) == 1


def test_a_bad_csrf_token_is_refused(page: Page, web_warehouse: WebWarehouse) -> None:
    measure = web_warehouse.seed_measure_ids[0]
    sign_in(page, "takhram")
    page.goto(f"/measures/{measure}")
    page.locator("form[action$='/events'] input[name=csrf_token]").evaluate(
        "el => el.value = 'forged-token'"
    )
    page.get_by_label("สถานะใหม่").select_option("in_progress")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator("h1")).to_have_text("ไม่มีสิทธิ์ทำรายการนี้")
    expect(page.locator(".flash.error")).to_contain_text("CSRF")
    assert event_count(web_warehouse, measure) == 1
