"""The agencies page, one agency's page, and its analysis report as DOCX/PDF."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from flows.web import views
from flows.web.deps import get_db, get_templates, require_user
from flows.web.rendering import render_page
from ita.fiscal import today_bangkok
from ita.reports import render_report
from ita.settings import get_settings

router = APIRouter()


@router.get("/agencies")
def agencies_page(
    request: Request,
    province: str = "",
    agency_type: str = "",
) -> Response:
    pass_line = get_settings().pass_line
    with get_db(request).reading() as con:
        user = require_user(request, con)
        rows = views.list_agencies(con, today_bangkok(), pass_line, province, agency_type)
        options = views.read_filter_options(con)
    return render_page(
        get_templates(request),
        request,
        "agencies.html",
        user,
        nav="agencies",
        rows=rows,
        provinces=options.provinces,
        agency_types=options.agency_types,
        province=province,
        agency_type=agency_type,
        pass_line=pass_line,
    )


@router.get("/agencies/{agency_id}")
def agency_page(
    request: Request,
    agency_id: str,
    year: Annotated[int | None, Query(ge=2500, le=2700)] = None,
) -> Response:
    settings = get_settings()
    as_of = today_bangkok()
    with get_db(request).reading() as con:
        user = require_user(request, con)
        agency = views.read_agency(con, agency_id)
        if agency is None:
            raise HTTPException(status_code=404, detail="ไม่พบหน่วยงานนี้ในคลังข้อมูล")
        results = views.list_results(con, agency_id, settings.pass_line)
        chosen = next((r for r in results if r["fiscal_year"] == year), None)
        chosen = chosen or (results[0] if results else None)
        charts = views.build_charts(con, chosen, settings.pass_line) if chosen else None
        classification = views.read_classification(con, chosen) if chosen else None
        plan_year, measures = views.list_agency_measures(
            con, agency_id, as_of, settings.due_soon_days, chosen, chosen_explicitly=bool(year)
        )
    return render_page(
        get_templates(request),
        request,
        "agency.html",
        user,
        nav="agencies",
        agency=agency,
        results=results,
        charts=charts,
        chart_year=chosen["fiscal_year"] if chosen else None,
        classification=classification,
        plan_year=plan_year,
        measures=measures,
        as_of=as_of,
        can_edit=user.can_edit(agency_id),
    )


@router.get("/agencies/{agency_id}/report/{fiscal_year}.{fmt}")
def agency_report(request: Request, agency_id: str, fiscal_year: int, fmt: str) -> Response:
    """The analysis report of one result, rendered on request (DOCX or PDF)."""
    if fmt not in views.REPORT_MEDIA_TYPES:
        raise HTTPException(status_code=404, detail="รองรับเฉพาะรายงานแบบ DOCX และ PDF")
    with get_db(request).reading() as con:
        require_user(request, con)
        context = views.build_agency_report_context(con, agency_id, fiscal_year)
    if context is None:
        raise HTTPException(
            status_code=404, detail=f"ไม่มีผลการประเมินปีงบประมาณ {fiscal_year} ของหน่วยงานนี้"
        )
    workdir = Path(tempfile.mkdtemp(prefix="ita-web-report-"))
    try:
        path = render_report(context, fmt, workdir)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return FileResponse(
        path,
        media_type=views.REPORT_MEDIA_TYPES[fmt],
        filename=path.name,
        background=BackgroundTask(shutil.rmtree, workdir, ignore_errors=True),
    )
