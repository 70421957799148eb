"""The raw store: every input file kept once, byte for byte, addressed by its sha256.

Layout: ``<raw_dir>/<sha256[:2]>/<sha256><.ext>`` — the extension is taken from the (sanitised)
original file name so tools can open the file; the original name is kept in `StoredFile.file_name`
for display. Writes are atomic (temporary file in the same folder, fsync, rename), stored files are
made read-only, and bytes are never modified. Storing the same bytes again is a no-op.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20
MAX_NAME_BYTES = 200
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f/\\:*?\"<>|]")
_EXT = re.compile(r"\.[A-Za-z0-9]{1,8}$")


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A file in the raw store. `document_id` is the sha256 of its bytes (lowercase hex)."""

    document_id: str
    path: Path  # where the bytes live in the raw store
    file_name: str  # safe display name derived from the original name
    byte_size: int
    source_uri: str | None = None  # where it came from (file:// or http(s)://)


def safe_file_name(name: str, default: str = "document.pdf") -> str:
    """A display/file name without directories, control characters, reserved characters or
    leading dots, at most `MAX_NAME_BYTES` bytes of UTF-8 (Thai kept, never NFKC)."""
    base = re.split(r"[/\\]", name)[-1]
    base = unicodedata.normalize("NFC", base)
    base = _UNSAFE.sub("_", base)
    base = "".join(ch for ch in base if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    base = " ".join(base.split()).lstrip(". ").rstrip(" .")
    if not base:
        return default
    stem, ext = (base[: -len(m.group())], m.group()) if (m := _EXT.search(base)) else (base, "")
    while len((stem + ext).encode("utf-8")) > MAX_NAME_BYTES and stem:
        stem = stem[:-1]
    return (stem + ext) if stem else default


def stored_path(raw_dir: Path, document_id: str, file_name: str) -> Path:
    """Where bytes with this sha256 live in the raw store."""
    m = _EXT.search(file_name)
    ext = m.group().lower() if m else ".bin"
    return Path(raw_dir) / document_id[:2] / f"{document_id}{ext}"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def store_file(path: Path, raw_dir: Path, source_uri: str | None = None) -> StoredFile:
    """Copy `path` into the raw store (once) and describe it. The source is never modified."""
    path = Path(path)
    with open(path, "rb") as fh:
        return store_chunks(
            iter(lambda: fh.read(CHUNK), b""),
            path.name,
            raw_dir,
            source_uri or path.resolve().as_uri(),
        )


def store_bytes(
    data: bytes, file_name: str, raw_dir: Path, source_uri: str | None = None
) -> StoredFile:
    """Store bytes already in memory (e.g. a download) under their sha256."""
    return store_chunks([data], file_name, raw_dir, source_uri)


def store_chunks(
    chunks: Iterable[bytes], file_name: str, raw_dir: Path, source_uri: str | None = None
) -> StoredFile:
    """Stream `chunks` into a temporary file next to their final place, hashing as they come,
    then rename atomically. If the same bytes are already stored, the temporary file is dropped."""
    raw_dir = Path(raw_dir)
    raw_dir.mkdir(parents=True, exist_ok=True)
    name = safe_file_name(file_name)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=raw_dir)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        document_id = digest.hexdigest()
        target = stored_path(raw_dir, document_id, name)
        if target.exists() and target.stat().st_size == size:
            tmp.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp.chmod(0o444)
            os.replace(tmp, target)
            _fsync_dir(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return StoredFile(document_id, target, name, size, source_uri)


def find_stored(raw_dir: Path, document_id: str) -> Path | None:
    """The stored file for a document id, if present."""
    if not re.fullmatch(r"[0-9a-f]{64}", document_id):
        return None
    folder = Path(raw_dir) / document_id[:2]
    matches = sorted(folder.glob(f"{document_id}.*")) if folder.is_dir() else []
    return matches[0] if matches else None


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
