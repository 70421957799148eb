"""The raw store keeps every input byte for byte, under its sha256, with safe names."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from warehouse_helpers import CORPUS

from ita.rawstore import (
    MAX_NAME_BYTES,
    find_stored,
    safe_file_name,
    store_bytes,
    store_chunks,
    store_file,
)

PDF = CORPUS / "2565-takhram-en-fpdf2.pdf"


def test_store_file_keeps_the_bytes_under_their_sha256(tmp_path: Path) -> None:
    before = PDF.read_bytes()
    stored = store_file(PDF, tmp_path / "raw")
    assert stored.document_id == hashlib.sha256(before).hexdigest()
    assert stored.path.read_bytes() == before
    assert stored.byte_size == len(before)
    assert stored.file_name == PDF.name
    assert stored.source_uri == PDF.resolve().as_uri()
    assert PDF.read_bytes() == before  # the source is untouched
    assert not stored.path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert find_stored(tmp_path / "raw", stored.document_id) == stored.path


def test_storing_twice_is_a_no_op(tmp_path: Path) -> None:
    first = store_file(PDF, tmp_path / "raw")
    mtime = first.path.stat().st_mtime_ns
    copy = tmp_path / "another name.pdf"
    copy.write_bytes(PDF.read_bytes())
    second = store_file(copy, tmp_path / "raw")
    assert second.path == first.path and second.document_id == first.document_id
    assert second.file_name == "another name.pdf"
    assert first.path.stat().st_mtime_ns == mtime
    assert [p.name for p in (tmp_path / "raw").rglob("*") if p.is_file()] == [first.path.name]


def test_storing_a_file_from_inside_the_store_leaves_it_intact(tmp_path: Path) -> None:
    first = store_file(PDF, tmp_path / "raw")
    again = store_file(first.path, tmp_path / "raw")
    assert again.path == first.path
    assert again.path.read_bytes() == PDF.read_bytes()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\evil.pdf", "evil.pdf"),
        ("report\x00\x1b[31m.pdf", "report__[31m.pdf"),
        ("...hidden.pdf", "hidden.pdf"),
        ("ผลการประเมิน ITA 2565.pdf", "ผลการประเมิน ITA 2565.pdf"),
        ("a\u202eb.pdf", "ab.pdf"),  # bidi override removed
        ("", "document.pdf"),
        ("..", "document.pdf"),
        ('what?<>|:"*.pdf', "what_______.pdf"),
    ],
)
def test_safe_file_name(given: str, expected: str) -> None:
    assert safe_file_name(given) == expected


def test_long_thai_names_are_cut_within_the_byte_limit_keeping_the_extension() -> None:
    name = safe_file_name("รายงานการวิเคราะห์ผลการประเมิน" * 20 + ".pdf")
    assert name.endswith(".pdf")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    name.encode("utf-8").decode("utf-8")  # no split character


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    def broken() -> Iterator[bytes]:
        yield b"%PDF-1.7 partial"
        raise OSError("connection reset")

    with pytest.raises(OSError):
        store_chunks(broken(), "x.pdf", tmp_path / "raw")
    assert [p for p in (tmp_path / "raw").rglob("*") if p.is_file()] == []


def test_bytes_and_chunks_land_the_same(tmp_path: Path) -> None:
    data = os.urandom(300_000)
    a = store_bytes(data, "a.pdf", tmp_path / "raw", "https://example.org/a.pdf")
    b = store_chunks(iter([data[:1000], data[1000:]]), "b.pdf", tmp_path / "raw")
    assert a.document_id == b.document_id == hashlib.sha256(data).hexdigest()
    assert a.source_uri == "https://example.org/a.pdf"


def test_find_stored_refuses_anything_but_a_sha256(tmp_path: Path) -> None:
    store_file(PDF, tmp_path / "raw")
    assert find_stored(tmp_path / "raw", "../*") is None
    assert find_stored(tmp_path / "raw", "a" * 64) is None
