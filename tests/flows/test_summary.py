"""Run summaries: counts by outcome and by reason, and the ids the plan step receives."""

from __future__ import annotations

from flows.ingest import chunk_size
from flows.summary import DocumentResult, IngestSummary
from ita.settings import get_settings


def _results() -> list[DocumentResult]:
    return [
        DocumentResult("a.pdf", "loaded", assessment_id="A1"),
        DocumentResult("b.pdf", "superseded_previous", assessment_id="A2"),
        DocumentResult("b2.pdf", "loaded", assessment_id="A2"),
        DocumentResult("c.pdf", "quarantined", "overall_mismatch", "printed 94.08, computed 90.88"),
        DocumentResult("d.pdf", "quarantined", "scanned", "no text layer"),
        DocumentResult("e.pdf", "quarantined", "scanned", "no text layer"),
        DocumentResult("f.pdf", "duplicate", "known_bytes", "not parsed again"),
        DocumentResult("http://x/g.pdf", "failed", "http_404", "the server answered 404"),
    ]


def test_markdown_counts_outcomes_and_quarantine_reasons() -> None:
    md = IngestSummary(results=_results(), parsed=6, seconds=1.5).markdown()
    assert "| loaded | 2 |" in md
    assert "| loaded, replacing an earlier result | 1 |" in md
    assert "| quarantined | 3 |" in md
    assert "| `scanned` | 2 |" in md and "| `overall_mismatch` | 1 |" in md
    assert "| `known_bytes` | 1 |" in md and "| `http_404` | 1 |" in md


def test_loaded_assessment_ids_are_unique_and_in_order() -> None:
    assert IngestSummary(results=_results()).loaded_assessment_ids == ["A1", "A2"]


def test_table_has_one_row_per_source() -> None:
    table = IngestSummary(results=_results()).table()
    assert [row["source"] for row in table] == [r.source for r in _results()]
    assert table[3]["reason"] == "printed 94.08, computed 90.88"


def test_chunks_balance_workers_but_stay_small() -> None:
    assert chunk_size(1, 2) == 1
    assert chunk_size(20, 2) == 3  # about four chunks per worker
    limit = get_settings().parse_chunk_max
    assert chunk_size(10_000, 2) == limit  # never more than the setting between loads
    assert chunk_size(100 * limit, 1) == limit
