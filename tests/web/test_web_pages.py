"""What the pages show, checked against the sample results' golden numbers."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import OTHER_NAME, SEED_NAME, THIRD_NAME, WebWarehouse, golden, log_in

SEED_2564, SEED_2565 = golden("2564-takhram-en-fpdf2"), golden("2565-takhram-en-fpdf2")


def _row_of(html: str, name: str) -> str:
    """The table row (or phone card) of one agency."""
    rows = re.findall(r"<tr>.*?</tr>", html, flags=re.S)
    found = [r for r in rows if name in r]
    assert len(found) == 1, f"{name} appears in {len(found)} rows"
    return found[0]


def test_agencies_page_shows_latest_result_and_change(client: TestClient) -> None:
    log_in(client, "viewer")
    html = client.get("/agencies").text
    row = _row_of(html, SEED_NAME)
    change = SEED_2565.score - SEED_2564.score
    assert f">{SEED_2565.score:.2f}<" in row
    assert f">{SEED_2565.grade}<" in row
    assert f"+{change:.2f}" in row and "ปี 2564" in row
    assert "ปี 2565" not in _row_of(html, THIRD_NAME)  # one result only: no change shown


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"province": "สงขลา"}, [THIRD_NAME], [SEED_NAME, OTHER_NAME]),
        ({"agency_type": "องค์การบริหารส่วนตำบล"}, [SEED_NAME, OTHER_NAME], [THIRD_NAME]),
        (
            {"province": "กาญจนบุรี", "agency_type": "เทศบาลนคร"},
            [],
            [SEED_NAME, OTHER_NAME, THIRD_NAME],
        ),
    ],
)
def test_agencies_filter_by_province_and_type(
    client: TestClient, query: dict[str, str], shown: list[str], hidden: list[str]
) -> None:
    log_in(client, "viewer")
    html = client.get("/agencies", params=query).text
    body = html.split("<tbody>", 1)[1]
    for name in shown:
        assert name in body
    for name in hidden:
        assert name not in body
    if not shown:
        assert "ตามตัวกรองนี้" in body


def test_agency_page_chart_marks_indicators_against_the_pass_line(
    client: TestClient, web_warehouse: WebWarehouse
) -> None:
    log_in(client, "viewer")
    html = client.get(f"/agencies/{web_warehouse.seed_agency_id}").text
    wide = html.split('class="chart-wide"', 1)[1].split("</svg>", 1)[0]
    bars = re.findall(r'data-indicator="(\d+)".*?class="bar (pass|fail)"', wide, flags=re.S)
    assert [int(n) for n, _ in bars] == list(range(1, 11))
    below = {n for n, score in SEED_2565.indicators.items() if score < Decimal("85")}
    assert {int(n) for n, verdict in bars if verdict == "fail"} == below
    assert "เกณฑ์ 85.00" in wide
    for n, score in SEED_2565.indicators.items():
        assert f"ตัวชี้วัดที่ {n}." in wide and f"{score:.2f}" in wide


def test_agency_page_shows_classification_and_next_years_plan(
    client: TestClient, web_warehouse: WebWarehouse
) -> None:
    log_in(client, "takhram")
    html = client.get(f"/agencies/{web_warehouse.seed_agency_id}").text
    lowest = min(SEED_2565.indicators, key=lambda n: SEED_2565.indicators[n])
    urgent = html.split("เร่งด่วนที่สุด", 1)[1].split("</ul>", 1)[0]
    assert f"{lowest}. " in urgent
    assert "มาตรการปีงบประมาณ 2566" in html
    for measure_id in web_warehouse.seed_measure_ids:
        assert f"/measures/{measure_id}" in html
    # every FY2566 measure is past its due date today and none is done
    assert html.count("badge overdue") == len(web_warehouse.seed_measure_ids)
    assert "คุณบันทึกผลมาตรการของหน่วยงานนี้ได้" in html


def test_agency_page_of_an_earlier_year_shows_that_years_chart(
    client: TestClient, web_warehouse: WebWarehouse
) -> None:
    log_in(client, "viewer")
    html = client.get(f"/agencies/{web_warehouse.seed_agency_id}", params={"year": 2564}).text
    assert "คะแนนรายตัวชี้วัด ปีงบประมาณ 2564" in html
    wide = html.split('class="chart-wide"', 1)[1].split("</svg>", 1)[0]
    assert f"{SEED_2564.indicators[1]:.2f}" in wide
    assert "มาตรการปีงบประมาณ 2565" in html and "ยังไม่มีมาตรการ" in html


def test_unknown_agency_and_measure_are_404_in_thai(client: TestClient) -> None:
    log_in(client, "viewer")
    assert "ไม่พบหน่วยงาน" in client.get("/agencies/0000000000000000").text
    response = client.get("/measures/M2566-i99-00000000")
    assert response.status_code == 404 and "ไม่พบมาตรการ" in response.text


def test_measure_page_shows_history_and_the_form_only_to_its_editors(
    client: TestClient, web_warehouse: WebWarehouse
) -> None:
    measure = web_warehouse.seed_measure_ids[0]
    log_in(client, "viewer")
    html = client.get(f"/measures/{measure}").text
    assert "ita measures generate" in html  # the planned event and who recorded it
    assert 'action="/measures/' not in html and "ดูได้อย่างเดียว" in html
    client.cookies.clear()
    log_in(client, "takhram")
    html = client.get(f"/measures/{measure}").text
    assert f'action="/measures/{measure}/events"' in html
    options = re.findall(r'<option value="([a-z_]+)"', html)
    assert options == ["in_progress", "postponed", "cancelled"]  # from planned


def test_report_downloads_as_docx_and_pdf(client: TestClient, web_warehouse: WebWarehouse) -> None:
    log_in(client, "viewer")
    base = f"/agencies/{web_warehouse.seed_agency_id}/report/2565"
    docx = client.get(f"{base}.docx")
    assert docx.status_code == 200, docx.text
    assert docx.headers["content-type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(docx.content)) as zf:
        document = zf.read("word/document.xml").decode("utf-8")
    assert SEED_NAME in document and "87.13" in document
    pdf = client.get(f"{base}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert client.get(f"{base}.exe").status_code == 404
    missing = client.get(f"/agencies/{web_warehouse.seed_agency_id}/report/2567.pdf")
    assert missing.status_code == 404 and "ไม่มีผลการประเมินปีงบประมาณ 2567" in missing.text
