"""`make bench` / `python -m bench`: extraction, pipeline, national warehouse, projection →
`bench/results.md` and `bench/results.json`.

Options (flags or environment, so `make` passes them through):
  --quick / BENCH_QUICK=1         tiny sizes, written to bench/out/results-quick.* (smoke test)
  --only / BENCH_ONLY=a,b         parts to run: extract, pipeline, national (others keep their
                                  previous results in results.json)
  --sizes / BENCH_SIZES=200,1000  pipeline sizes;  --workers / BENCH_WORKERS=1,2
  --agencies / BENCH_AGENCIES=8300  national warehouse size
  BENCH_ONLY=none                 run nothing: judge and render results.md from results.json again
  BENCH_MAX_CHUNK=64              experiment: documents per parse task in the flow (default: its own)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.corpus import OUT_DIR, ensure_corpus
from bench.extraction import bench_extraction
from bench.national import NationalSpec, bench_national
from bench.pipeline import bench_pipeline
from bench.projection import project_year
from bench.report import render_results
from bench.targets import judge

BENCH_DIR = Path(__file__).resolve().parent
PARTS = ("extract", "pipeline", "national")
EXTRACT_PRODUCERS = ("fpdf2", "chromium", "libreoffice", "fpdf2-noshape")
PIPELINE_PRODUCERS = ("fpdf2", "fpdf2-noshape")


def _csv_ints(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",") if x.strip())


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    env = os.environ.get
    quick = env("BENCH_QUICK", "") not in ("", "0", "false")
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", default=quick)
    parser.add_argument("--only", default=env("BENCH_ONLY", ",".join(PARTS)))
    parser.add_argument("--sizes", default=env("BENCH_SIZES"))
    parser.add_argument("--workers", default=env("BENCH_WORKERS", "1,2"))
    parser.add_argument("--agencies", type=int, default=int(env("BENCH_AGENCIES", "0")) or None)
    parser.add_argument("--extract-documents", type=int, default=None)
    args = parser.parse_args(argv)
    args.parts = [p.strip() for p in args.only.split(",") if p.strip() not in ("", "none")]
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s) {', '.join(sorted(unknown))}; choose from {PARTS}")
    args.sizes = _csv_ints(args.sizes) if args.sizes else ((4, 8) if args.quick else (200, 1000))
    args.workers = _csv_ints(args.workers)
    args.agencies = args.agencies or (200 if args.quick else 8300)
    args.extract_documents = args.extract_documents or (8 if args.quick else 200)
    return args


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


def environment() -> dict[str, Any]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = (
        os.environ.get("BENCH_COMMIT")
        or subprocess.run(  # set when run on a snapshot
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "versions": {
            p: _version(p) for p in ("pdfplumber", "pypdfium2", "duckdb", "prefect", "pandera")
        },
        "commit": commit or "?",
        "load_at_start": round(os.getloadavg()[0], 2),
        "started_at": datetime.now().astimezone().isoformat("T", "seconds"),
        "_started": time.perf_counter(),
    }


def output_paths(quick: bool) -> tuple[Path, Path]:
    folder = OUT_DIR if quick else BENCH_DIR
    stem = "results-quick" if quick else "results"
    return folder / f"{stem}.json", folder / f"{stem}.md"


def previous_results(path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError):
        return {}


def run_parts(args: argparse.Namespace) -> dict[str, Any]:
    """The results of the parts asked for, each with the environment it ran in."""
    tag = "quick-" if args.quick else ""
    results: dict[str, Any] = {}
    environments: dict[str, Any] = {}
    if "extract" in args.parts:
        env, n = environment(), args.extract_documents
        log(f"extraction: corpus of {n} documents across {', '.join(EXTRACT_PRODUCERS)}…")
        files = ensure_corpus(f"{tag}extract-{n}", n, EXTRACT_PRODUCERS)
        log("extraction: timing…")
        results["extraction"] = bench_extraction(files)
        environments["extract"] = finish_environment(env)
    if "pipeline" in args.parts:
        env, n = environment(), max(args.sizes)
        log(f"pipeline: corpus of {n} distinct agencies…")
        files = ensure_corpus(f"{tag}pipeline-{n}", n, PIPELINE_PRODUCERS)
        results["pipeline"] = bench_pipeline(files, args.sizes, args.workers, log)
        results["projection"] = project_year(results["pipeline"])
        environments["pipeline"] = finish_environment(env)
    if "national" in args.parts:
        env = environment()
        log(f"national warehouse: {args.agencies} agencies × 8 years…")
        db = OUT_DIR / f"{tag}national.duckdb"
        runs = (3, 2) if args.quick else (7, 5)
        results["national"] = bench_national(db, NationalSpec(agencies=args.agencies), *runs)
        log(f"national warehouse: {results['national']['file_bytes'] / 2**20:.0f} MB")
        environments["national"] = finish_environment(env)
    results["environments"] = environments
    return results


def finish_environment(env: dict[str, Any]) -> dict[str, Any]:
    env["load_at_end"] = round(os.getloadavg()[0], 2)
    env["finished_at"] = datetime.now().astimezone().isoformat("T", "seconds")
    env["seconds"] = round(time.perf_counter() - env.pop("_started"), 1)
    return env


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    json_path, md_path = output_paths(args.quick)
    fresh = run_parts(args)
    # parts not run keep their last results (re-read now: another part may have just finished)
    previous = previous_results(json_path)
    results = {**previous, **fresh, "quick": args.quick}
    results["environments"] = {**previous.get("environments", {}), **fresh["environments"]}
    results["targets"] = judge(results)
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", "utf-8")
    md_path.write_text(render_results(results), "utf-8")
    for verdict in results["targets"]:
        log(f"{verdict['label']:>12}: {verdict['target']} — {verdict['numbers']}")
    log(f"wrote {md_path} and {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
