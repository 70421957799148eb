"""The issue's targets, each judged met or missed with the numbers behind the verdict."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from typing import Any

from bench.projection import completed, largest_runs

EXTRACTION_RATIO = 1.3
NOT_EXTRACTION_SHARE = 0.15
SPEEDUP = 1.7
MEMORY_GROWTH = 0.20
QUERY_MS = 200.0
YEAR_MINUTES = 20.0


@dataclass(frozen=True, slots=True)
class Verdict:
    target: str
    met: bool | None  # None: not measured in this run
    numbers: str

    @property
    def label(self) -> str:
        return {True: "met", False: "missed", None: "not measured"}[self.met]


def judge(results: dict[str, Any]) -> list[dict[str, Any]]:
    verdicts = [
        extraction_verdict(results.get("extraction")),
        overhead_verdict(results.get("pipeline")),
        speedup_verdict(results.get("pipeline")),
        memory_verdict(results.get("pipeline")),
        query_verdict(results.get("national")),
        year_verdict(results.get("projection")),
    ]
    return [{**asdict(v), "label": v.label} for v in verdicts]


def extraction_verdict(extraction: dict[str, Any] | None) -> Verdict:
    target = f"our extraction ≤ {EXTRACTION_RATIO}× pdfplumber's bare char time"
    ratio = (extraction or {}).get("ours_vs_pdfplumber")
    if ratio is None:
        return Verdict(target, None, "no extraction benchmark in these results")
    ms = extraction["ms_per_page"]
    return Verdict(
        target,
        ratio <= EXTRACTION_RATIO,
        f"{ratio:.2f}× (ours {ms['ours']:.1f} ms/page, pdfplumber chars "
        f"{ms['pdfplumber_chars']:.1f}, pypdfium2 text {ms['pypdfium2_text']:.1f}; "
        f"{extraction['documents']} documents, {extraction['pages']} pages)",
    )


def overhead_verdict(runs: list[dict[str, Any]] | None) -> Verdict:
    target = f"orchestration + validation + loading ≤ {NOT_EXTRACTION_SHARE:.0%} of total"
    big = largest_runs(runs or [])
    if not big:
        return Verdict(target, None, "no pipeline runs")
    run = big[max(big)]
    share = run["cpu_share"]
    return Verdict(
        target,
        share["not_extraction"] <= NOT_EXTRACTION_SHARE,
        f"N={run['documents']}, {run['workers']} workers: {share['not_extraction']:.1%} of all "
        f"CPU is not extraction (validation {share['validation']:.1%}, loading "
        f"{share['loading']:.1%}, Prefect + start-up + other {share['prefect_and_other']:.1%}, "
        f"storing {share['storing']:.1%}); of wall time, "
        f"{run['wall_not_extraction_share']:.1%} at load average {run['load_average']['mean']}",
    )


def speedup_verdict(runs: list[dict[str, Any]] | None) -> Verdict:
    target = f"≥ {SPEEDUP}× speed-up from 1 to 2 workers"
    big = largest_runs(runs or [])
    if 1 not in big or 2 not in big:
        return Verdict(target, None, "needs runs with 1 and 2 workers")
    one, two = big[1], big[2]
    speedup = two["docs_per_min"] / one["docs_per_min"]
    return Verdict(
        target,
        speedup >= SPEEDUP,
        f"N={one['documents']}: {one['docs_per_min']} → {two['docs_per_min']} docs/min = "
        f"{speedup:.2f}× (load average {one['load_average']['mean']} and "
        f"{two['load_average']['mean']} during the runs, on {os.cpu_count()} cores)",
    )


def _peaks(runs: list[dict[str, Any]], workers: int) -> dict[int, tuple[float, float]]:
    out = {}
    for r in completed(runs):
        if r["workers"] == workers:
            parse = (
                r["memory"]["parse_workers"]["peak_rss_mb"] or r["memory"]["flow_process_peak_mb"]
            )
            out[r["documents"]] = (parse, r["memory"]["flow_process_peak_mb"])
    return out


def memory_verdict(runs: list[dict[str, Any]] | None) -> Verdict:
    target = f"peak memory within {MEMORY_GROWTH:.0%} from the smallest to the largest N"
    parts, met = [], True
    for workers in sorted({r["workers"] for r in runs or []}):
        peaks = _peaks(runs or [], workers)
        if len(peaks) < 2:
            continue
        small, large = peaks[min(peaks)], peaks[max(peaks)]
        extra = max(peaks) - min(peaks)
        for what, i in (("parse worker", 0), ("flow process (loader)", 1)):
            if workers < 2 and i == 0:
                continue  # one worker parses in the flow process
            growth = large[i] / small[i] - 1
            met = met and growth <= MEMORY_GROWTH
            parts.append(
                f"{workers} worker(s), {what}: {small[i]:.0f} → {large[i]:.0f} MB "
                f"({growth:+.0%}, {(large[i] - small[i]) * 1024 / extra:.0f} KB per extra "
                f"document, N={min(peaks)}→{max(peaks)})"
            )
    if not parts:
        return Verdict(target, None, "needs two sizes")
    return Verdict(target, met, "; ".join(parts))


def query_verdict(national: dict[str, Any] | None) -> Verdict:
    target = f"every example query < {QUERY_MS:.0f} ms on the national warehouse"
    if not national:
        return Verdict(target, None, "no national warehouse")
    examples = [q for q in national["queries"] if q["kind"] == "example"]
    slowest = max(examples, key=lambda q: max(q["warm_ms"], q["cold_ms"]))
    rows = national["rows"]["item_scores"]
    return Verdict(
        target,
        all(max(q["warm_ms"], q["cold_ms"]) < QUERY_MS for q in examples),
        f"slowest {slowest['name']}: {slowest['warm_ms']} ms warm, {slowest['cold_ms']} ms cold "
        f"(median), {len(examples)} example queries, {rows:,} item rows",
    )


def year_verdict(projection: dict[str, Any] | None) -> Verdict:
    target = f"one national year ≤ {YEAR_MINUTES:.0f} minutes on this machine"
    if not projection:
        return Verdict(target, None, "no projection")
    cores = projection["cores"]
    best = projection["this_machine"][str(cores)]
    measured = projection["measured_rate_extrapolated_minutes"]
    measured_text = ", ".join(
        f"{w} worker(s) {m} min (load {projection['measured_load_average'][w]})"
        for w, m in measured.items()
    )
    return Verdict(
        target,
        best["minutes_idle_machine"] <= YEAR_MINUTES,
        f"{projection['documents']:,} documents, {cores} workers on {cores} cores: "
        f"{best['minutes_idle_machine']} min projected from the CPU cost per document (idle "
        f"machine); the measured rates of the largest runs extrapolate to {measured_text}",
    )
