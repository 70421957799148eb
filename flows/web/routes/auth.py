"""Sign in and out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from flows.web.deps import get_db, get_templates, safe_next
from flows.web.rendering import render_page
from flows.web.security import end_session, session_username, start_session, verify_csrf
from warehouse.users import authenticate

router = APIRouter()


@router.get("/")
def home() -> Response:
    return RedirectResponse("/agencies", status_code=303)


@router.get("/login")
def login_form(request: Request, next: str = "/agencies") -> Response:
    if session_username(request):
        return RedirectResponse(safe_next(next), status_code=303)
    return render_page(
        get_templates(request), request, "login.html", user=None, next_url=safe_next(next)
    )


@router.post("/login", dependencies=[Depends(verify_csrf)])
def login(
    request: Request,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/agencies",
) -> Response:
    with get_db(request).reading() as con:
        user = authenticate(con, username.strip(), password)
    if user is None:
        return render_page(
            get_templates(request),
            request,
            "login.html",
            user=None,
            status_code=401,
            error="ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
            username=username,
            next_url=safe_next(next),
        )
    start_session(request, user)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", dependencies=[Depends(verify_csrf)])
def logout(request: Request) -> Response:
    end_session(request)
    return RedirectResponse("/login", status_code=303)
