"""End-to-end ingest through the Prefect flow (`flows.ingest.ingest`), N documents × W workers.

Each run is its own process (`python -m bench.pipeline run …`) with a fresh warehouse, raw store
and Prefect home, so peak memory (VmHWM, ru_maxrss) and CPU belong to that run alone. Inside
it, `bench.instrument` times every extraction, PDF description and validation (in the parse
workers too, through the pool's forkserver preload) and the flow process's own steps: storing
files, opening the warehouse, loading, and waiting for parse results. An empty flow runs first:
its time is Prefect's start-up (the temporary API server).

Where the time goes is reported two ways:
- CPU seconds of every process of the run (flow process, parse workers, forkserver, Prefect
  server) split into extraction, validation, loading, storing and the rest (Prefect, imports).
  This is what the run *costs*, and other users of the machine do not distort it.
- Wall time of the flow process's main thread, which partitions the run's duration exactly:
  Prefect start-up, flow-run overhead, storing, loading, waiting for the parsers, other.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench.instrument import ENV, hook, hook_prepare, write_entry

BENCH_DIR = Path(__file__).resolve().parent
RUNS_DIR = BENCH_DIR / "out" / "runs"
PREFECT_HOME = BENCH_DIR / "out" / "prefect-home"
PARSE_STEPS = ("extract", "describe", "validate")
FLOW_STEPS = ("store", "connect", "load", "wait")


# ------------------------------------------------------------------------- inside one run
def timed_iterator(step: str, fn: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """`fn` (an iterator factory such as `as_completed`), timing each wait for the next item."""

    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        items = fn(*args, **kwargs)
        while True:
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                item = next(items)
            except StopIteration:
                return
            finally:
                write_entry(step, time.perf_counter() - wall, time.thread_time() - cpu)
            yield item

    return wrapper


def vm_hwm_kb() -> int | None:
    """Peak resident set of this process (Linux VmHWM), in kB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def descendants() -> list[dict[str, Any]]:
    """CPU and memory of this process's live descendants (Prefect server, forkserver)."""
    import psutil

    out = []
    for child in psutil.Process().children(recursive=True):
        try:
            with child.oneshot():
                times = child.cpu_times()
                out.append(
                    {
                        "pid": child.pid,
                        "command": " ".join(child.cmdline()[1:4])[:120],
                        "cpu_s": times.user + times.system,
                        "rss_kb": child.memory_info().rss // 1024,
                    }
                )
        except psutil.Error:
            continue
    return out


def run_once(files: list[str], workers: int, work: Path) -> dict[str, Any]:
    """Ingest `files` through the flow with `workers` parse processes (this process only)."""
    import resource

    started = time.perf_counter()
    os.environ[ENV] = str(work / "timings")  # inherited by the parse pool's forkserver
    t0 = time.perf_counter()
    hook_prepare()  # imports the extractor and the validation (pandas, pandera)
    from prefect import flow

    import flows.ingest as ingest_module
    import flows.parse_pool as parse_pool
    from ita.settings import get_settings

    import_s = time.perf_counter() - t0
    max_chunk = os.environ.get("BENCH_MAX_CHUNK")  # experiment: documents per parse task
    if max_chunk:  # the same setting users have: ITA_PARSE_CHUNK_MAX
        os.environ["ITA_PARSE_CHUNK_MAX"] = max_chunk
        get_settings.cache_clear()
    if "bench.instrument" not in parse_pool.PRELOAD:
        parse_pool.PRELOAD.append("bench.instrument")
    hooked = [s for s in ("store", "connect", "load") if hook(ingest_module, _FLOW_HOOKS[s], s)]
    if hasattr(ingest_module, "completed"):
        ingest_module.completed = timed_iterator("wait", ingest_module.completed)
        hooked.append("wait")

    @flow(name="bench-warmup")
    def warmup() -> None:
        return None

    t0 = time.perf_counter()
    warmup()
    startup_s = time.perf_counter() - t0
    at_start = resource.getrusage(resource.RUSAGE_SELF)
    startup_flow_cpu_s = at_start.ru_utime + at_start.ru_stime
    startup_helpers_cpu_s = sum(d["cpu_s"] for d in descendants())

    t0 = time.perf_counter()
    summary = ingest_module.ingest(
        files, db=str(work / "ita.duckdb"), raw_dir=str(work / "raw"), plan=False, workers=workers
    )
    ingest_s = time.perf_counter() - t0
    wall_s = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "documents": len(files),
        "workers": workers,
        "max_chunk": get_settings().parse_chunk_max,
        "parse_batch": get_settings().parse_batch,
        "hooked": hooked,
        "wall_s": wall_s,
        "import_s": import_s,
        "startup_s": startup_s,
        "startup_flow_cpu_s": startup_flow_cpu_s,
        "startup_helpers_cpu_s": startup_helpers_cpu_s,
        "ingest_s": ingest_s,
        "body_s": summary.seconds,
        "parsed": summary.parsed,
        "outcomes": dict(summary.counts),
        "flow_cpu_s": usage.ru_utime + usage.ru_stime,
        "flow_maxrss_kb": usage.ru_maxrss,
        "flow_vmhwm_kb": vm_hwm_kb(),
        "descendants": descendants(),
        "pid": os.getpid(),
    }


_FLOW_HOOKS = {"store": "fetch_source", "connect": "connect", "load": "load_batch"}


# --------------------------------------------------------------------- around one run
class LoadSampler:
    """The 1-minute load average, sampled every few seconds while a run goes on."""

    def __init__(self, every_s: float = 5.0) -> None:
        self.every_s = every_s
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append(os.getloadavg()[0])
            self._stop.wait(self.every_s)

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self) -> dict[str, float]:
        s = self.samples or [os.getloadavg()[0]]
        return {"mean": round(statistics.fmean(s), 2), "max": round(max(s), 2)}


def read_timings(folder: Path) -> list[dict[str, Any]]:
    entries = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                entries.append(json.loads(line))
    return entries


def spawn_run(files: list[Path], workers: int, work: Path) -> dict[str, Any]:
    """One run in a child process; returns its own report plus the timings and load."""
    if work.exists():
        shutil.rmtree(work)
    (work / "timings").mkdir(parents=True)
    listing = work / "files.txt"
    listing.write_text("\n".join(str(f) for f in files) + "\n", "utf-8")
    env = {
        **os.environ,
        "PREFECT_HOME": str(PREFECT_HOME),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # the temporary server's 20 s start-up limit is too short on a busy shared machine
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "600",
        "PYTHONPATH": str(BENCH_DIR.parent),
    }
    env.pop("PREFECT_API_URL", None)
    command = [sys.executable, "-m", "bench.pipeline", "run"]
    command += ["--files", str(listing), "--workers", str(workers), "--work", str(work)]
    # Output to a file, not a pipe: a Prefect server orphaned by a crashed run would hold a
    # pipe open. Its own session, so whatever it leaves behind can be stopped by group.
    with LoadSampler() as load, (work / "run.log").open("w", encoding="utf-8") as out:
        child = subprocess.Popen(
            command,
            env=env,
            cwd=BENCH_DIR.parent,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        returncode = child.wait()
    stop_group(child.pid)
    if returncode != 0:
        return failed_run(len(files), workers, returncode, work, load.summary())
    report = json.loads((work / "report.json").read_text("utf-8"))
    return analyse_run(report, read_timings(work / "timings"), load.summary())


def stop_group(pgid: int) -> None:
    """Stop what a finished run left in its process group (e.g. the Prefect server)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGTERM)


def failed_run(
    n: int, workers: int, returncode: int, work: Path, load: dict[str, float]
) -> dict[str, Any]:
    how = (
        f"killed by {signal.Signals(-returncode).name}" if returncode < 0 else f"exit {returncode}"
    )
    entries = read_timings(work / "timings")
    return {
        "documents": n,
        "workers": workers,
        "failed": f"{how} after {sum(e['step'] == 'extract' for e in entries)} extractions "
        f"(log: {work / 'run.log'})",
        "load_average": load,
    }


def _sums(entries: list[dict[str, Any]], step: str) -> tuple[float, float, int]:
    chosen = [e for e in entries if e["step"] == step]
    return sum(e["wall_s"] for e in chosen), sum(e["cpu_s"] for e in chosen), len(chosen)


def worker_memory(entries: list[dict[str, Any]], flow_pid: int) -> dict[str, Any]:
    """Peak RSS of each parse worker, and how much it grew between its first tenth of
    documents and its last (a leak grows; a flat worker does not)."""
    by_pid: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for e in entries:
        if e["pid"] != flow_pid and e["step"] == "extract":
            by_pid[e["pid"]].append(e)
    workers = []
    for pid, seq in sorted(by_pid.items()):
        early = seq[max(0, len(seq) // 10 - 1)]["maxrss_kb"]
        workers.append(
            {
                "pid": pid,
                "documents": len(seq),
                "peak_rss_mb": round(seq[-1]["maxrss_kb"] / 1024, 1),
                "rss_after_first_tenth_mb": round(early / 1024, 1),
                "cpu_s": round(seq[-1]["process_cpu_s"], 2),
            }
        )
    return {
        "workers": workers,
        "peak_rss_mb": max((w["peak_rss_mb"] for w in workers), default=None),
    }


def analyse_run(
    report: dict[str, Any], entries: list[dict[str, Any]], load: dict[str, float]
) -> dict[str, Any]:
    n, w = report["documents"], report["workers"]
    steps = {s: _sums(entries, s) for s in (*PARSE_STEPS, *FLOW_STEPS)}
    memory = worker_memory(entries, report["pid"])
    workers_cpu = sum(x["cpu_s"] for x in memory["workers"])
    helpers_cpu = sum(d["cpu_s"] for d in report["descendants"])
    prefect_server = [d for d in report["descendants"] if "uvicorn" in d["command"]]
    startup_cpu = report["startup_flow_cpu_s"] + report["startup_helpers_cpu_s"]
    total_cpu = report["flow_cpu_s"] + workers_cpu + helpers_cpu
    extract_cpu = steps["extract"][1]
    validate_cpu = steps["describe"][1] + steps["validate"][1]
    load_cpu = steps["load"][1] + steps["connect"][1]
    store_cpu = steps["store"][1]
    other_cpu = total_cpu - extract_cpu - validate_cpu - load_cpu - store_cpu
    not_extraction_cpu = total_cpu - extract_cpu
    # the per-document cost of each process, without the one-off start-up (for projections)
    inline = w < 2  # one worker: the flow process parses in its own threads
    parse_cpu = extract_cpu + validate_cpu if inline else workers_cpu
    flow_cpu = report["flow_cpu_s"] - report["startup_flow_cpu_s"] - (parse_cpu if inline else 0)
    per_doc_cpu = {
        "parsing": parse_cpu / n,
        "flow_process": flow_cpu / n,
        "prefect_server_and_forkserver": (helpers_cpu - report["startup_helpers_cpu_s"]) / n,
    }
    cpu = {
        "total_s": total_cpu,
        "startup_s": startup_cpu,
        "extraction_s": extract_cpu,
        "validation_s": validate_cpu,
        "loading_s": load_cpu,
        "storing_s": store_cpu,
        "prefect_and_other_s": other_cpu,
        "prefect_server_s": sum(d["cpu_s"] for d in prefect_server),
    }
    wall = {
        "total_s": report["wall_s"],
        "startup_s": report["import_s"] + report["startup_s"],  # imports + Prefect server
        "flow_run_overhead_s": report["ingest_s"] - report["body_s"],
        "storing_s": steps["store"][0],
        "opening_warehouse_s": steps["connect"][0],
        "loading_s": steps["load"][0],
        "waiting_for_parsers_s": steps["wait"][0],
        "main_thread_other_s": report["body_s"]
        - sum(steps[s][0] for s in ("store", "connect", "load", "wait")),
        "process_start_s": report["wall_s"]
        - report["import_s"]
        - report["startup_s"]
        - report["ingest_s"],
    }
    extracted = max(steps["extract"][2], 1)
    return {
        "documents": n,
        "workers": w,
        "max_chunk": report.get("max_chunk"),
        "parsed": report["parsed"],
        "outcomes": report["outcomes"],
        "hooked": report["hooked"],
        "docs_per_min": round(n / report["wall_s"] * 60, 1),
        "docs_per_min_in_flow": round(n / report["ingest_s"] * 60, 1),
        "cpu": {k: round(v, 2) for k, v in cpu.items()},
        "cpu_share": {
            "extraction": round(extract_cpu / total_cpu, 4),
            "validation": round(validate_cpu / total_cpu, 4),
            "loading": round(load_cpu / total_cpu, 4),
            "storing": round(store_cpu / total_cpu, 4),
            "prefect_and_other": round(other_cpu / total_cpu, 4),
            "not_extraction": round(not_extraction_cpu / total_cpu, 4),
        },
        "wall": {k: round(v, 2) for k, v in wall.items()},
        "wall_not_extraction_share": round(1 - extract_cpu / w / report["wall_s"], 4),
        "per_document_cpu_s": {k: round(v, 4) for k, v in per_doc_cpu.items()},
        "per_document_ms": {
            "extraction_wall": round(steps["extract"][0] / extracted * 1000, 1),
            "extraction_cpu": round(extract_cpu / extracted * 1000, 1),
            "validation_cpu": round(validate_cpu / extracted * 1000, 1),
            "loading_wall": round(steps["load"][0] / max(n, 1) * 1000, 1),
            "loading_cpu": round(load_cpu / max(n, 1) * 1000, 1),
        },
        "memory": {
            "parse_workers": memory,
            "flow_process_peak_mb": round((report["flow_vmhwm_kb"] or 0) / 1024, 1),
            "prefect_server_rss_mb": round(sum(d["rss_kb"] for d in prefect_server) / 1024, 1),
        },
        "cpu_utilisation": round(total_cpu / report["wall_s"], 2),
        "load_average": load,
    }


def bench_pipeline(
    files: list[Path], sizes: tuple[int, ...], workers: tuple[int, ...], log: Callable[[str], None]
) -> list[dict[str, Any]]:
    """Every (size, workers) run, smallest size first, workers alternating."""
    runs = []
    for n in sizes:
        for w in workers:
            log(f"pipeline: {n} documents, {w} worker(s)…")
            result = spawn_run(files[:n], w, RUNS_DIR / f"n{n}-w{w}")
            if "failed" in result:
                log(f"pipeline: {n} documents, {w} worker(s) FAILED: {result['failed']}")
            else:
                log(
                    f"pipeline: {n} documents, {w} worker(s): {result['wall']['total_s']:.0f} s, "
                    f"{result['docs_per_min']} docs/min, load {result['load_average']['mean']}"
                )
            runs.append(result)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description="one benchmark ingest run (internal)")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("--files", type=Path, required=True)
    run.add_argument("--workers", type=int, required=True)
    run.add_argument("--work", type=Path, required=True)
    args = parser.parse_args()
    files = [line for line in args.files.read_text("utf-8").splitlines() if line.strip()]
    report = run_once(files, args.workers, args.work)
    (args.work / "report.json").write_text(json.dumps(report, indent=1), "utf-8")


if __name__ == "__main__":
    main()
