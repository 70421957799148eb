"""Downloads against a real HTTP server on 127.0.0.1: what is stored, what is retried, what is
refused — and that a refused download leaves nothing in the raw store."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ita.fetch import FetchError, fetch_source, url_ref
from ita.settings import Settings

BODY = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


@pytest.fixture
def settings() -> Settings:
    return Settings(
        download_timeout_s=0.5,
        download_max_bytes=64 * 1024,
        download_retries=2,
        download_backoff_s=0.01,
        download_max_redirects=3,
    )


def _stored_files(raw_dir: Path) -> list[Path]:
    return sorted(p for p in raw_dir.rglob("*") if p.is_file()) if raw_dir.exists() else []


def test_ok_download_is_stored_by_its_sha256(http_server, tmp_path, settings) -> None:
    url = http_server.add("/docs/result.pdf", http_server.Reply(200, BODY))
    stored = fetch_source(url_ref(url), tmp_path / "raw", settings=settings)
    assert stored.document_id == hashlib.sha256(BODY).hexdigest()
    assert stored.path.read_bytes() == BODY
    assert stored.byte_size == len(BODY)
    assert stored.file_name == "result.pdf"
    assert stored.source_uri == url
    assert _stored_files(tmp_path / "raw") == [stored.path]


def test_thai_name_from_content_disposition_survives(http_server, tmp_path, settings) -> None:
    headers = {
        "Content-Disposition": "attachment; filename*=UTF-8''%E0%B8%9C%E0%B8%A5%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B9%80%E0%B8%A1%E0%B8%B4%E0%B8%99.pdf"
    }
    url = http_server.add("/download?id=7", http_server.Reply(200, BODY, headers))
    stored = fetch_source(url_ref(url), tmp_path / "raw", settings=settings)
    assert stored.file_name == "ผลการประเมิน.pdf"


def test_percent_encoded_thai_path_becomes_the_file_name(http_server, tmp_path, settings) -> None:
    url = http_server.add(
        "/%E0%B8%95%E0%B8%B0%E0%B8%84%E0%B8%A3%E0%B9%89%E0%B8%B3.pdf", http_server.Reply(200, BODY)
    )
    assert fetch_source(url_ref(url), tmp_path / "raw", settings=settings).file_name == "ตะคร้ำ.pdf"


def test_404_is_not_retried(http_server, tmp_path, settings) -> None:
    url = http_server.url("/gone.pdf")
    with pytest.raises(FetchError) as caught:
        fetch_source(url_ref(url), tmp_path / "raw", settings=settings)
    assert (caught.value.reason, caught.value.transient) == ("http_404", False)
    assert http_server.hits["/gone.pdf"] == 1
    assert _stored_files(tmp_path / "raw") == []


def test_503_then_200_is_retried_and_stored(http_server, tmp_path, settings) -> None:
    R = http_server.Reply
    url = http_server.add("/flaky.pdf", R(503, b"busy"), R(200, BODY))
    stored = fetch_source(url_ref(url), tmp_path / "raw", settings=settings)
    assert stored.path.read_bytes() == BODY
    assert http_server.hits["/flaky.pdf"] == 2


def test_503_forever_gives_up_after_the_retries(http_server, tmp_path, settings) -> None:
    url = http_server.add("/down.pdf", http_server.Reply(503, b"busy"))
    with pytest.raises(FetchError) as caught:
        fetch_source(url_ref(url), tmp_path / "raw", settings=settings)
    assert (caught.value.reason, caught.value.transient) == ("http_503", True)
    assert http_server.hits["/down.pdf"] == 1 + settings.download_retries


def test_retries_zero_tries_once(http_server, tmp_path, settings) -> None:
    url = http_server.add("/down.pdf", http_server.Reply(503, b"busy"))
    with pytest.raises(FetchError):
        fetch_source(url_ref(url), tmp_path / "raw", settings=settings, retries=0)
    assert http_server.hits["/down.pdf"] == 1


def test_slow_server_times_out_as_transient(http_server, tmp_path, settings) -> None:
    url = http_server.add("/slow.pdf", http_server.Reply(200, BODY, delay_s=5))
    with pytest.raises(FetchError) as caught:
        fetch_source(url_ref(url), tmp_path / "raw", settings=settings, retries=0)
    assert (caught.value.reason, caught.value.transient) == ("timeout", True)


def test_oversize_declared_length_is_refused_before_reading(
    http_server, tmp_path, settings
) -> None:
    url = http_server.add(
        "/big.pdf", http_server.Reply(200, b"x" * (settings.download_max_bytes + 1))
    )
    with pytest.raises(FetchError) as caught:
        fetch_source(url_ref(url), tmp_path / "raw", settings=settings)
    assert (caught.value.reason, caught.value.transient) == ("too_large", False)
    assert http_server.hits["/big.pdf"] == 1
    assert _stored_files(tmp_path / "raw") == []


def test_oversize_stream_without_length_leaves_no_partial_file(
    http_server, tmp_path, settings
) -> None:
    body = b"x" * (settings.download_max_bytes * 2)
    url = http_server.add("/stream.pdf", http_server.Reply(200, body, declare_length=False))
    with pytest.raises(FetchError, match="too_large"):
        fetch_source(url_ref(url), tmp_path / "raw", settings=settings)
    assert _stored_files(tmp_path / "raw") == []


def test_redirect_loop_is_refused(http_server, tmp_path, settings) -> None:
    http_server.add("/loop", http_server.Reply(302, headers={"Location": "/loop"}))
    with pytest.raises(FetchError) as caught:
        fetch_source(url_ref(http_server.url("/loop")), tmp_path / "raw", settings=settings)
    assert (caught.value.reason, caught.value.transient) == ("too_many_redirects", False)
    assert http_server.hits["/loop"] == settings.download_max_redirects + 1


def test_one_redirect_is_followed_and_named_after_the_target(
    http_server, tmp_path, settings
) -> None:
    R = http_server.Reply
    http_server.add("/latest", R(302, headers={"Location": "/files/ita-2566.pdf"}))
    http_server.add("/files/ita-2566.pdf", R(200, BODY))
    stored = fetch_source(url_ref(http_server.url("/latest")), tmp_path / "raw", settings=settings)
    assert stored.file_name == "ita-2566.pdf"
    assert stored.source_uri == http_server.url("/latest")


def test_connection_refused_is_transient(tmp_path, settings) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError) as caught:
        fetch_source(
            url_ref(f"http://127.0.0.1:{port}/a.pdf"),
            tmp_path / "raw",
            settings=settings,
            retries=0,
        )
    assert (caught.value.reason, caught.value.transient) == ("connection", True)


def test_same_bytes_from_two_urls_are_stored_once(http_server, tmp_path, settings) -> None:
    R = http_server.Reply
    a = fetch_source(
        url_ref(http_server.add("/a.pdf", R(200, BODY))), tmp_path / "raw", settings=settings
    )
    b = fetch_source(
        url_ref(http_server.add("/b.pdf", R(200, BODY))), tmp_path / "raw", settings=settings
    )
    assert a.document_id == b.document_id
    assert _stored_files(tmp_path / "raw") == [a.path]


def test_fetch_error_survives_pickling() -> None:
    import pickle

    err = pickle.loads(
        pickle.dumps(FetchError("http://x/a.pdf", "http_503", "busy", transient=True))
    )
    assert (err.location, err.reason, err.transient) == ("http://x/a.pdf", "http_503", True)
