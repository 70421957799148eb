"""Bugs the benchmarks found, each kept from coming back."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# Eight chunk tasks parsing at once, as the flow's thread task runner does with one worker.
CONCURRENT_INLINE_PARSES = textwrap.dedent(
    """
    import hashlib, sys, threading
    from pathlib import Path
    from ita.rawstore import StoredFile
    from flows.parse_pool import ParseJob, parse_jobs

    files = sorted(Path("ita/samples/corpus").glob("*.pdf"))[:40]
    jobs = [
        ParseJob(StoredFile(hashlib.sha256(f.read_bytes()).hexdigest(), f, f.name,
                            f.stat().st_size), {})
        for f in files
    ]
    for _ in range(3):
        done = []
        threads = [
            threading.Thread(target=lambda c=jobs[i::8]: done.extend(parse_jobs(c)))
            for i in range(8)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(done) == len(jobs), len(done)
    print("ok", len(jobs))
    """
)


@pytest.mark.slow
def test_one_worker_ingest_does_not_crash_pdfium_from_concurrent_chunk_threads() -> None:
    """With one worker the flow parses inline, and its chunk tasks run in threads; PDFium is
    not thread-safe, and the 1-worker benchmark runs died of a segfault in libpdfium."""
    done = subprocess.run(
        [sys.executable, "-c", CONCURRENT_INLINE_PARSES],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert done.stdout.startswith("ok 40")
