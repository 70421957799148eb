"""Extraction on the bundled sample corpus (ita/samples/corpus): golden JSON per document,
the seed-style analysis report, and the defect files refused for the expected reason."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from ita.findings import DocumentRefused
from ita.sources import extract_document
from ita.sources.accuracy import FIELDS, evaluate, report, run

CORPUS = Path(__file__).resolve().parents[2] / "ita" / "samples" / "corpus"
MANIFEST = list(csv.DictReader((CORPUS / "manifest.csv").open(encoding="utf-8")))
# Where a producer's text layer does not hold a space at a line wrap (see accuracy.py).
WRAP_PRODUCERS = {"chromium", "libreoffice"}


def one_per_producer() -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for row in MANIFEST:
        if row["expected"] == "loaded" and row["kind"] == "itas_result":
            seen.setdefault(row["producer"], row)
    return list(seen.values())


@pytest.mark.parametrize("row", one_per_producer(), ids=lambda r: r["producer"])
def test_one_result_report_per_producer_matches_its_golden_json(row: dict[str, str]) -> None:
    result = evaluate(CORPUS / row["file"], row["producer"], row["expected"])
    assert result.ok_outcome, result.outcome
    wrong = [
        m
        for m in result.mismatches
        if not (m[3] == "wrap_space" and row["producer"] in WRAP_PRODUCERS)
    ]
    assert not wrong, wrong


def test_seed_style_analysis_report_yields_the_seed_numbers() -> None:
    record = extract_document(CORPUS / "2565-takhram-en-analysis-libreoffice.pdf")
    assert record.kind == "analysis_report"
    assert record.fiscal_year == 2565
    assert record.agency.name == "องค์การบริหารส่วนตำบลตะคร้ำเอน"
    assert record.score == Decimal("87.13")
    assert record.grade == "A"
    assert record.indicators == {
        1: Decimal("92.69"), 2: Decimal("87.13"), 3: Decimal("92.98"), 4: Decimal("84.11"),
        5: Decimal("89.48"), 6: Decimal("81.13"), 7: Decimal("77.02"), 8: Decimal("78.62"),
        9: Decimal("83.33"), 10: Decimal("100"),
    }  # fmt: skip
    golden = json.loads((CORPUS / "2565-takhram-en-analysis-libreoffice.json").read_text("utf-8"))
    assert record.items == {k: Decimal(v) for k, v in golden["items"].items()}  # ๗๘.๓ = 78.30


def test_every_value_points_to_where_it_was_printed() -> None:
    record = extract_document(CORPUS / "2565-takhram-en-chromium.pdf")
    keys = {"score", "grade", "agency", "fiscal_year"}
    keys |= {f"indicator.{n}" for n in record.indicators} | {f"item.{c}" for c in record.items}
    keys |= {f"tool.{t}" for t in record.tool_scores}
    assert keys <= record.provenance.keys()
    for key in keys:
        src = record.provenance[key]
        x0, top, x1, bottom = src.bbox
        assert src.page >= 1 and 0 <= x0 < x1 and 0 <= top < bottom


@pytest.mark.parametrize(
    "row", [r for r in MANIFEST if r["expected"] in {"quarantined:not_ita", "quarantined:scanned",
                                                     "quarantined:unreadable"}],
    ids=lambda r: r["file"],
)  # fmt: skip
def test_defect_files_are_refused_for_their_reason(row: dict[str, str]) -> None:
    with pytest.raises(DocumentRefused) as refused:
        extract_document(CORPUS / row["file"])
    assert f"quarantined:{refused.value.finding.check}" == row["expected"]


@pytest.mark.slow
def test_whole_corpus_accuracy() -> None:
    """`make accuracy` as a test: every outcome as expected and every field exact, except a
    space at a line wrap that run-breaking producers do not write."""
    results = run(CORPUS, workers=2)
    text = report(results)
    assert all(r.ok_outcome for r in results), text
    for r in results:
        for name, _, _, why in r.mismatches:
            assert why == "wrap_space" and r.producer in WRAP_PRODUCERS, (r.file, name, text)
    assert {f for r in results for f in r.fields} <= set(FIELDS)
