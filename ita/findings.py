"""Findings: why a document or a row was refused (error) or flagged (warning).

Every stage reports problems as `Finding`s; the warehouse stores them in `quarantine`. Each carries
a stable machine `check` code and a message in English and in Thai, because an officer must act
on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Finding:
    check: str  # stable code, e.g. "scanned", "not_ita", "overall_mismatch", "schema"
    detail_en: str  # one line, plain English, quoting Thai names as printed
    detail_th: str  # the same in Thai
    severity: Severity = "error"
    field: str | None = None  # "score", "indicator.7", "item.E10", …

    def __str__(self) -> str:
        return f"{self.check}: {self.detail_en}"


class DocumentRefused(Exception):
    """Raised by extraction when a file cannot yield an ITA record at all."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding
