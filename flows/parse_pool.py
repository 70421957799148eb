"""The process pool that parses documents inside one ingest flow run.

Why not Prefect's ProcessPoolTaskRunner: measured here (2 cores), it spawned fresh interpreters
that import Prefect and cost ~4 s to start plus ~0.25 s per task, against ~0.05 s for 40 tasks in
a forked `ProcessPoolExecutor`. This pool uses the ``forkserver`` start method with the parser
modules preloaded: workers fork from a small clean process (no Prefect threads copied), start in
milliseconds once the server is up, and each worker is reused for the whole batch.

The pool is registered for the duration of a flow run (`open_parse_pool`); the `parse-documents`
task uses it when it runs in the flow's own process (thread task runner) and parses inline
otherwise (e.g. on Dask workers, which bring their own parallelism).

A worker that dies (a PDF that crashes the native parser) breaks a `ProcessPoolExecutor`; the
pool is rebuilt, the chunk's documents are retried one by one, and a document that kills a worker
again is reported as a crash instead of stopping the batch.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass

from ita.findings import Finding
from ita.rawstore import StoredFile
from ita.settings import get_settings
from warehouse.prepare import PreparedDocument, prepare_documents, prepare_record

log = logging.getLogger(__name__)

PRELOAD = ["flows.parse_preload"]


@dataclass(frozen=True, slots=True)
class ParseJob:
    """What a worker needs: the stored file and the manifest hints (small, picklable)."""

    stored: StoredFile
    hints: dict[str, object]


def run_jobs(jobs: list[ParseJob]) -> list[PreparedDocument]:
    """Extract the documents, then validate them together (one pandera call per table for
    the lot: `schemas.validate.validate_records`)."""
    return prepare_documents([(job.stored, job.hints) for job in jobs])


def run_job(job: ParseJob) -> PreparedDocument:
    return run_jobs([job])[0]


def crashed(job: ParseJob, error: BaseException) -> PreparedDocument:
    finding = Finding(
        "extraction_crashed",
        f"reading the document stopped its worker process ({type(error).__name__})",
        f"การอ่านเอกสารทำให้โปรเซสที่อ่านหยุดทำงาน ({type(error).__name__})",
    )
    return prepare_record(job.stored, None, (finding,), job.hints)


def batches_of(jobs: list[ParseJob], size: int) -> list[list[ParseJob]]:
    """`jobs` in order, cut into batches of at most `size` (at least 1)."""
    size = max(size, 1)
    return [jobs[i : i + size] for i in range(0, len(jobs), size)]


class ParsePool:
    """`job` runs in the workers on a batch of documents (a module-level function: it is
    pickled by reference). A chunk is sent to the workers in batches of at most
    `settings.parse_batch` documents: fewer round trips and one validation per batch."""

    def __init__(
        self, workers: int, job: Callable[[list[ParseJob]], list[PreparedDocument]] = run_jobs
    ) -> None:
        self.workers = workers
        self.job = job
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()  # chunk tasks run in threads and share the pool

    def _new_executor(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return ProcessPoolExecutor(self.workers, mp_context=context)

    @property
    def executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = self._new_executor()
            return self._executor

    def _rebuild(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def parse(self, jobs: list[ParseJob]) -> list[PreparedDocument]:
        """Parse `jobs` (in order) on the pool."""
        batches = batches_of(jobs, get_settings().parse_batch)
        try:
            return [doc for batch in self.executor.map(self.job, batches) for doc in batch]
        except BrokenProcessPool:
            log.warning("A parser process died; retrying %d document(s) one by one", len(jobs))
            self._rebuild()
        results = []
        for job in jobs:
            try:
                results.extend(self.executor.submit(self.job, [job]).result())
            except BrokenProcessPool as exc:
                log.error("%s crashed the parser", job.stored.file_name)
                self._rebuild()
                results.append(crashed(job, exc))
        return results

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


_CURRENT: ParsePool | None = None


def current_parse_pool() -> ParsePool | None:
    return _CURRENT


@contextmanager
def open_parse_pool(workers: int) -> Iterator[ParsePool | None]:
    """Register a pool of `workers` processes (none when `workers` < 2: parse inline)."""
    global _CURRENT
    if workers < 2:
        yield None
        return
    pool = ParsePool(workers)
    previous, _CURRENT = _CURRENT, pool
    try:
        yield pool
    finally:
        _CURRENT = previous
        pool.close()


# PDFium is not thread-safe (pypdfium2: no simultaneous calls from different threads, not even
# on different documents), and chunk tasks run in the flow's thread task runner: without a pool,
# chunks are parsed one at a time. Found by the benchmark: 1-worker runs segfaulted in PDFium.
_INLINE_PARSE = threading.Lock()


def parse_jobs(jobs: list[ParseJob]) -> list[PreparedDocument]:
    """On the registered pool when there is one, otherwise here, one after another (one
    thread at a time: see `_INLINE_PARSE`)."""
    pool = current_parse_pool()
    if pool is None:
        with _INLINE_PARSE:
            return [
                doc for b in batches_of(jobs, get_settings().parse_batch) for doc in run_jobs(b)
            ]
    return pool.parse(jobs)
