"""The ingest flow on real sample PDFs, real DuckDB files and a real local HTTP server, under the
session's Prefect test harness. Expected outcomes come from the corpus manifest, not from the
code under test."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flows.ingest import SUMMARY_ARTIFACT, TABLE_ARTIFACT, ingest
from flows.summary import LOADED, IngestSummary
from ita.samples.corpus import CORPUS_DIR

pytestmark = [pytest.mark.flows, pytest.mark.usefixtures("prefect_harness")]


def run_ingest(sources: list[Any], tmp_path: Path, **options: Any) -> tuple[IngestSummary, Any]:
    state = ingest(
        sources=[str(s) for s in sources],
        db=str(tmp_path / "ita.duckdb"),
        raw_dir=str(tmp_path / "raw"),
        return_state=True,
        **options,
    )
    return state.result(), state.state_details.flow_run_id


def query(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def by_file(summary: IngestSummary) -> dict[str, Any]:
    return {Path(r.source).name: r for r in summary.results}


def test_one_flow_run_loads_quarantines_and_publishes_artifacts(
    tmp_path, copy_corpus, corpus_pick, run_artifacts, flow_run_count
) -> None:
    rows = corpus_pick(4, defects=("scanned", "not_ita"))
    inbox = copy_corpus(rows)
    runs_before = flow_run_count()

    summary, run_id = run_ingest([inbox], tmp_path, plan=False)

    assert flow_run_count() == runs_before + 1  # one flow run for the batch, none per document
    results = by_file(summary)
    for row in rows:
        got = results[row["file"]]
        if row["expected"] == "loaded":
            assert got.status in LOADED, (row["file"], got.reason)
        else:
            assert (got.status, got.reason_code) == tuple(row["expected"].split(":")), row["file"]
    db = tmp_path / "ita.duckdb"
    assert query(db, "select count(*) from documents")[0][0] == len(rows)
    assert query(db, "select count(*) from assessments")[0][0] == 4
    quarantined = query(
        db, "select count(distinct document_id) from quarantine where severity = 'error'"
    )
    assert quarantined[0][0] == 2

    artifacts = run_artifacts(run_id)
    table = artifacts[TABLE_ARTIFACT]
    assert sorted((Path(r["source"]).name, r["status"]) for r in table) == sorted(
        (name, r.status) for name, r in results.items()
    )
    markdown = artifacts[SUMMARY_ARTIFACT]
    assert "| loaded | 4 |" in markdown
    assert "| quarantined | 2 |" in markdown
    assert "| `scanned` | 1 |" in markdown and "| `not_ita` | 1 |" in markdown


def test_rerun_parses_nothing_and_a_new_file_alone_is_parsed(
    tmp_path, copy_corpus, corpus_pick
) -> None:
    rows = corpus_pick(3, defects=("unreadable",))
    inbox = copy_corpus(rows)
    first, _ = run_ingest([inbox], tmp_path, plan=False)
    assert first.parsed == 4

    again, _ = run_ingest([inbox], tmp_path, plan=False)
    assert again.parsed == 0
    assert {(r.status, r.reason_code) for r in again.results} == {("duplicate", "known_bytes")}
    assert query(tmp_path / "ita.duckdb", "select count(*) from documents")[0][0] == 4

    extra = corpus_pick(4)[-1]
    shutil.copy2(CORPUS_DIR / extra["file"], inbox / extra["file"])
    third, _ = run_ingest([inbox], tmp_path, plan=False)
    assert third.parsed == 1
    assert by_file(third)[extra["file"]].status in LOADED


def test_same_bytes_twice_in_one_batch_are_parsed_once(tmp_path, copy_corpus, corpus_pick) -> None:
    (row,) = corpus_pick(1)
    inbox = copy_corpus([row])
    shutil.copy2(inbox / row["file"], inbox / "copy-of-the-same.pdf")
    summary, _ = run_ingest([inbox], tmp_path, plan=False)
    assert summary.parsed == 1
    statuses = sorted((r.status, r.reason_code) for r in summary.results)
    assert statuses == [("duplicate", "same_bytes_in_batch"), ("loaded", "")]


def test_urls_from_a_manifest_with_retries_and_refusals(
    tmp_path, http_server, ita_settings, corpus_pick
) -> None:
    good, flaky = corpus_pick(2)
    body, flaky_body = ((CORPUS_DIR / r["file"]).read_bytes() for r in (good, flaky))
    ita_settings(
        download_timeout_s=0.5,
        download_retries=1,
        download_backoff_s=0.1,
        download_max_redirects=3,
        download_max_bytes=max(len(body), len(flaky_body)) + 1000,
    )
    R = http_server.Reply
    http_server.add("/ok.pdf", R(200, body))
    http_server.add("/flaky.pdf", R(503, b"busy"), R(200, flaky_body))
    http_server.add("/slow.pdf", R(200, body, delay_s=5))
    http_server.add("/big.pdf", R(200, b"%PDF-1.4\n" + b"0" * 3_000_000))
    http_server.add("/loop", R(302, headers={"Location": "/loop"}))
    manifest = tmp_path / "urls.csv"
    with open(manifest, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["url", "agency", "year"])
        out.writerow([http_server.url("/ok.pdf"), good["agency"], int(good["fiscal_year"]) + 1])
        out.writerow([http_server.url("/flaky.pdf"), flaky["agency"], flaky["fiscal_year"]])
        for path in ("/missing.pdf", "/slow.pdf", "/big.pdf", "/loop"):
            out.writerow([http_server.url(path), "", ""])

    summary, _ = run_ingest([manifest], tmp_path, plan=False)

    got = {r.source.rsplit("/", 1)[-1]: (r.status, r.reason_code) for r in summary.results}
    assert got == {
        "ok.pdf": ("loaded", ""),
        "flaky.pdf": ("loaded", ""),
        "missing.pdf": ("failed", "http_404"),
        "slow.pdf": ("failed", "timeout"),
        "big.pdf": ("failed", "too_large"),
        "loop": ("failed", "too_many_redirects"),
    }
    assert http_server.hits["/flaky.pdf"] == 2  # retried once by Prefect, then stored
    assert http_server.hits["/missing.pdf"] == 1  # a 404 is never retried
    assert http_server.hits["/slow.pdf"] == 2  # a timeout is
    assert http_server.hits["/big.pdf"] == 1
    db = tmp_path / "ita.duckdb"
    uris = {uri for (uri,) in query(db, "select source_uri from documents")}
    assert uris == {http_server.url("/ok.pdf"), http_server.url("/flaky.pdf")}
    # the manifest's wrong year hint is recorded as a warning on the loaded document
    warned = query(
        db,
        "select q.check_code from quarantine q join documents d using (document_id) "
        "where d.source_uri = ? and q.severity = 'warning'",
        http_server.url("/ok.pdf"),
    )
    assert ("manifest_year_differs",) in warned
    assert not list((tmp_path / "raw").rglob(".incoming-*"))


def test_a_loaded_chunk_is_freed_before_the_batch_ends(
    tmp_path, copy_corpus, corpus_pick, ita_settings, monkeypatch
) -> None:
    """The flow process grew ~60 KB per document over a batch: every parsed chunk (records and
    findings) stayed referenced until the batch ended (Prefect's `as_completed` holds all its
    futures). When the last chunk loads, the chunks loaded before it must be gone."""
    import gc

    import flows.ingest as ingest_module
    from warehouse.prepare import PreparedDocument

    ita_settings(parse_chunk_max=2)
    rows = corpus_pick(8)
    inbox = copy_corpus(rows)
    live_at_load: list[int] = []
    real_load = ingest_module.load_documents

    def counting_load(db, prepared):
        gc.collect()
        live_at_load.append(sum(isinstance(o, PreparedDocument) for o in gc.get_objects()))
        return real_load(db, prepared)

    monkeypatch.setattr(ingest_module, "load_documents", counting_load)
    summary, _ = run_ingest([inbox], tmp_path, plan=False, workers=1)

    assert [r.status for r in summary.results].count("loaded") == len(rows)
    assert len(live_at_load) == 4  # four chunks of two
    assert live_at_load[-1] < len(rows), live_at_load  # earlier chunks were freed
