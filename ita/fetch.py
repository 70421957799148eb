"""Sources → raw store: expand what the user names (paths, folders, globs, http(s) URLs, manifest
CSVs) into `SourceRef`s, and fetch each one into the content-addressed raw store.

Downloads are bounded: a per-operation timeout and an overall deadline, a size limit checked
against Content-Length and again while streaming, a redirect limit, and retries with exponential
back-off on transient failures only (5xx, 408, 429, timeouts, connection errors) — never on 404 or
other client errors. Bytes land only through `ita.rawstore` (temporary file, fsync, atomic
rename), so a failed or oversized download leaves nothing behind.

No Prefect here: `flows/ingest.py` wraps these functions in tasks (and lets Prefect do the
retries, calling `fetch_source(..., retries=0)`); `ita ingest` calls them directly.
"""

from __future__ import annotations

import csv
import glob
import logging
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path, PurePosixPath
from typing import Literal
from urllib.parse import unquote, urlsplit

import httpx

from ita.rawstore import StoredFile, store_chunks, store_file
from ita.settings import Settings, get_settings

log = logging.getLogger(__name__)

SourceKind = Literal["file", "url", "invalid"]
URL_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
LOCATION_COLUMNS = ("url", "path", "file", "source")
AGENCY_COLUMNS = ("agency", "agency_name")
YEAR_COLUMNS = ("year", "fiscal_year")
TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
USER_AGENT = "ita/0.1 (ITA results ingestion)"
CHUNK_BYTES = 1 << 16
MAX_BACKOFF_S = 30.0


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One thing to fetch: an absolute file path or an http(s) URL, with optional hints from a
    manifest (the agency name and B.E. fiscal year the row claims)."""

    location: str
    kind: SourceKind
    agency_hint: str | None = None
    fiscal_year_hint: int | None = None
    origin: str | None = None  # the manifest (and line) that named it
    problem: str | None = None  # kind "invalid": why the manifest row cannot be fetched

    @property
    def is_url(self) -> bool:
        return self.kind == "url"


class SourceError(ValueError):
    """A source argument cannot be expanded: a missing path, an unsupported scheme or a bad
    manifest row. The message names the argument (and manifest line) to fix."""


class FetchError(Exception):
    """A source could not be fetched. `reason` is a stable code (`http_404`, `timeout`,
    `connection`, `too_large`, `too_many_redirects`, `missing`, `bad_url`,
    `bad_manifest_row`); `transient` says
    whether trying again later may succeed."""

    def __init__(self, location: str, reason: str, detail: str, *, transient: bool) -> None:
        super().__init__(f"{reason}: {detail} ({location})")
        self.location = location
        self.reason = reason
        self.detail = detail
        self.transient = transient

    def __reduce__(self) -> tuple[object, ...]:  # picklable across process/Dask boundaries
        return (_rebuild_fetch_error, (self.location, self.reason, self.detail, self.transient))


def _rebuild_fetch_error(location: str, reason: str, detail: str, transient: bool) -> FetchError:
    return FetchError(location, reason, detail, transient=transient)


# --------------------------------------------------------------------------- expanding sources


def expand_sources(args: Iterable[str | Path]) -> list[SourceRef]:
    """Turn command-line style arguments into fetchable refs, in order, without duplicates.

    - ``http(s)://…`` → one URL ref (other schemes are refused);
    - a folder → every ``*.pdf`` below it (sorted);
    - a ``.csv`` file → its rows (a manifest: a ``url``/``path``/``file`` column, optional
      ``agency`` and ``year``/``fiscal_year`` hints; relative paths are relative to the manifest);
    - any other existing file → that file;
    - a glob pattern (``inbox/**/*.pdf``) → its matches; a pattern matching nothing is logged,
      not an error (an empty inbox is normal);
    - anything else → `SourceError`.
    """
    refs: list[SourceRef] = []
    seen: set[str] = set()
    for arg in args:
        for ref in _expand_one(str(arg)):
            if ref.location not in seen:
                seen.add(ref.location)
                refs.append(ref)
    return refs


def _expand_one(arg: str) -> Iterator[SourceRef]:
    if URL_PATTERN.match(arg):
        yield url_ref(arg)
        return
    path = Path(arg).expanduser()
    if path.is_dir():
        yield from _folder_refs(path)
    elif path.is_file() and path.suffix.lower() == ".csv":
        yield from read_manifest(path)
    elif path.is_file():
        yield SourceRef(str(path.resolve()), "file")
    elif glob.has_magic(arg):
        matches = sorted(glob.glob(str(path), recursive=True))
        if not matches:
            log.warning("No files match %s", arg)
        for match in matches:
            found = Path(match)
            if found.is_dir():
                yield from _folder_refs(found)
            elif found.is_file():
                yield SourceRef(str(found.resolve()), "file")
    else:
        raise SourceError(f"No such file or folder: {arg}")


def _folder_refs(folder: Path) -> Iterator[SourceRef]:
    for found in sorted(folder.rglob("*")):
        if found.is_file() and found.suffix.lower() == ".pdf" and not found.name.startswith("."):
            yield SourceRef(str(found.resolve()), "file")


def url_ref(url: str, **hints: object) -> SourceRef:
    """A ref for an http(s) URL; other schemes and URLs without a host are refused."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise SourceError(f"Only http(s) URLs can be fetched, not {parts.scheme}:// ({url})")
    if not parts.netloc:
        raise SourceError(f"URL without a host: {url}")
    return SourceRef(url, "url", **hints)  # type: ignore[arg-type]


def read_manifest(manifest: Path) -> list[SourceRef]:
    """Rows of a manifest CSV (UTF-8, with or without BOM; header required)."""
    with open(manifest, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
        location_col = next((header[c] for c in LOCATION_COLUMNS if c in header), None)
        if location_col is None:
            raise SourceError(
                f"Manifest {manifest} needs a column named one of {', '.join(LOCATION_COLUMNS)};"
                f" found {', '.join(header) or 'no header'}"
            )
        agency_col = next((header[c] for c in AGENCY_COLUMNS if c in header), None)
        year_col = next((header[c] for c in YEAR_COLUMNS if c in header), None)
        refs = []
        for line, row in enumerate(reader, start=2):
            location = (row.get(location_col) or "").strip()
            if not location or location.startswith("#"):
                continue
            origin = f"{manifest}:{line}"
            try:
                refs.append(
                    _manifest_row_ref(manifest, location, origin, row, agency_col, year_col)
                )
            except SourceError as exc:
                # one bad row must not stop a nightly manifest: it becomes a failed source
                refs.append(SourceRef(origin, "invalid", origin=origin, problem=str(exc)))
        return refs


def _manifest_row_ref(
    manifest: Path,
    location: str,
    origin: str,
    row: dict[str, str | None],
    agency_col: str | None,
    year_col: str | None,
) -> SourceRef:
    """One manifest row as a ref; raises `SourceError` naming the line."""
    hints = {
        "agency_hint": (row.get(agency_col) or "").strip() or None if agency_col else None,
        "fiscal_year_hint": _parse_year(row.get(year_col), origin) if year_col else None,
        "origin": origin,
    }
    if URL_PATTERN.match(location):
        try:
            return url_ref(location, **hints)  # type: ignore[arg-type]
        except SourceError as exc:
            raise SourceError(f"{origin}: {exc}") from None
    path = Path(location).expanduser()
    path = path if path.is_absolute() else manifest.parent / path
    if not path.is_file():
        raise SourceError(f"{origin}: no such file {location}")
    return SourceRef(str(path.resolve()), "file", **hints)  # type: ignore[arg-type]


def _parse_year(value: str | None, origin: str) -> int | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        year = int(text)  # int() reads Thai digits too: int("๒๕๖๕") == 2565
    except ValueError:
        raise SourceError(f"{origin}: year {text!r} is not a number") from None
    if not 2500 <= year <= 2700:
        raise SourceError(
            f"{origin}: year {year} is not a Buddhist-Era fiscal year (e.g. 2565 = 2021-10-01"
            " … 2022-09-30)"
        )
    return year


# --------------------------------------------------------------------------- fetching


def open_client(settings: Settings | None = None) -> httpx.Client:
    """An HTTP client with the configured timeout and redirect limit (reuse it for a batch)."""
    s = settings or get_settings()
    return httpx.Client(
        timeout=httpx.Timeout(s.download_timeout_s),
        follow_redirects=True,
        max_redirects=s.download_max_redirects,
        headers={"User-Agent": USER_AGENT},
    )


def fetch_source(
    ref: SourceRef,
    raw_dir: Path,
    *,
    client: httpx.Client | None = None,
    retries: int | None = None,
    settings: Settings | None = None,
) -> StoredFile:
    """Put the bytes of `ref` into the raw store and describe them. Raises `FetchError`.

    URLs are retried `retries` times (default: settings) on transient failures only, waiting
    `download_backoff_s`, then twice as long each time."""
    s = settings or get_settings()
    if ref.kind == "invalid":
        raise FetchError(ref.location, "bad_manifest_row", ref.problem or "", transient=False)
    if not ref.is_url:
        try:
            return store_file(Path(ref.location), raw_dir)
        except FileNotFoundError:
            raise FetchError(ref.location, "missing", "the file is gone", transient=False) from None
    attempts = 1 + (s.download_retries if retries is None else retries)
    own_client = client is None
    http = open_client(s) if client is None else client
    try:
        for attempt in range(1, attempts + 1):
            try:
                return download_url(ref.location, raw_dir, http, s)
            except FetchError as exc:
                if not exc.transient or attempt == attempts:
                    raise
                delay = min(s.download_backoff_s * 2 ** (attempt - 1), MAX_BACKOFF_S)
                log.warning(
                    "Attempt %d of %d failed (%s); retrying in %.1fs", attempt, attempts, exc, delay
                )
                time.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover
    finally:
        if own_client:
            http.close()


def download_url(url: str, raw_dir: Path, client: httpx.Client, settings: Settings) -> StoredFile:
    """One download attempt, streamed into the raw store. Raises `FetchError`."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(
                    url,
                    f"http_{response.status_code}",
                    f"the server answered {response.status_code} {response.reason_phrase}",
                    transient=response.status_code in TRANSIENT_STATUS,
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > settings.download_max_bytes:
                raise _too_large(url, int(declared), settings.download_max_bytes)
            name = file_name_for(response)
            return store_chunks(_bounded_chunks(url, response, settings), name, raw_dir, url)
    except httpx.TooManyRedirects:
        raise FetchError(
            url,
            "too_many_redirects",
            f"more than {settings.download_max_redirects} redirects",
            transient=False,
        ) from None
    except httpx.TimeoutException as exc:
        raise FetchError(
            url, "timeout", f"no answer in time ({type(exc).__name__})", transient=True
        ) from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise FetchError(url, "bad_url", str(exc), transient=False) from None
    except httpx.TransportError as exc:
        raise FetchError(
            url, "connection", f"{type(exc).__name__}: {exc}", transient=True
        ) from None


def _bounded_chunks(url: str, response: httpx.Response, settings: Settings) -> Iterator[bytes]:
    deadline = time.monotonic() + settings.download_deadline_s
    size = 0
    for chunk in response.iter_bytes(CHUNK_BYTES):
        size += len(chunk)
        if size > settings.download_max_bytes:
            raise _too_large(url, size, settings.download_max_bytes)
        if time.monotonic() > deadline:
            raise FetchError(
                url,
                "timeout",
                f"the download took longer than {settings.download_deadline_s:g}s",
                transient=True,
            )
        yield chunk


def _too_large(url: str, size: int, limit: int) -> FetchError:
    return FetchError(
        url, "too_large", f"{size:,} bytes or more; the limit is {limit:,}", transient=False
    )


def file_name_for(response: httpx.Response) -> str:
    """The server's file name (Content-Disposition) or the last segment of the final URL
    (percent-decoded, so Thai names read as Thai); the raw store makes it safe."""
    disposition = response.headers.get("content-disposition")
    if disposition:
        message = Message()
        message["content-disposition"] = disposition
        name = message.get_filename()
        if name:
            return name
    segment = unquote(PurePosixPath(urlsplit(str(response.url)).path).name)
    return segment or "download.pdf"
