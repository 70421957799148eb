"""Expanding sources: paths, folders, globs, URLs and manifest CSVs (no network)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ita.fetch import FetchError, SourceError, expand_sources, fetch_source, read_manifest


def _touch(path: Path, data: bytes = b"%PDF-1.4\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_folder_expands_to_its_pdfs_sorted_recursively(tmp_path: Path) -> None:
    b = _touch(tmp_path / "in" / "b.pdf")
    a = _touch(tmp_path / "in" / "sub" / "a.PDF")
    _touch(tmp_path / "in" / "notes.txt")
    _touch(tmp_path / "in" / ".hidden.pdf")
    refs = expand_sources([tmp_path / "in"])
    assert [r.location for r in refs] == [str(b.resolve()), str(a.resolve())]
    assert all(r.kind == "file" for r in refs)


def test_glob_and_duplicates_keep_first_occurrence_order(tmp_path: Path) -> None:
    x = _touch(tmp_path / "x.pdf")
    y = _touch(tmp_path / "y.pdf")
    refs = expand_sources([str(y), str(tmp_path / "*.pdf"), str(x)])
    assert [r.location for r in refs] == [str(y.resolve()), str(x.resolve())]


def test_glob_matching_nothing_is_empty_not_an_error(tmp_path: Path) -> None:
    assert expand_sources([str(tmp_path / "inbox" / "*.pdf")]) == []


def test_missing_path_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"No such file or folder: .*nope\.pdf"):
        expand_sources([tmp_path / "nope.pdf"])


def test_urls_pass_through_and_other_schemes_are_refused() -> None:
    (ref,) = expand_sources(["https://itas.nacc.go.th/report/ผลการประเมิน.pdf"])
    assert ref.is_url and ref.location.startswith("https://")
    with pytest.raises(SourceError, match="Only http"):
        expand_sources(["ftp://example.org/a.pdf"])


def test_manifest_rows_carry_hints_and_resolve_relative_paths(tmp_path: Path) -> None:
    local = _touch(tmp_path / "pdfs" / "takhram.pdf")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "\ufeffurl,agency,year\n"
        "https://example.org/a.pdf,องค์การบริหารส่วนตำบลตะคร้ำเอน,๒๕๖๕\n"
        "\n"
        "pdfs/takhram.pdf,,2566\n"
        "# https://example.org/commented-out.pdf,,\n",
        encoding="utf-8",
    )
    refs = expand_sources([manifest])
    assert [(r.kind, r.agency_hint, r.fiscal_year_hint) for r in refs] == [
        ("url", "องค์การบริหารส่วนตำบลตะคร้ำเอน", 2565),
        ("file", None, 2566),
    ]
    assert refs[1].location == str(local.resolve())
    assert refs[0].origin == f"{manifest}:2"


def test_manifest_with_file_column_is_accepted(tmp_path: Path) -> None:
    _touch(tmp_path / "one.pdf")
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,kind,expected\none.pdf,itas_result,loaded\n", encoding="utf-8")
    assert [Path(r.location).name for r in read_manifest(manifest)] == ["one.pdf"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("https://example.org/a.pdf,,2022", r"m\.csv:2: year 2022 is not a Buddhist-Era"),
        ("https://example.org/a.pdf,,soon", r"m\.csv:2: year 'soon' is not a number"),
        ("missing.pdf,,", r"m\.csv:2: no such file missing\.pdf"),
        ("file:///etc/passwd,,", r"m\.csv:2: Only http\(s\) URLs"),
    ],
)
def test_bad_manifest_rows_name_their_line(tmp_path: Path, row: str, message: str) -> None:
    """A bad row becomes a source that fails to fetch with a reason naming its line (it used
    to refuse the whole manifest, so one typo stopped a nightly run)."""
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"url,agency,year\n{row}\n", encoding="utf-8")
    [ref] = read_manifest(manifest)
    assert ref.kind == "invalid" and re.search(message, ref.problem or "")
    with pytest.raises(FetchError, match=message) as failed:
        fetch_source(ref, tmp_path / "raw")
    assert failed.value.reason == "bad_manifest_row" and not failed.value.transient
    assert not (tmp_path / "raw").exists() or not any((tmp_path / "raw").rglob("*.pdf"))


def test_manifest_without_location_column_is_refused(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("agency,year\nx,2565\n", encoding="utf-8")
    with pytest.raises(SourceError, match="needs a column named one of url, path, file"):
        read_manifest(manifest)
