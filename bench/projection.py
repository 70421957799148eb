"""How long one national year (≈ 8,300 documents) takes, from the measured pipeline runs.

The model uses what each process of a run spent per document, in CPU seconds (measured, and
undistorted by other users of the machine):
- parsing: a parse worker's CPU per document (extraction, validation, pickling);
- the flow process: loading, storing, the Prefect client and task bookkeeping — one process,
  so it bounds the rate however many workers parse;
- the Prefect server (and the pool's forkserver): another single process.

With W workers each on a core of its own (plus one core for the flow process and the server),
a document takes max(parsing / W, flow, server) seconds of wall time; on a machine with only
`cores` cores, the whole CPU bill also has to fit: (parsing + flow + server) / cores. Start-up
(imports and the temporary Prefect server) is added once, at the best start-up observed.
The measured rate of the largest run is extrapolated too, as a check on the model.
"""

from __future__ import annotations

import os
from typing import Any

NATIONAL_YEAR = 8300


def completed(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The runs that finished (a crashed run has only `failed`)."""
    return [r for r in runs if "failed" not in r]


def largest_runs(runs: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """The finished runs of the largest size, by worker count."""
    runs = completed(runs)
    if not runs:
        return {}
    biggest = max(r["documents"] for r in runs)
    return {r["workers"]: r for r in runs if r["documents"] == biggest}


def per_document_seconds(cost: dict[str, float], workers: int, cores: int | None) -> float:
    parallel = max(cost["parsing"] / workers, cost["flow_process"], cost["server"])
    if cores is None:
        return parallel
    return max(parallel, (cost["parsing"] + cost["flow_process"] + cost["server"]) / cores)


def project_year(
    runs: list[dict[str, Any]], documents: int = NATIONAL_YEAR, cores: int | None = None
) -> dict[str, Any]:
    """Projected minutes for `documents` on this machine and per worker added."""
    by_workers = largest_runs(runs)
    if not by_workers:
        return {}
    cores = cores or os.cpu_count() or 1
    basis = by_workers[max(by_workers)]  # parse costs measured in real worker processes
    measured = basis["per_document_cpu_s"]
    cost = {
        "parsing": measured["parsing"],
        "flow_process": measured["flow_process"],
        "server": measured["prefect_server_and_forkserver"],
    }
    startup_s = min(r["wall"]["startup_s"] for r in completed(runs))
    startup_cpu_s = min(r["cpu"]["startup_s"] for r in completed(runs))

    def minutes(workers: int, limit: int | None, start: float) -> float:
        return round((start + documents * per_document_seconds(cost, workers, limit)) / 60, 1)

    this_machine = {
        str(w): {
            "minutes_idle_machine": minutes(w, cores, startup_cpu_s),
            "minutes_with_observed_startup": minutes(w, cores, startup_s),
        }
        for w in range(1, cores + 1)
    }
    per_worker = [
        {
            "workers": w,
            "cores": w + 1,
            "minutes": minutes(w, w + 1, startup_cpu_s),
            "bound_by": _bound(cost, w),
        }
        for w in (1, 2, 3, 4, 6, 8, 12, 16)
    ]
    extrapolated = {
        str(w): round((startup_s + documents / r["docs_per_min_in_flow"] * 60) / 60, 1)
        for w, r in sorted(by_workers.items())
    }
    return {
        "documents": documents,
        "cores": cores,
        "basis": f"N={basis['documents']}, {basis['workers']} workers",
        "per_document_cpu_s": {k: round(v, 4) for k, v in cost.items()},
        "startup_s": {"cpu": round(startup_cpu_s, 1), "best_observed_wall": round(startup_s, 1)},
        "this_machine": this_machine,
        "per_worker_added": per_worker,
        "measured_rate_extrapolated_minutes": extrapolated,
        "measured_load_average": {
            str(w): r["load_average"]["mean"] for w, r in sorted(by_workers.items())
        },
    }


def _bound(cost: dict[str, float], workers: int) -> str:
    parts = {
        "parsing": cost["parsing"] / workers,
        "flow process": cost["flow_process"],
        "Prefect server": cost["server"],
    }
    return max(parts, key=lambda k: parts[k])
