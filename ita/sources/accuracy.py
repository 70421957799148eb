"""`make accuracy`: extraction over the sample corpus against its golden JSON.

For every document of ``ita/samples/corpus/manifest.csv``: documents expected to load are
extracted and each field compared with the golden JSON (numbers as Decimals, so ``90.6`` equals
``90.60``; the golden's ``meta`` key is ignored); documents expected to be refused must be
refused for the expected reason. Prints exact-match rates per producer and per field, the
mismatches, and which of them the producer's text layer cannot hold (and why).

    python -m ita.sources.accuracy [CORPUS_DIR] [--workers N]
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ita.findings import DocumentRefused
from ita.settings import get_settings
from ita.sources.engine import extract_document

CORPUS = Path(__file__).resolve().parent.parent / "samples" / "corpus"
FIELDS = (
    "kind",
    "fiscal_year",
    "agency.name",
    "agency.agency_type",
    "agency.district",
    "agency.province",
    "score",
    "grade",
    "tool_scores",
    "indicators",
    "items",
    "advice",
)
REFUSALS = ("not_ita", "scanned", "unreadable", "unknown_year", "no_agency")
# Why a mismatch is out of the text layer's reach, keyed by how the values differ.
UNRECOVERABLE = {
    "wrap_space": (
        "a line wrap that stood for a space: producers that also wrap inside Thai runs "
        "(Chromium, LibreOffice — ICU line breaking) do not write the space, and the geometry "
        "of a wrap at a space equals that of a wrap between two Thai words"
    ),
}


@dataclass(slots=True)
class DocResult:
    file: str
    producer: str
    expected: str
    outcome: str  # "loaded" or "refused:<check>" or "error:<type>"
    ok_outcome: bool
    fields: dict[str, bool] = field(default_factory=dict)
    mismatches: list[tuple[str, Any, Any, str | None]] = field(default_factory=list)


def evaluate(path: Path, producer: str, expected: str) -> DocResult:
    """Extract one document and compare it with its golden JSON."""
    result = DocResult(path.name, producer, expected, "", False)
    try:
        record = extract_document(path)
    except DocumentRefused as e:
        result.outcome = f"refused:{e.finding.check}"
        result.ok_outcome = expected == f"quarantined:{e.finding.check}"
        return result
    except Exception as e:  # a crash is a result to report, not a reason to stop
        result.outcome = f"error:{type(e).__name__}: {e}"
        return result
    result.outcome = "loaded"
    refused_expected = expected.startswith("quarantined:") and expected.split(":", 1)[1] in REFUSALS
    result.ok_outcome = not refused_expected
    golden_path = path.with_suffix(".json")
    if not golden_path.exists():
        return result
    golden = json.loads(golden_path.read_text("utf-8"))
    golden.pop("meta", None)
    got = record.truth()
    for name in FIELDS:
        want, have = _get(golden, name), _get(got, name)
        same = _equal(have, want)
        result.fields[name] = same
        if not same:
            result.mismatches.append((name, have, want, _why(have, want)))
    return result


def _get(data: dict[str, Any], name: str) -> Any:
    value: Any = data
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, str) and isinstance(b, str) and a != b:
        try:
            return Decimal(a) == Decimal(b)
        except InvalidOperation:
            return False
    return bool(a == b)


def _why(have: Any, want: Any) -> str | None:
    if isinstance(have, list) and isinstance(want, list) and len(have) == len(want):
        pairs = [(h, w) for h, w in zip(have, want, strict=True) if h != w]
        if pairs and all(
            isinstance(h, str) and isinstance(w, str) and h.replace(" ", "") == w.replace(" ", "")
            for h, w in pairs
        ):
            return "wrap_space"
    return None


def run(corpus: Path, workers: int) -> list[DocResult]:
    with (corpus / "manifest.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    jobs = [(corpus / r["file"], r["producer"], r["expected"]) for r in rows]
    if workers <= 1:
        return [evaluate(*job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(evaluate, *zip(*jobs, strict=True), chunksize=4))


def report(results: list[DocResult]) -> str:
    out: list[str] = []
    loaded = [r for r in results if r.outcome == "loaded" and r.fields]
    ok = sum(r.ok_outcome for r in results)
    out.append(f"Extraction accuracy on {len(results)} documents ({len(loaded)} with golden JSON)")
    out.append(
        f"outcome as expected (loaded / refused for the expected reason): {ok}/{len(results)}"
    )
    for r in results:
        if not r.ok_outcome:
            out.append(f"  ✗ {r.file}: expected {r.expected}, got {r.outcome}")
    by_producer: dict[str, list[DocResult]] = defaultdict(list)
    for r in loaded:
        by_producer[r.producer].append(r)
    short = {f: f.replace("agency.", "")[:9] for f in FIELDS}
    out.append("")
    out.append("Exact match per producer and field (share of documents):")
    out.append(f"{'producer':<15}{'docs':>5} " + " ".join(f"{short[f]:>9}" for f in FIELDS))
    for producer in [*sorted(by_producer), "ALL"]:
        docs = loaded if producer == "ALL" else by_producer[producer]
        cells = [f"{100 * sum(d.fields[f] for d in docs) / len(docs):>8.1f}%" for f in FIELDS]
        out.append(f"{producer:<15}{len(docs):>5} " + " ".join(cells))
    reachable = [(r, m) for r in loaded for m in r.mismatches if m[3] is None]
    unreachable = [(r, m) for r in loaded for m in r.mismatches if m[3] is not None]
    out.append("")
    out.append(f"Mismatches the text layer could have avoided: {len(reachable)}")
    for r, (name, have, want, _) in reachable[:40]:
        out.append(f"  {r.file} [{r.producer}] {name}: got {_short(have)} expected {_short(want)}")
    out.append("")
    out.append(f"Mismatches the producer's text layer cannot avoid: {len(unreachable)}")
    kinds: dict[tuple[str, str, str], int] = defaultdict(int)
    for r, (name, _, _, why) in unreachable:
        assert why is not None
        kinds[(name, r.producer, why)] += 1
    for (name, producer, why), n in sorted(kinds.items()):
        out.append(f"  {name} [{producer}] ×{n}: {UNRECOVERABLE[why]}")
    return "\n".join(out)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 160 else text[:157] + "…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--workers", type=int, default=get_settings().parse_workers)
    args = parser.parse_args(argv)
    results = run(args.corpus, args.workers)
    print(report(results))
    return 0 if all(r.ok_outcome for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
