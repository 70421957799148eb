"""The overdue board across agencies, as of a chosen day (Asia/Bangkok)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response

from flows.web import views
from flows.web.deps import get_db, get_templates, require_user
from flows.web.rendering import render_page
from ita.fiscal import today_bangkok

router = APIRouter()


@router.get("/overdue")
def overdue_board(
    request: Request,
    as_of: date | None = None,
) -> Response:
    day = as_of or today_bangkok()
    with get_db(request).reading() as con:
        user = require_user(request, con)
        measures, steps = views.list_overdue_with_steps(con, day)
    return render_page(
        get_templates(request),
        request,
        "overdue.html",
        user,
        nav="overdue",
        as_of=day,
        measures=measures,
        steps=steps,
        agency_count=len({m["agency_id"] for m in measures}),
        step_agency_count=len({m["agency_id"] for m in steps}),
    )
