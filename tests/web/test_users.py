"""Accounts: argon2 hashes, roles, and the `ita users` / `ita web` commands on a real warehouse."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.web.conftest import SEED_NAME, WebWarehouse
from warehouse import connect
from warehouse.users import (
    UserError,
    add_user,
    authenticate,
    grant_role,
    load_user,
    revoke_role,
    set_password,
)

runner = CliRunner()
ITA = str(Path(sys.executable).parent / "ita")  # the installed entry point


def ita(wh: WebWarehouse, *args: str, password: str | None = None):  # type: ignore[no-untyped-def]
    extra = ["--password-stdin"] if password is not None else []
    return runner.invoke(
        app, [*args, *extra, "--db", str(wh.db)], input=f"{password}\n" if password else None
    )


def test_password_is_stored_only_as_an_argon2_hash(web_warehouse: WebWarehouse) -> None:
    con = connect(web_warehouse.db)
    try:
        add_user(con, "somsri", "a-long-secret", "สมศรี")
        stored = con.execute("SELECT password_hash FROM users WHERE username = 'somsri'").fetchone()
        assert stored is not None
        assert stored[0].startswith("$argon2id$") and "a-long-secret" not in stored[0]
        assert authenticate(con, "somsri", "a-long-secret") is not None
        assert authenticate(con, "somsri", "A-long-secret") is None
        set_password(con, "somsri", "another-secret")
        assert authenticate(con, "somsri", "a-long-secret") is None
        assert authenticate(con, "somsri", "another-secret") is not None
    finally:
        con.close()


def test_roles_decide_who_may_edit_which_agency(web_warehouse: WebWarehouse) -> None:
    con = connect(web_warehouse.db)
    try:
        add_user(con, "somsri", "a-long-secret")
        user = load_user(con, "somsri")
        assert user is not None and not user.can_view
        grant_role(con, "somsri", "viewer")
        grant_role(con, "somsri", "editor", web_warehouse.seed_agency_id)
        grant_role(con, "somsri", "editor", web_warehouse.seed_agency_id)  # idempotent
        user = load_user(con, "somsri")
        assert user is not None and len(user.grants) == 2
        assert user.can_edit(web_warehouse.seed_agency_id)
        assert not user.can_edit(web_warehouse.other_agency_id)
        assert SEED_NAME in user.role_summary_th
        revoke_role(con, "somsri", "editor", web_warehouse.seed_agency_id)
        user = load_user(con, "somsri")
        assert user is not None and not user.can_edit(web_warehouse.seed_agency_id)
        grant_role(con, "somsri", "admin")
        user = load_user(con, "somsri")
        assert user is not None and user.can_edit(web_warehouse.other_agency_id)
    finally:
        con.close()


@pytest.mark.parametrize(
    ("action", "message_th"),
    [
        (lambda con, wh: add_user(con, "x y", "a-long-secret"), "ชื่อผู้ใช้"),
        (lambda con, wh: add_user(con, "shorty", "short"), "อย่างน้อย 8"),
        (lambda con, wh: add_user(con, "takhram", "a-long-secret"), "มีผู้ใช้"),
        (lambda con, wh: grant_role(con, "viewer", "editor"), "ต้องระบุหน่วยงาน"),
        (lambda con, wh: grant_role(con, "viewer", "owner"), "บทบาท"),
        (lambda con, wh: grant_role(con, "viewer", "editor", "feedfeedfeedfeed"), "ไม่พบหน่วยงาน"),
        (lambda con, wh: set_password(con, "ghost", "a-long-secret"), "ไม่พบผู้ใช้"),
    ],
)
def test_refusals_say_why_in_thai(web_warehouse: WebWarehouse, action, message_th: str) -> None:
    con = connect(web_warehouse.db)
    try:
        with pytest.raises(UserError) as refused:
            action(con, web_warehouse)
        assert message_th in refused.value.message_th
    finally:
        con.close()


def test_cli_add_grant_passwd_list(web_warehouse: WebWarehouse) -> None:
    added = ita(
        web_warehouse,
        "users",
        "add",
        "officer1",
        "--name",
        "นางสาวใจดี",
        "--role",
        "editor",
        "--agency",
        "ตะคร้ำเอน",
        password="first-password",
    )
    assert added.exit_code == 0, added.output
    listed = ita(web_warehouse, "users", "list")
    assert "officer1" in listed.output and SEED_NAME in listed.output
    assert (
        ita(web_warehouse, "users", "passwd", "officer1", password="second-password").exit_code == 0
    )
    assert ita(web_warehouse, "users", "grant", "officer1", "admin").exit_code == 0
    con = connect(web_warehouse.db, read_only=True)
    try:
        assert authenticate(con, "officer1", "first-password") is None
        user = authenticate(con, "officer1", "second-password")
        assert user is not None and user.is_admin
    finally:
        con.close()


def test_cli_refusal_exits_1_with_the_reason(web_warehouse: WebWarehouse) -> None:
    short = ita(web_warehouse, "users", "add", "officer2", password="short")
    assert short.exit_code == 1 and "อย่างน้อย 8" in short.output
    unknown = ita(web_warehouse, "users", "grant", "viewer", "editor", "--agency", "ไม่มีจริง")
    assert unknown.exit_code == 1 and "refused" in unknown.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_ita_web_serves_the_login_page_on_localhost(
    web_warehouse: WebWarehouse, tmp_path: Path
) -> None:
    port = _free_port()
    env = {**os.environ, "ITA_RAW_DIR": str(web_warehouse.raw_dir), "ITA_WEB_SECRET": "s" * 32}
    proc = subprocess.Popen(
        [ITA, "web", "--db", str(web_warehouse.db), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "ita web did not start within 60 s"
                time.sleep(0.3)
        assert response.status_code == 200 and "เข้าสู่ระบบ" in response.text
        assert (
            "/fonts/Sarabun-Regular.ttf"
            in httpx.get(f"http://127.0.0.1:{port}/static/style.css").text
        )
        font = httpx.get(f"http://127.0.0.1:{port}/fonts/Sarabun-Regular.ttf")
        assert font.status_code == 200 and len(font.content) > 10_000
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
