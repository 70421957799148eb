"""Part 1 of `make bench`: ms/page of pypdfium2 text, pdfplumber's bare chars and our full
extraction — measured by `bench.extract.measure` (the extraction engineer's
`make bench-extract`: CPU time, per producer), here on generated PDFs across producers and
summarised for results.json."""

from __future__ import annotations

from pathlib import Path
from typing import Any

NAMES = {
    "pdfium_text": "pypdfium2_text",
    "pdfplumber_chars": "pdfplumber_chars",
    "ita_extract": "ours",
}


def _ms(group: dict[str, Any], suffix: str = "ms_per_page") -> dict[str, float]:
    return {ours: group[f"{theirs}_{suffix}"] for theirs, ours in NAMES.items()}


def bench_extraction(files: list[Path], repeat: int = 1) -> dict[str, Any]:
    """CPU ms/page overall and by producer, the ratio to pdfplumber's chars, peak memory."""
    from bench.extract import measure

    result = measure(files, repeat)
    groups = dict(result["groups"])
    everything = groups.pop("ALL")
    return {
        "documents": result["files"],
        "pages": everything["pages"],
        "producers": sorted(groups),
        "ms_per_page": _ms(everything),
        "wall_ms_per_page": _ms(everything, "wall_ms_per_page"),
        "ours_vs_pdfplumber": everything["ratio_to_pdfplumber_chars"],
        "by_producer": {p: {"pages": g["pages"], **_ms(g)} for p, g in groups.items()},
        "max_rss_mb": result["max_rss_mb"],
        "repeat": result["repeat"],
    }
