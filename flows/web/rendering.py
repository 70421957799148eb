"""Jinja2 templates with what every page needs (the user, the CSRF token, today's Thai date)
and the display filters (scores, Thai dates, signed changes)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from flows.web.security import csrf_token
from ita.fiscal import format_thai_date, today_bangkok
from warehouse.users import User

TEMPLATES_DIR = Path(__file__).parent / "templates"


def format_score(value: Decimal | float | None) -> str:
    return "–" if value is None else f"{Decimal(str(value)):.2f}"


def format_change(value: Decimal | float | None) -> str:
    if value is None:
        return "–"
    d = Decimal(str(value))
    return f"+{d:.2f}" if d > 0 else f"{d:.2f}"


def format_date_th(value: date | datetime | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return f"{format_thai_date(value.date(), abbreviated=True)} {value:%H:%M} น."
    return format_thai_date(value, abbreviated=True)


def build_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    templates.env.filters["score"] = format_score
    templates.env.filters["change"] = format_change
    templates.env.filters["thdate"] = format_date_th
    return templates


def render_page(
    templates: Jinja2Templates,
    request: Request,
    name: str,
    user: User | None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    flash = request.session.pop("flash", None)
    return templates.TemplateResponse(
        request,
        name,
        {
            "user": user,
            "csrf": csrf_token(request),
            "today_th": format_thai_date(today_bangkok()),
            "flash": flash,
            **context,
        },
        status_code=status_code,
    )


def set_flash(request: Request, text: str, kind: str = "ok") -> None:
    """A one-time message shown on the next page (after a redirect)."""
    request.session["flash"] = {"text": text, "kind": kind}
