"""The parse pool without Prefect: order kept, real extraction in worker processes, and a worker
that dies does not stop the batch."""

from __future__ import annotations

import os
from pathlib import Path

from flows.parse_pool import (
    ParseJob,
    ParsePool,
    open_parse_pool,
    parse_jobs,
    run_job,
    run_jobs,
)
from ita.rawstore import store_file
from ita.samples.corpus import CORPUS_DIR
from warehouse.prepare import PreparedDocument

CRASH_MARK = "crash-me"


def crash_on_mark(jobs: list[ParseJob]) -> list[PreparedDocument]:
    """Kill the worker process for files marked so (as a native crash in the parser would)."""
    if any(CRASH_MARK in job.stored.file_name for job in jobs):
        os._exit(70)
    return run_jobs(jobs)


def jobs_for(
    tmp_path: Path, rows: list[dict[str, str]], crash: str | None = None
) -> list[ParseJob]:
    jobs = []
    for row in rows:
        source = CORPUS_DIR / row["file"]
        if row["file"] == crash:
            marked = tmp_path / f"{CRASH_MARK}-{row['file']}"
            marked.write_bytes(source.read_bytes() + b"\n% marked\n")  # other bytes, other id
            source = marked
        jobs.append(ParseJob(store_file(source, tmp_path / "raw"), {}))
    return jobs


def test_pool_keeps_order_and_matches_inline_parsing(tmp_path, corpus_pick) -> None:
    jobs = jobs_for(tmp_path, corpus_pick(3, defects=("not_ita",)))
    inline = [run_job(job) for job in jobs]
    with open_parse_pool(2) as pool:
        assert pool is not None
        pooled = parse_jobs(jobs)
    assert [p.document_id for p in pooled] == [j.stored.document_id for j in jobs]
    assert [(p.record.truth() if p.record else None) for p in pooled] == [
        (p.record.truth() if p.record else None) for p in inline
    ]
    assert [[f.check for f in p.findings] for p in pooled] == [
        [f.check for f in p.findings] for p in inline
    ]


def test_a_worker_crash_marks_that_document_and_the_rest_still_parse(tmp_path, corpus_pick) -> None:
    rows = corpus_pick(3)
    jobs = jobs_for(tmp_path, rows, crash=rows[1]["file"])
    pool = ParsePool(2, job=crash_on_mark)
    try:
        results = pool.parse(jobs)
        after = pool.parse(jobs[:1])  # the pool was rebuilt and still works
    finally:
        pool.close()
    assert [r.refused for r in results] == [False, True, False]
    assert [f.check for f in results[1].errors] == ["extraction_crashed"]
    assert after[0].record is not None


def test_fewer_than_two_workers_parse_inline() -> None:
    with open_parse_pool(1) as pool:
        assert pool is None


def test_inline_parsing_from_several_threads_is_serialised(tmp_path, corpus_pick) -> None:
    """PDFium is not thread-safe: without a pool, chunk tasks running in the flow's threads
    must not parse at the same time (1-worker runs segfaulted in PDFium; found by the bench)."""
    from concurrent.futures import ThreadPoolExecutor

    jobs = jobs_for(tmp_path, corpus_pick(6))
    chunks = [jobs[i : i + 2] for i in range(0, len(jobs), 2)]
    with open_parse_pool(1), ThreadPoolExecutor(3) as threads:
        results = [p for chunk in threads.map(parse_jobs, chunks) for p in chunk]
    assert [p.document_id for p in results] == [j.stored.document_id for j in jobs]
    assert not any(p.refused for p in results)
