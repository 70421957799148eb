"""Hostile sources through `ingest_paths` against a real local HTTP server: URLs that time out,
404, loop, or send too much; hostile file names; malformed manifest rows. A source that cannot
be fetched has no bytes and so no document id: it is reported in the run's outcomes (the CLI
line, the flow's artifact) and the warehouse and raw store stay exactly as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from ita.settings import get_settings
from tests.reliability import hostile
from tests.reliability.conftest import Place
from tests.reliability.test_hostile_files import assert_one_line
from tests.reliability.warehouse_state import document_row, integrity_problems, table_rows
from warehouse import ingest_paths

SEED_BYTES = hostile.SEED_PDF.read_bytes()


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_unfetchable_urls_are_reported_and_the_good_one_still_loads(
    warehouse: Place, http_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    Reply = http_server.Reply
    s = get_settings()
    monkeypatch.setattr(s, "download_timeout_s", 0.5)
    monkeypatch.setattr(s, "download_max_bytes", 64 * 1024)
    monkeypatch.setattr(s, "download_max_redirects", 3)
    urls = {
        "http_404": http_server.add("/gone.pdf", Reply(404, b"not here")),
        "timeout": http_server.add("/slow.pdf", Reply(200, SEED_BYTES, delay_s=3)),
        "too_many_redirects": http_server.add(
            "/loop.pdf", Reply(302, headers={"Location": "/loop.pdf"})
        ),
        "too_large": http_server.add("/big.pdf", Reply(200, b"%PDF-1.7\n" + b"0" * 100_000)),
        "too_large ": http_server.add(  # no Content-Length: counted while streaming
            "/big-stream.pdf",
            Reply(200, b"%PDF-1.7\n" + b"0" * 100_000, declare_length=False),
        ),
        "http_500": http_server.add("/error.pdf", Reply(500, b"oops")),
    }
    good = http_server.add(
        "/ita-2566.pdf",
        Reply(200, hostile.corpus_pdf("2566-ban-kao-fpdf2.pdf").read_bytes()),
    )
    before, raw_before = table_rows(warehouse.db), files_under(warehouse.raw)

    outcomes = ingest_paths([*urls.values(), good], warehouse.db, raw_dir=warehouse.raw)

    by_url = {o.file_name: o for o in outcomes}
    for code, url in urls.items():
        outcome = by_url[url]
        assert outcome.status == "failed", outcome
        assert f": {code.strip()}:" in outcome.reason, outcome.reason
        assert_one_line(outcome.reason)
        assert outcome.document_id == ""
    assert [o.status for o in outcomes][-1] == "loaded"
    after = table_rows(warehouse.db)
    assert {k: v for k, v in after.items() if k not in CHANGED_BY_A_LOAD} == {
        k: v for k, v in before.items() if k not in CHANGED_BY_A_LOAD
    }
    # only the good download reached the raw store; no partial or temporary file is left
    new_files = files_under(warehouse.raw) - raw_before
    assert [p.name[:64] for p in new_files] == [outcomes[-1].document_id]
    assert integrity_problems(warehouse.db) == {}


CHANGED_BY_A_LOAD = {
    "documents",
    "agencies",
    "assessments",
    "indicator_scores",
    "item_scores",
    "quarantine",
}


def test_html_page_served_as_pdf_is_stored_and_quarantined(warehouse: Place, http_server) -> None:
    """A 200 answer that is really an HTML page: its bytes are kept (nothing lost) and the
    document is quarantined as not a PDF, with the URL as its source."""
    url = http_server.add(
        "/ita.pdf", http_server.Reply(200, b"<html><body>Please log in</body></html>")
    )

    (outcome,) = ingest_paths([url], warehouse.db, raw_dir=warehouse.raw)

    assert outcome.status == "quarantined" and "not a pdf" in outcome.reason.lower()
    doc = document_row(warehouse.db, outcome.document_id)
    assert doc is not None and doc["source_uri"] == url


HOSTILE_NAMES = {
    "path traversal": 'attachment; filename="../../../../outside.pdf"',
    "encoded traversal": "attachment; filename*=UTF-8''..%2F..%2F..%2Foutside.pdf",
    "absolute path": 'attachment; filename="/tmp/outside-absolute.pdf"',
    "windows traversal": 'attachment; filename="..\\\\..\\\\outside.pdf"',
    "control characters": "attachment; filename*=UTF-8''%E0%B8%9C%E0%B8%A5%1B%5B31m%0D%0Aevil%00.pdf",
    "dot file": 'attachment; filename=".."',
}


@pytest.mark.parametrize("name", list(HOSTILE_NAMES))
def test_download_with_hostile_name_lands_only_in_the_raw_store(
    name: str, warehouse: Place, http_server
) -> None:
    url = http_server.add(
        "/download",
        http_server.Reply(200, SEED_BYTES, {"Content-Disposition": HOSTILE_NAMES[name]}),
    )
    outside_before = files_under(warehouse.root.parent) - files_under(warehouse.root)

    (outcome,) = ingest_paths([url], warehouse.db, raw_dir=warehouse.raw)

    assert outcome.status in ("duplicate", "loaded", "quarantined"), outcome
    assert files_under(warehouse.root.parent) - files_under(warehouse.root) == outside_before
    assert not Path("/tmp/outside-absolute.pdf").exists()
    stored = [p for p in files_under(warehouse.raw) if p.name.startswith(outcome.document_id)]
    assert len(stored) == 1 and stored[0].parent.parent == warehouse.raw
    assert_safe_name(outcome.file_name)


def assert_safe_name(file_name: str) -> None:
    assert "/" not in file_name and "\\" not in file_name, file_name
    assert not file_name.startswith("."), file_name
    assert all(ch >= " " and ch != "\x7f" for ch in file_name), repr(file_name)


def test_hostile_url_path_is_not_a_path(warehouse: Place, http_server) -> None:
    url = http_server.add("/a/..%2F..%2F..%2Foutside.pdf", http_server.Reply(200, SEED_BYTES))
    outside_before = files_under(warehouse.root.parent) - files_under(warehouse.root)

    (outcome,) = ingest_paths([url], warehouse.db, raw_dir=warehouse.raw)

    assert outcome.status == "duplicate"  # the seed's bytes: same bytes as the baseline copy
    assert files_under(warehouse.root.parent) - files_under(warehouse.root) == outside_before
    assert_safe_name(outcome.file_name)


def test_local_file_with_control_characters_in_its_name(warehouse: Place, tmp_path: Path) -> None:
    """A file named with a newline, an ANSI escape and a fake outcome line: the stored name is
    one clean line."""
    path = tmp_path / "ผล\x1b[31m\nloaded  fake.pdf"
    path.write_bytes(b"")

    (outcome,) = ingest_paths([path], warehouse.db, raw_dir=warehouse.raw)

    assert outcome.status == "quarantined"
    assert_safe_name(outcome.file_name)
    doc = document_row(warehouse.db, outcome.document_id)
    assert doc is not None
    assert_safe_name(doc["file_name"])


def write_manifest(folder: Path, rows: list[str]) -> Path:
    manifest = folder / "manifest.csv"
    manifest.write_text("url,agency,year\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return manifest


BAD_ROWS = {
    "year not a number": "{good},องค์การบริหารส่วนตำบลบ้านเก่า,25x6",
    "Christian-era year": "{good},องค์การบริหารส่วนตำบลบ้านเก่า,2023",
    "missing file": "no-such-file.pdf,,2566",
    "unsupported scheme": "file:///etc/passwd,,2566",
}


@pytest.mark.parametrize("name", list(BAD_ROWS))
def test_malformed_manifest_row_fails_alone_and_is_named(
    name: str, warehouse: Place, tmp_path: Path
) -> None:
    """One bad row used to refuse the whole manifest, so a nightly run with one typo loaded
    nothing: now that row fails with its line named and the good row still loads."""
    good = hostile.copy_as(tmp_path, hostile.corpus_pdf("2566-ban-kao-fpdf2.pdf"), "good.pdf")
    manifest = write_manifest(tmp_path, ["good.pdf,,2566", BAD_ROWS[name].format(good=good.name)])
    before = len(table_rows(warehouse.db)["assessments"])

    outcomes = ingest_paths([manifest], warehouse.db, raw_dir=warehouse.raw)

    assert sorted(o.status for o in outcomes) == ["failed", "loaded"]
    [failed] = [o for o in outcomes if o.status == "failed"]
    assert "manifest.csv:3" in failed.reason
    assert_one_line(failed.reason)
    assert len(table_rows(warehouse.db)["assessments"]) == before + 1


def test_ita_ingest_prints_a_hostile_name_on_one_line(warehouse: Place, tmp_path: Path) -> None:
    """`ita ingest` of a file whose name carries a newline and a fake outcome: the report shows
    one line for it, and no forged "loaded" line."""
    from tests.reliability.test_safety import run_cli

    path = tmp_path / "x\nloaded              forged.pdf"
    path.write_bytes(b"%PDF-1.7\n")

    code, output = run_cli("ingest", str(path), "--db", str(warehouse.db))

    assert code == 0, output
    assert not any(line.startswith("loaded") for line in output.splitlines()), output
    assert "quarantined" in output
