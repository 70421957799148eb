"""`make bench-extract`: ms/page of three ways to read the same PDFs.

- ``pdfium_text``: pypdfium2 text of each page (one ``get_text_range`` call) — the floor;
- ``pdfplumber_chars``: pdfplumber's bare ``page.chars`` of each page (pages closed after);
- ``ita_extract``: our whole extraction (`ita.sources.extract_document`: characters, Thai
  repair, lines, tables, every field with provenance, refusal checks).

The target is ``ita_extract ≤ 1.3 × pdfplumber_chars``. Times are CPU seconds of this process
(``time.process_time``), so other work on a shared machine does not distort the ratio; wall
times are reported beside them. Each file is read by the three methods in turn, best of
``--repeat`` runs. Peak memory (max RSS) is reported after all runs: pages are closed as they
are read, so it should stay near the size of one page's objects.

    python -m bench.extract [FILES_OR_DIRS ...] [--repeat N] [--json OUT]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import resource
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium

from ita.findings import DocumentRefused
from ita.sources import extract_document

CORPUS = Path(__file__).resolve().parent.parent / "ita" / "samples" / "corpus"
METHODS = ("pdfium_text", "pdfplumber_chars", "ita_extract")
TARGET_RATIO = 1.3


def read_pdfium_text(path: Path) -> int:
    doc = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(doc)):
            page = doc[i]
            text = page.get_textpage()
            text.get_text_range()
            text.close()
            page.close()
        return len(doc)
    finally:
        doc.close()


def read_pdfplumber_chars(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        n = 0
        for page in pdf.pages:
            _ = page.chars
            page.close()
            n += 1
        return n


def read_ita(path: Path) -> int:
    with contextlib.suppress(DocumentRefused):
        extract_document(path)
    return 0


READERS: dict[str, Callable[[Path], int]] = {
    "pdfium_text": read_pdfium_text,
    "pdfplumber_chars": read_pdfplumber_chars,
    "ita_extract": read_ita,
}


def _timed(fn: Callable[[Path], int], path: Path, repeat: int) -> tuple[float, float]:
    best_cpu = best_wall = float("inf")
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        fn(path)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return best_cpu, best_wall


def corpus_files(args: list[Path]) -> list[Path]:
    """PDFs named or found in the given directories (default: the sample corpus, without the
    scanned and truncated defect files that no method reads)."""
    files: list[Path] = []
    for a in args or [CORPUS]:
        files.extend(sorted(a.glob("*.pdf")) if a.is_dir() else [a])
    return [f for f in files if not f.name.startswith(("defect-scanned", "defect-truncated"))]


def producers_of(files: list[Path]) -> dict[str, str]:
    out: dict[str, str] = {}
    for manifest in {f.parent / "manifest.csv" for f in files}:
        if manifest.is_file():
            with manifest.open(encoding="utf-8", newline="") as fh:
                out.update({row["file"]: row["producer"] for row in csv.DictReader(fh)})
    return out


def measure(files: list[Path], repeat: int = 1) -> dict[str, Any]:
    """ms/page (CPU and wall) per method, overall and per producer, and the ratio of our
    extraction to pdfplumber's bare chars."""
    producers = producers_of(files)
    cpu: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    wall: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    pages: dict[str, int] = defaultdict(int)
    for path in files:
        n = read_pdfium_text(path)  # page count (and warms the OS file cache)
        group = producers.get(path.name, "other")
        for key in (group, "ALL"):
            pages[key] += n
        for method in METHODS:
            c, w = _timed(READERS[method], path, repeat)
            for key in (group, "ALL"):
                cpu[key][method] += c
                wall[key][method] += w
    result: dict[str, Any] = {"files": len(files), "repeat": repeat, "groups": {}}
    for key in sorted(pages, key=lambda k: (k == "ALL", k)):
        n = pages[key]
        row = {
            "pages": n,
            **{f"{m}_ms_per_page": round(1000 * cpu[key][m] / n, 2) for m in METHODS},
            **{f"{m}_wall_ms_per_page": round(1000 * wall[key][m] / n, 2) for m in METHODS},
        }
        row["ratio_to_pdfplumber_chars"] = round(
            cpu[key]["ita_extract"] / cpu[key]["pdfplumber_chars"], 3
        )
        result["groups"][key] = row
    result["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result["target_ratio"] = TARGET_RATIO
    result["meets_target"] = result["groups"]["ALL"]["ratio_to_pdfplumber_chars"] <= TARGET_RATIO
    return result


def render(result: dict[str, Any]) -> str:
    lines = [
        f"Extraction speed on {result['files']} files (CPU ms/page, best of {result['repeat']}; "
        "wall in brackets)",
        f"{'producer':<15}{'pages':>6}{'pdfium text':>20}{'pdfplumber chars':>22}"
        f"{'ita extract':>20}{'ratio':>8}",
    ]
    for key, g in result["groups"].items():
        cells = [
            f"{g[f'{m}_ms_per_page']:>8.1f} [{g[f'{m}_wall_ms_per_page']:>7.1f}]" for m in METHODS
        ]
        lines.append(
            f"{key:<15}{g['pages']:>6}{cells[0]:>20}{cells[1]:>22}{cells[2]:>20}"
            f"{g['ratio_to_pdfplumber_chars']:>7.2f}×"
        )
    verdict = "meets" if result["meets_target"] else "MISSES"
    lines.append(
        f"ita extract / pdfplumber chars = {result['groups']['ALL']['ratio_to_pdfplumber_chars']:.2f}"
        f" ({verdict} the ≤ {result['target_ratio']}× target); max RSS {result['max_rss_mb']} MB"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="ms/page: pypdfium2, pdfplumber chars, ita")
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    args = parser.parse_args(argv)
    result = measure(corpus_files(args.paths), args.repeat)
    print(render(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", "utf-8")
    return 0 if result["meets_target"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
