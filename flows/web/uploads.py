"""Evidence uploads: a hard cap on request bodies, a type check by magic bytes, and storage by
sha256 in the raw store (the only place an upload is ever written, apart from a private temp
file that is deleted at once). The name the browser sends is kept as text only, never as a
path."""

from __future__ import annotations

import contextlib
import tempfile
import zipfile
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ita.rawstore import StoredFile, safe_file_name, store_chunks

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Room for the other form fields and multipart framing around one file.
FORM_OVERHEAD_BYTES = 64 * 1024
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class EvidenceType:
    extension: str
    media_type: str
    label_th: str


PDF = EvidenceType("pdf", "application/pdf", "PDF")
PNG = EvidenceType("png", "image/png", "รูปภาพ PNG")
JPEG = EvidenceType("jpg", "image/jpeg", "รูปภาพ JPEG")
DOCX = EvidenceType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "เอกสาร Word (DOCX)",
)
ALLOWED_TYPES = (PDF, PNG, JPEG, DOCX)


class UploadRefused(ValueError):
    """An upload that is not kept; ``message_th`` is shown to the officer."""

    def __init__(self, message_en: str, message_th: str) -> None:
        super().__init__(message_en)
        self.message_th = message_th


def sniff_evidence_type(path: Path) -> EvidenceType | None:
    """The evidence type of a file from its first bytes (and, for DOCX, its zip directory);
    None when it is none of PDF, PNG, JPEG or DOCX. The file name is never consulted."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"%PDF-"):
        return PDF
    if head == b"\x89PNG\r\n\x1a\n":
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04") and _is_docx(path):
        return DOCX
    return None


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def store_evidence(
    source: BinaryIO, original_name: str, raw_dir: Path, max_bytes: int
) -> tuple[StoredFile, EvidenceType]:
    """Copy an uploaded stream into a private temp file (refusing it past ``max_bytes``), check
    its type by content, then keep it in the raw store by sha256 under
    ``<raw_dir>/<sha[:2]>/<sha>.<ext>``; the extension comes from the checked type, the
    browser's file name is only a display name. Raises UploadRefused."""
    with tempfile.TemporaryDirectory(prefix="ita-upload-") as tmp:
        staged = Path(tmp) / "upload.bin"
        size = _copy_limited(source, staged, max_bytes)
        if size == 0:
            raise UploadRefused("the uploaded file is empty", "ไฟล์ที่อัปโหลดว่างเปล่า")
        kind = sniff_evidence_type(staged)
        if kind is None:
            raise UploadRefused(
                "evidence must be a PDF, PNG, JPEG or DOCX file (checked by content)",
                "ไฟล์หลักฐานต้องเป็น PDF, PNG, JPEG หรือ DOCX (ตรวจจากเนื้อไฟล์)",
            )
        display = f"{Path(safe_file_name(original_name, 'evidence')).stem}.{kind.extension}"
        with staged.open("rb") as fh:
            stored = store_chunks(iter(lambda: fh.read(_CHUNK), b""), display, raw_dir)
        return stored, kind


def _copy_limited(source: BinaryIO, target: Path, max_bytes: int) -> int:
    size = 0
    with target.open("wb") as out:
        while chunk := source.read(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise UploadRefused(
                    f"the file is larger than the limit of {max_bytes:,} bytes",
                    f"ไฟล์ใหญ่เกินกำหนด ({max_bytes / 1024 / 1024:.1f} MB)",
                )
            out.write(chunk)
    return size


class BodySizeLimit:
    """ASGI middleware: answers 413 when a request body (by Content-Length, or counted while
    it streams in, for chunked uploads) is larger than ``max_body_bytes``."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            await _send_too_large(send)
            return
        received = 0
        too_large = False
        answered = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    too_large = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # Once the body overflowed, whatever the app answers (FastAPI turns a failed body
            # read into a 400) is replaced by one 413.
            nonlocal answered
            if too_large:
                if not answered:
                    answered = True
                    await _send_too_large(send)
                return
            answered = answered or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(_BodyTooLarge):
            await self.app(scope, limited_receive, guarded_send)
        if too_large and not answered:
            await _send_too_large(send)


class _BodyTooLarge(Exception):
    pass


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_too_large(send: Send) -> None:
    body = "ไฟล์หรือข้อมูลที่ส่งมีขนาดใหญ่เกินกำหนด (request body too large)".encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
