"""`bench/results.md` from the results dictionary (the same one written to results.json)."""

from __future__ import annotations

from typing import Any

from bench.projection import completed


def _table(header: list[str], rows: list[list[Any]], text_columns: int = 1) -> list[str]:
    align = ["---" if i < text_columns else "---:" for i in range(len(header))]
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return [*out, ""]


PART_TITLES = {"extract": "extraction", "pipeline": "pipeline", "national": "national warehouse"}


def render_environment(part: str, env: dict[str, Any]) -> str:
    return (
        f"- {PART_TITLES.get(part, part)}: {env.get('started_at', '?')} → "
        f"{env.get('finished_at', '?')} ({env.get('seconds', '?')} s), commit "
        f"`{env.get('commit', '?')}`, load average (1 min) {env.get('load_at_start', '?')} at "
        f"start, {env.get('load_at_end', '?')} at end"
    )


def render_results(results: dict[str, Any]) -> str:
    environments = results.get("environments", {})
    env = next(iter(environments.values()), {})
    lines = [
        "# Benchmark results",
        "",
        *(["QUICK run: tiny sizes, not the real numbers.", ""] if results.get("quick") else []),
        f"Machine: {env.get('cpu', '?')}, {env.get('cores', '?')} cores shared with other work, "
        f"{env.get('memory_gb', '?')} GB RAM; Python {env.get('python', '?')}, "
        + ", ".join(f"{k} {v}" for k, v in env.get("versions", {}).items())
        + ".",
        "",
        *[render_environment(part, e) for part, e in environments.items()],
        "",
        "How to read this: `bench/README.md`. Regenerate: `make bench` "
        "(`BENCH_QUICK=1 make bench` for a smoke run, `BENCH_ONLY=national make bench` for one "
        "part).",
        "",
        "## Targets",
        "",
    ]
    lines += _table(
        ["target", "verdict", "numbers"],
        [[v["target"], f"**{v['label']}**", v["numbers"]] for v in results.get("targets", [])],
        text_columns=3,
    )
    if results.get("extraction"):
        lines += render_extraction(results["extraction"])
    if results.get("pipeline"):
        lines += render_pipeline(results["pipeline"])
    if results.get("national"):
        lines += render_national(results["national"])
    if results.get("projection"):
        lines += render_projection(results["projection"])
    return "\n".join(lines).rstrip() + "\n"


def render_extraction(ex: dict[str, Any]) -> list[str]:
    lines = [
        "## 1. Extraction",
        "",
        f"{ex['documents']} generated PDFs, {ex['pages']} pages "
        f"(producers: {', '.join(ex.get('producers', []))}); `bench/extract.py`.",
        "",
    ]
    ms = ex["ms_per_page"]
    lines += _table(
        ["method", "ms/page"],
        [
            ["pypdfium2 text (floor)", f"{ms['pypdfium2_text']:.1f}"],
            ["pdfplumber bare chars", f"{ms['pdfplumber_chars']:.1f}"],
            ["our full extraction", f"{ms['ours']:.1f}"],
            ["ours ÷ pdfplumber chars", f"{ex['ours_vs_pdfplumber']:.2f}×"],
        ],
    )
    by_producer = ex.get("by_producer") or {}
    if by_producer:
        lines += _table(
            ["producer", "pages", "pypdfium2", "pdfplumber chars", "ours", "ratio"],
            [
                [
                    p,
                    v.get("pages", ""),
                    f"{v['pypdfium2_text']:.1f}",
                    f"{v['pdfplumber_chars']:.1f}",
                    f"{v['ours']:.1f}",
                    f"{v['ours'] / v['pdfplumber_chars']:.2f}×",
                ]
                for p, v in sorted(by_producer.items())
            ],
        )
    return lines


def render_pipeline(all_runs: list[dict[str, Any]]) -> list[str]:
    runs = completed(all_runs)
    lines = [
        "## 2. Pipeline (the Prefect ingest flow)",
        "",
        "Each run: a fresh process, warehouse, raw store; distinct agencies (fpdf2 and "
        "fpdf2-noshape documents). Wall time includes imports and the temporary Prefect server.",
        "",
        *[
            f"- N={r['documents']}, {r['workers']} worker(s): FAILED, {r['failed']}"
            for r in all_runs
            if "failed" in r
        ],
        "",
    ]
    lines += _table(
        [
            "N",
            "workers",
            "wall s",
            "docs/min",
            "docs/min in flow",
            "CPU s",
            "CPU/wall",
            "load avg",
            "outcomes",
        ],
        [
            [
                r["documents"],
                r["workers"],
                f"{r['wall']['total_s']:.0f}",
                r["docs_per_min"],
                r["docs_per_min_in_flow"],
                f"{r['cpu']['total_s']:.0f}",
                r["cpu_utilisation"],
                f"{r['load_average']['mean']} (max {r['load_average']['max']})",
                ", ".join(f"{k} {v}" for k, v in sorted(r["outcomes"].items())),
            ]
            for r in runs
        ],
    )
    lines += ["Share of all CPU seconds of the run:", ""]
    lines += _table(
        [
            "N",
            "workers",
            "extraction",
            "validation",
            "loading",
            "storing",
            "Prefect+start-up+other",
        ],
        [
            [r["documents"], r["workers"]]
            + [
                f"{r['cpu_share'][k]:.1%}"
                for k in ("extraction", "validation", "loading", "storing", "prefect_and_other")
            ]
            for r in runs
        ],
    )
    lines += ["Wall time of the flow process's main thread (s):", ""]
    keys = [
        "startup_s",
        "flow_run_overhead_s",
        "storing_s",
        "opening_warehouse_s",
        "loading_s",
        "waiting_for_parsers_s",
        "main_thread_other_s",
    ]
    lines += _table(
        ["N", "workers", *[k.removesuffix("_s").replace("_", " ") for k in keys]],
        [[r["documents"], r["workers"], *[r["wall"][k] for k in keys]] for r in runs],
    )
    lines += ["Per document and memory:", ""]
    lines += _table(
        [
            "N",
            "workers",
            "extract CPU ms",
            "validate CPU ms",
            "load ms (wall)",
            "parse worker peak MB",
            "worker RSS after 1st tenth MB",
            "flow process peak MB",
            "Prefect server MB",
        ],
        [
            [
                r["documents"],
                r["workers"],
                r["per_document_ms"]["extraction_cpu"],
                r["per_document_ms"]["validation_cpu"],
                r["per_document_ms"]["loading_wall"],
                r["memory"]["parse_workers"]["peak_rss_mb"] or "(in flow process)",
                ", ".join(
                    str(w["rss_after_first_tenth_mb"])
                    for w in r["memory"]["parse_workers"]["workers"]
                )
                or "",
                r["memory"]["flow_process_peak_mb"],
                r["memory"]["prefect_server_rss_mb"],
            ]
            for r in runs
        ],
    )
    return lines


def render_national(nat: dict[str, Any]) -> list[str]:
    rows = nat["rows"]
    years = nat["fiscal_years"]
    borrowed = {y: c for y, c in nat["catalog_years"].items() if int(y) != int(c)}
    lines = [
        "## 3. National warehouse",
        "",
        f"{rows['agencies']:,} agencies × {len(years)} fiscal years ({years[0]}–{years[-1]}): "
        f"{rows['assessments']:,} assessments, {rows['indicator_scores']:,} indicator scores, "
        f"{rows['item_scores']:,} item scores, {rows['documents']:,} documents; built in "
        f"{nat['seconds']:.0f} s by the real migrations + DuckDB bulk SQL; file "
        f"{nat['file_bytes'] / 2**20:.0f} MB."
        + (
            " Item lists borrowed from the nearest catalog year for "
            + ", ".join(f"{y} (from {c})" for y, c in borrowed.items())
            + "."
            if borrowed
            else ""
        ),
        "",
    ]
    lines += _table(["build step", "s"], [[k, v] for k, v in nat["steps_s"].items()])
    lines += [
        "Query latency, median ms (warm: repeated on one connection; cold: first run on a "
        "fresh connection):",
        "",
    ]
    lines += _table(
        ["query", "kind", "parameters", "rows", "warm ms", "cold ms"],
        [
            [
                f"`{q['name']}`",
                q["kind"],
                ", ".join(f"{k}={v}" for k, v in q["params"].items()),
                q["rows"],
                q["warm_ms"],
                q["cold_ms"],
            ]
            for q in nat["queries"]
        ],
        text_columns=3,
    )
    return lines


def render_projection(p: dict[str, Any]) -> list[str]:
    cost = p["per_document_cpu_s"]
    lines = [
        "## 4. Projection: one national year",
        "",
        f"{p['documents']:,} documents; basis {p['basis']}: per document {cost['parsing']:.3f} "
        f"CPU s parsing, {cost['flow_process']:.3f} s in the flow process, {cost['server']:.3f} s "
        f"in the Prefect server; start-up {p['startup_s']['cpu']} CPU s "
        f"({p['startup_s']['best_observed_wall']} s wall at best here).",
        "Measured load average during those runs: "
        + ", ".join(f"{w} worker(s) {a}" for w, a in p["measured_load_average"].items())
        + ".",
        "",
    ]
    lines += _table(
        ["this machine", "minutes (CPU model, idle machine)", "minutes (measured rate)"],
        [
            [
                f"{w} worker(s), {p['cores']} cores",
                v["minutes_idle_machine"],
                p["measured_rate_extrapolated_minutes"].get(w, ""),
            ]
            for w, v in p["this_machine"].items()
        ],
    )
    lines += _table(
        ["workers (a core each + 1)", "minutes", "bound by"],
        [[r["workers"], r["minutes"], r["bound_by"]] for r in p["per_worker_added"]],
    )
    return lines
