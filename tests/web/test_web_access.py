"""Who gets in: login, sessions, grants, redirects, headers (plain HTTP through TestClient)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, csrf_from, log_in


def test_anonymous_visitor_is_sent_to_login(client: TestClient) -> None:
    for path in ("/agencies", "/overdue", "/measures/M-anything", "/evidence/" + "a" * 64):
        response = client.get(path)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")


def test_wrong_password_is_refused_in_thai_and_opens_no_session(client: TestClient) -> None:
    token = csrf_from(client.get("/login").text)
    response = client.post(
        "/login", data={"username": "takhram", "password": "wrong-password", "csrf_token": token}
    )
    assert response.status_code == 401
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.text
    assert client.get("/agencies").status_code == 303


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(client: TestClient) -> None:
    token = csrf_from(client.get("/login").text)
    response = client.post(
        "/login", data={"username": "ghost", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 401
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.text


def test_login_form_needs_its_csrf_token(client: TestClient) -> None:
    client.get("/login")
    response = client.post("/login", data={"username": "takhram", "password": PASSWORD})
    assert response.status_code == 403
    assert client.get("/agencies").status_code == 303


def test_account_without_any_grant_sees_nothing(client: TestClient) -> None:
    log_in_response = _post_login(client, "nobody")
    assert log_in_response.status_code == 303
    response = client.get("/agencies")
    assert response.status_code == 403
    assert "ยังไม่ได้รับสิทธิ์" in response.text


def test_login_goes_back_to_the_page_asked_for_but_never_off_site(client: TestClient) -> None:
    assert _post_login(client, "viewer", next_url="/overdue").headers["location"] == "/overdue"
    client.cookies.clear()
    for evil in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        assert _post_login(client, "viewer", next_url=evil).headers["location"] == "/agencies"
        client.cookies.clear()


def test_tampered_session_cookie_is_ignored(client: TestClient) -> None:
    log_in(client, "viewer")
    cookie = client.cookies["ita_session"]
    client.cookies.set("ita_session", cookie[:-4] + ("AAAA" if cookie[-4:] != "AAAA" else "BBBB"))
    assert client.get("/agencies").status_code == 303


def test_a_session_signed_with_another_secret_is_ignored(client: TestClient, web_warehouse) -> None:
    from flows.web.app import WebConfig, create_app

    log_in(client, "viewer")
    stolen = client.cookies["ita_session"]
    config = WebConfig(web_warehouse.db, web_warehouse.raw_dir, "another-secret", 1000)
    with TestClient(create_app(config), follow_redirects=False) as other:
        other.cookies.set("ita_session", stolen)
        assert other.get("/agencies").status_code == 303


def test_logout_needs_csrf_and_ends_the_session(client: TestClient) -> None:
    token = log_in(client, "viewer")
    assert client.post("/logout", data={}).status_code == 403
    assert client.get("/agencies").status_code == 200
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/agencies").status_code == 303


def test_pages_carry_security_headers(client: TestClient) -> None:
    log_in(client, "viewer")
    headers = client.get("/agencies").headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    cookie = client.get("/login").headers.get("set-cookie", "")
    assert "httponly" in cookie.lower() or cookie == ""


def _post_login(client: TestClient, username: str, next_url: str = "/agencies"):  # type: ignore[no-untyped-def]
    token = csrf_from(client.get("/login").text)
    return client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "csrf_token": token, "next": next_url},
    )


def test_unknown_pages_and_bad_parameters_answer_in_thai(client: TestClient) -> None:
    log_in(client, "viewer")
    missing = client.get("/no-such-page")
    assert missing.status_code == 404 and "ไม่พบหน้าที่ต้องการ" in missing.text
    bad = client.get("/overdue", params={"as_of": "not-a-date"})
    assert bad.status_code == 422 and "ข้อมูลที่ส่งมาไม่ถูกต้อง" in bad.text


def test_a_warehouse_locked_by_another_process_gives_a_thai_503(
    client: TestClient, web_warehouse, monkeypatch
) -> None:
    import subprocess
    import sys

    from ita.settings import get_settings

    log_in(client, "viewer")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, duckdb; con = duckdb.connect(sys.argv[1]); "
            "print('ready', flush=True); time.sleep(60)",
            str(web_warehouse.db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        monkeypatch.setenv("ITA_WRITER_WAIT_S", "0.3")
        get_settings.cache_clear()
        response = client.get("/agencies")
        assert response.status_code == 503
        assert "คลังข้อมูลกำลังถูกใช้งาน" in response.text
    finally:
        holder.kill()
        holder.wait()
        monkeypatch.delenv("ITA_WRITER_WAIT_S")
        get_settings.cache_clear()
    assert client.get("/agencies").status_code == 200
