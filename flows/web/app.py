"""The application factory for ``ita web``: FastAPI + Jinja2 pages, signed sessions, CSRF on
every form, a cap on request bodies, Sarabun served from the fontpkg_sarabun package."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import fontpkg_sarabun
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from flows.web.database import WebDatabase
from flows.web.rendering import build_templates, render_page
from flows.web.routes import agencies, auth, measures, overdue
from flows.web.security import LoginRequired
from flows.web.uploads import FORM_OVERHEAD_BYTES, BodySizeLimit
from ita.settings import Settings, get_settings
from warehouse.connection import WarehouseError

STATIC_DIR = Path(__file__).parent / "static"
SESSION_HOURS = 12
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; "
        "script-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
ERROR_HEADINGS_TH = {
    403: "ไม่มีสิทธิ์ทำรายการนี้",
    404: "ไม่พบหน้าที่ต้องการ",
    413: "ไฟล์ใหญ่เกินกำหนด",
    422: "ข้อมูลที่ส่งมาไม่ถูกต้อง",
    503: "ยังใช้งานคลังข้อมูลไม่ได้ในขณะนี้",
}


@dataclass(frozen=True, slots=True)
class WebConfig:
    db: Path
    raw_dir: Path
    secret: str
    upload_max_bytes: int

    @classmethod
    def from_settings(cls, settings: Settings, db: Path | None = None) -> WebConfig:
        return cls(
            db=db or settings.db,
            raw_dir=settings.raw_dir,
            secret=settings.web_secret or secrets.token_urlsafe(32),
            upload_max_bytes=settings.web_upload_max_bytes,
        )


def create_app(config: WebConfig | None = None) -> FastAPI:
    """The web application over the warehouse ``config.db`` (migrations applied at start)."""
    config = config or WebConfig.from_settings(get_settings())
    database = WebDatabase(config.db)
    database.prepare()

    app = FastAPI(title="ita web", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.config = config
    app.state.db = database
    app.state.templates = build_templates()

    app.add_middleware(
        SessionMiddleware,
        secret_key=config.secret,
        session_cookie="ita_session",
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
    )
    app.add_middleware(BodySizeLimit, max_body_bytes=config.upload_max_bytes + FORM_OVERHEAD_BYTES)

    @app.middleware("http")
    async def add_security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(f"/login?next={quote(exc.next_url)}", status_code=303)

    @app.exception_handler(WarehouseError)
    async def warehouse_unavailable(request: Request, exc: WarehouseError) -> Response:
        return await error_page(
            request,
            StarletteHTTPException(
                503,
                f"คลังข้อมูลกำลังถูกใช้งานโดยโปรแกรมอื่น กรุณาลองใหม่อีกครั้งในภายหลัง ({type(exc).__name__})",
            ),
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        fields = ", ".join(str(e.get("loc", ["?"])[-1]) for e in exc.errors())
        return await error_page(
            request, HTTPException(422, f"ข้อมูลที่ส่งมาไม่ถูกต้อง (invalid field: {fields})")
        )

    @app.exception_handler(StarletteHTTPException)
    async def error_page(request: Request, exc: StarletteHTTPException) -> Response:
        return render_page(
            app.state.templates,
            request,
            "error.html",
            user=None,
            status_code=exc.status_code,
            heading=ERROR_HEADINGS_TH.get(exc.status_code, "ทำรายการไม่ได้"),
            message=str(exc.detail),
        )

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.mount("/fonts", StaticFiles(directory=fontpkg_sarabun.ROOT / "files"), name="fonts")
    for module in (auth, agencies, measures, overdue):
        app.include_router(module.router)
    return app
