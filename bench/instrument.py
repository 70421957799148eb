"""Timing hooks for the pipeline benchmark — active only when `BENCH_TIMINGS_DIR` is set.

`hook_prepare()` wraps the three steps of `warehouse.prepare.prepare_documents` (extraction,
PDF description, validation of a batch). The pipeline benchmark imports this module in the flow
process and adds it to the parse pool's forkserver preload, so every parse worker is hooked
before it forks. Each call appends one JSON line to `<dir>/<pid>.jsonl`: the step, its wall and thread CPU
seconds, and the process's peak RSS and CPU so far — enough to add up where the time went and
whether a worker's memory grows with the number of documents it has parsed.
"""

from __future__ import annotations

import functools
import json
import os
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ENV = "BENCH_TIMINGS_DIR"
F = TypeVar("F", bound=Callable[..., Any])


def timings_dir() -> Path | None:
    value = os.environ.get(ENV)
    return Path(value) if value else None


def write_entry(step: str, wall_s: float, cpu_s: float) -> None:
    folder = timings_dir()
    if folder is None:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    entry = {
        "pid": os.getpid(),
        "step": step,
        "wall_s": wall_s,
        "cpu_s": cpu_s,
        "maxrss_kb": usage.ru_maxrss,
        "process_cpu_s": usage.ru_utime + usage.ru_stime,
    }
    with (folder / f"{os.getpid()}.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry) + "\n")


def timed(step: str, fn: F) -> F:
    """`fn`, recording each call's wall time and this thread's CPU time as `step`."""
    if getattr(fn, "__bench_step__", None):
        return fn

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            write_entry(step, time.perf_counter() - wall, time.thread_time() - cpu)

    wrapper.__bench_step__ = step  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def hook(module: Any, attribute: str, step: str) -> bool:
    """Replace `module.attribute` by its timed version; False when it does not exist."""
    fn = getattr(module, attribute, None)
    if fn is None:
        return False
    setattr(module, attribute, timed(step, fn))
    return True


def hook_prepare() -> list[str]:
    """Hook extraction, description and validation; returns the steps that could be hooked."""
    import warehouse.prepare as prepare

    wanted = {
        "extract_record": "extract",
        "describe_pdf": "describe",
        "validate_records": "validate",
    }
    return [step for name, step in wanted.items() if hook(prepare, name, step)]


if timings_dir() is not None:
    hook_prepare()
