"""Who is asking, and may they: the signed session (Starlette's SessionMiddleware holds only
the username and a CSRF token), CSRF checks on every form, and the refusals shown in Thai."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import HTTPException, Request

from warehouse.users import User

SESSION_USER = "user"
SESSION_CSRF = "csrf"
CSRF_FIELD = "csrf_token"


class LoginRequired(Exception):
    """Raised by page handlers when nobody is signed in; answered with a redirect to /login."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


def csrf_token(request: Request) -> str:
    """This session's CSRF token, made on first use; every form carries it back."""
    token = request.session.get(SESSION_CSRF)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = token
    return token


async def verify_csrf(request: Request) -> None:
    """Refuse (403) a form whose token does not match the session's. A dependency of every
    POST route."""
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    expected = request.session.get(SESSION_CSRF)
    if (
        not isinstance(sent, str)
        or not isinstance(expected, str)
        or not expected
        or not secrets.compare_digest(sent.encode(), expected.encode())
    ):
        raise HTTPException(
            status_code=403,
            detail="แบบฟอร์มหมดอายุหรือไม่ถูกต้อง (CSRF) โปรดโหลดหน้าใหม่แล้วลองอีกครั้ง",
        )


def start_session(request: Request, user: User) -> None:
    """A fresh session for a user who just signed in (no fixation: the old one is dropped)."""
    request.session.clear()
    request.session[SESSION_USER] = user.username
    request.session[SESSION_CSRF] = secrets.token_urlsafe(32)


def end_session(request: Request) -> None:
    request.session.clear()


def session_username(request: Request) -> str | None:
    name: Any = request.session.get(SESSION_USER)
    return name if isinstance(name, str) else None


def refuse_edit(user: User, agency_name: str) -> HTTPException:
    return HTTPException(
        status_code=403,
        detail=(
            f"บัญชี {user.username} ไม่มีสิทธิ์บันทึกผลมาตรการของ {agency_name} "
            f"(not an editor of this agency)"
        ),
    )
