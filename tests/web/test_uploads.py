"""Evidence uploads: the type is read from the bytes, the size is capped, the file lands in the
raw store under its sha256 and nowhere else."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from flows.web.uploads import (
    DOCX,
    JPEG,
    PDF,
    PNG,
    UploadRefused,
    sniff_evidence_type,
    store_evidence,
)
from tests.web.evidence_files import (
    make_docx,
    make_exe_named_pdf,
    make_image,
    make_pdf,
    make_plain_zip,
)


@pytest.mark.parametrize(
    ("maker", "expected"),
    [
        (lambda d: make_pdf(d / "a.bin"), PDF),
        (lambda d: make_image(d / "a.bin", "PNG"), PNG),
        (lambda d: make_image(d / "a.bin", "JPEG"), JPEG),
        (lambda d: make_docx(d / "a.bin"), DOCX),
    ],
)
def test_sniff_accepts_real_files_whatever_their_name(tmp_path: Path, maker, expected) -> None:
    assert sniff_evidence_type(maker(tmp_path)) == expected


@pytest.mark.parametrize("maker", [make_exe_named_pdf, make_plain_zip])
def test_sniff_refuses_impostors(tmp_path: Path, maker) -> None:
    assert sniff_evidence_type(maker(tmp_path / "evil.pdf")) is None


def test_store_evidence_keeps_bytes_by_sha256_inside_raw_store(tmp_path: Path) -> None:
    source = make_pdf(tmp_path / "report.pdf")
    raw = tmp_path / "raw"
    with source.open("rb") as fh:
        stored, kind = store_evidence(fh, "../../etc/passwd.pdf", raw, max_bytes=1_000_000)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert kind == PDF
    assert stored.document_id == digest
    assert stored.path.resolve().is_relative_to(raw.resolve())
    assert stored.path.name == f"{digest}.pdf"
    assert stored.path.read_bytes() == source.read_bytes()
    assert "/" not in stored.file_name and not stored.file_name.startswith(".")


def test_store_evidence_names_the_file_by_its_checked_type(tmp_path: Path) -> None:
    png = make_image(tmp_path / "photo.pdf", "PNG")  # the name says PDF, the bytes say PNG
    with png.open("rb") as fh:
        stored, kind = store_evidence(fh, "photo.pdf", tmp_path / "raw", max_bytes=1_000_000)
    assert kind == PNG
    assert stored.path.suffix == ".png" and stored.file_name == "photo.png"


def test_store_evidence_refuses_oversize_and_leaves_nothing(tmp_path: Path) -> None:
    source = make_pdf(tmp_path / "big.pdf", "x" * 50)
    raw = tmp_path / "raw"
    limit = source.stat().st_size - 1
    with source.open("rb") as fh, pytest.raises(UploadRefused) as refused:
        store_evidence(fh, "big.pdf", raw, max_bytes=limit)
    assert "ใหญ่เกิน" in refused.value.message_th
    assert not raw.exists() or not any(p.is_file() for p in raw.rglob("*"))


def test_store_evidence_refuses_wrong_type_and_empty(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    with make_exe_named_pdf(tmp_path / "x.pdf").open("rb") as fh, pytest.raises(UploadRefused):
        store_evidence(fh, "x.pdf", raw, max_bytes=1_000_000)
    (tmp_path / "empty.pdf").write_bytes(b"")
    with (tmp_path / "empty.pdf").open("rb") as fh, pytest.raises(UploadRefused):
        store_evidence(fh, "empty.pdf", raw, max_bytes=1_000_000)
    assert not raw.exists() or not any(p.is_file() for p in raw.rglob("*"))
