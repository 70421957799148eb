"""What route handlers share: the app's database, templates and config, and the signed-in user
(loaded fresh from the warehouse on every request, through the same short connection as the
page's own reads, so a revoked grant takes effect at once)."""

from __future__ import annotations

import duckdb
from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates

from flows.web.database import WebDatabase
from flows.web.security import LoginRequired, end_session, session_username
from warehouse.users import User, load_user


def get_db(request: Request) -> WebDatabase:
    db: WebDatabase = request.app.state.db
    return db


def get_templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


def require_user(request: Request, con: duckdb.DuckDBPyConnection) -> User:
    """The signed-in user with at least one grant, read through the request's connection;
    otherwise a redirect to /login (no session) or 403 (an account nobody has granted anything
    yet)."""
    username = session_username(request)
    if username is None:
        raise LoginRequired(_here(request))
    user = load_user(con, username)
    if user is None:
        end_session(request)
        raise LoginRequired(_here(request))
    if not user.can_view:
        raise HTTPException(
            status_code=403,
            detail=f"บัญชี {user.username} ยังไม่ได้รับสิทธิ์ใด ๆ โปรดติดต่อผู้ดูแลระบบ",
        )
    return user


def _here(request: Request) -> str:
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{request.url.path}{query}" if request.method == "GET" else "/agencies"


def safe_next(url: str | None) -> str:
    """Only a path on this site is a place to go after login (no open redirect)."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return "/agencies"
    return url
