"""One measure: its details, milestones and history, and the form that records a status change
(with a note, a reason, a new due date, and evidence as a URL or an uploaded file). Every change
goes through `warehouse.tracking.record_change` — the same function as
`ita measures update` — as the signed-in user."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, RedirectResponse, Response

from flows.web import views
from flows.web.deps import get_db, get_templates, require_user
from flows.web.rendering import render_page, set_flash
from flows.web.security import refuse_edit, verify_csrf
from flows.web.uploads import ALLOWED_TYPES, UploadRefused, store_evidence
from ita.fiscal import now_bangkok, today_bangkok
from ita.rawstore import find_stored
from ita.settings import get_settings
from ita.tracking import Change, TransitionRefused
from warehouse.tracking import TrackingError, find_target, record_change

router = APIRouter()
_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_NOTE_CHARS = 2000


@router.get("/measures/{measure_id}")
def measure_page(request: Request, measure_id: str) -> Response:
    return _render_measure(request, measure_id)


@router.post("/measures/{measure_id}/events", dependencies=[Depends(verify_csrf)])
def record_measure_event(
    request: Request,
    measure_id: str,
    status: Annotated[str, Form()],
    note: Annotated[str, Form(max_length=MAX_NOTE_CHARS)] = "",
    reason: Annotated[str, Form(max_length=MAX_NOTE_CHARS)] = "",
    new_due_date: Annotated[str, Form()] = "",
    evidence_url: Annotated[str, Form(max_length=2000)] = "",
    evidence_file: UploadFile | None = None,
) -> Response:
    config = request.app.state.config
    db = get_db(request)
    with db.reading() as con:
        user = require_user(request, con)
        target = _find_target(con, measure_id)
        if not user.can_edit(target.agency_id):
            agency = views.read_agency(con, target.agency_id)
            raise refuse_edit(user, agency["name"] if agency else target.agency_id)

    url = evidence_url.strip() or None
    if url and not _URL.match(url):
        return _render_measure(request, measure_id, 400, "ลิงก์หลักฐานต้องขึ้นต้นด้วย http:// หรือ https://")
    due: date | None = None
    if new_due_date.strip():
        try:
            due = date.fromisoformat(new_due_date.strip())
        except ValueError:
            return _render_measure(request, measure_id, 400, "วันที่กำหนดใหม่ไม่ถูกต้อง")
    sha256 = file_name = None
    if evidence_file is not None and evidence_file.filename:
        try:
            stored, _ = store_evidence(
                evidence_file.file,
                evidence_file.filename,
                config.raw_dir,
                config.upload_max_bytes,
            )
        except UploadRefused as refused:
            return _render_measure(request, measure_id, 400, refused.message_th)
        sha256, file_name = stored.document_id, stored.file_name

    change = Change(
        to_status=status,
        event_at=now_bangkok(),
        actor=user.username,
        note=note or None,
        reason=reason or None,
        new_due_date=due,
        evidence_url=url,
        evidence_sha256=sha256,
        evidence_file_name=file_name,
    )
    try:
        with db.writing() as con:
            record_change(con, measure_id, change)
    except (TransitionRefused, TrackingError) as refused:
        return _render_measure(request, measure_id, 400, refused.message_th)
    set_flash(request, "บันทึกความคืบหน้าแล้ว")
    return RedirectResponse(f"/measures/{measure_id}", status_code=303)


@router.get("/evidence/{sha256}")
def evidence_file(request: Request, sha256: str) -> Response:
    """An evidence file recorded on a measure event, from the raw store (nothing else is
    served: the id must be a sha256 named by an event)."""
    with get_db(request).reading() as con:
        require_user(request, con)
        if not _SHA256.match(sha256):
            raise HTTPException(status_code=404, detail="ไม่พบไฟล์หลักฐาน")
        name = views.read_evidence_name(con, sha256)
    path = find_stored(request.app.state.config.raw_dir, sha256) if name else None
    if path is None:
        raise HTTPException(status_code=404, detail="ไม่พบไฟล์หลักฐาน")
    media = {f".{t.extension}": t.media_type for t in ALLOWED_TYPES}.get(
        path.suffix.lower(), "application/octet-stream"
    )
    return FileResponse(path, media_type=media, filename=name)


def _render_measure(
    request: Request,
    measure_id: str,
    status_code: int = 200,
    error: str | None = None,
) -> Response:
    as_of = today_bangkok()
    settings = get_settings()
    with get_db(request).reading() as con:
        user = require_user(request, con)
        measure = views.read_measure(con, measure_id, as_of, settings.due_soon_days)
        if measure is None:
            raise HTTPException(status_code=404, detail=f"ไม่พบมาตรการรหัส {measure_id}")
        milestones = views.list_milestones(con, measure_id, as_of)
        events = views.list_measure_events(con, measure_id)
    return render_page(
        get_templates(request),
        request,
        "measure.html",
        user,
        status_code=status_code,
        nav="agencies",
        measure=measure,
        milestones=milestones,
        events=events,
        next_statuses=views.next_statuses(measure["status"]),
        can_edit=user.can_edit(measure["agency_id"]),
        error=error,
        max_upload_mb=f"{request.app.state.config.upload_max_bytes / 1024 / 1024:.1f}".rstrip(
            "0"
        ).rstrip("."),
    )


def _find_target(con: Any, measure_id: str) -> Any:
    try:
        return find_target(con, measure_id)
    except TrackingError as missing:
        raise HTTPException(status_code=404, detail=missing.message_th) from missing
