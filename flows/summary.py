"""What an ingest run did, per document and in counts — the content of its Prefect artifacts and
of the summaries `ita demo` prints. Plain data: no Prefect, no database."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# Statuses of a document in one run, in the order summaries list them.
STATUS_LABELS = {
    "loaded": "loaded",
    "superseded_previous": "loaded, replacing an earlier result",
    "duplicate": "duplicate (nothing changed)",
    "quarantined": "quarantined",
    "failed": "failed (fetch or load error)",
}
LOADED = frozenset({"loaded", "superseded_previous"})


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One source's fate. `reason_code` is a stable code to count by (a finding's check such as
    ``overall_mismatch``, a fetch reason such as ``http_404``, ``known_bytes``…); `reason` is the
    sentence a person reads."""

    source: str
    status: str
    reason_code: str = ""
    reason: str = ""
    document_id: str | None = None
    file_name: str | None = None
    agency_name: str | None = None
    fiscal_year: int | None = None
    assessment_id: str | None = None

    def table_row(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "file": self.file_name or "",
            "document": (self.document_id or "")[:12],
            "status": self.status,
            "reason": self.reason,
            "agency": self.agency_name or "",
            "fiscal_year": self.fiscal_year or "",
        }


@dataclass(slots=True)
class IngestSummary:
    results: list[DocumentResult] = field(default_factory=list)
    parsed: int = 0  # documents actually extracted in this run (known bytes are not)
    seconds: float = 0.0
    planned_assessments: int = 0
    notes: list[str] = field(default_factory=list)
    phase_seconds: dict[str, float] = field(default_factory=dict)  # fetch, parse_load, plan

    @property
    def counts(self) -> Counter[str]:
        return Counter(r.status for r in self.results)

    def reasons(self, status: str) -> Counter[str]:
        return Counter(r.reason_code or "unknown" for r in self.results if r.status == status)

    @property
    def loaded_assessment_ids(self) -> list[str]:
        """Assessments this run loaded or replaced (to plan measures for), without repeats."""
        ids = [r.assessment_id for r in self.results if r.status in LOADED and r.assessment_id]
        return list(dict.fromkeys(ids))

    def table(self) -> list[dict[str, Any]]:
        return [r.table_row() for r in self.results]

    def markdown(self, title: str = "Ingest run") -> str:
        counts = self.counts
        lines = [
            f"# {title}",
            "",
            f"{len(self.results)} source(s); {self.parsed} parsed in this run, the rest were "
            f"known by their bytes or could not be fetched. {self.seconds:.1f} s.",
            "",
            "| outcome | documents |",
            "|---|---:|",
        ]
        lines += [
            f"| {label} | {counts.get(status, 0)} |" for status, label in STATUS_LABELS.items()
        ]
        for status, heading in (
            ("quarantined", "Quarantined by reason"),
            ("duplicate", "Duplicates by reason"),
            ("failed", "Failures by reason"),
        ):
            reasons = self.reasons(status)
            if reasons:
                lines += ["", f"## {heading}", "", "| reason | documents |", "|---|---:|"]
                lines += [f"| `{code}` | {n} |" for code, n in sorted(reasons.items())]
        if self.planned_assessments:
            lines += ["", f"Measures planned from {self.planned_assessments} latest result(s)."]
        if self.phase_seconds:
            phases = ", ".join(f"{name} {sec:.1f} s" for name, sec in self.phase_seconds.items())
            lines += ["", f"Time by phase: {phases}."]
        if self.notes:
            lines += ["", *[f"- {note}" for note in self.notes]]
        return "\n".join(lines) + "\n"
