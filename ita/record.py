"""The typed record every extractor returns and every later stage consumes.

It is the contract between `ita.sources` (extraction), `ita.samples` (the truth the sample
generator writes as golden JSON), `schemas` (validation) and `warehouse` (loading). Scores are
`Decimal` exactly as printed (never floats, never rounded twice).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

DocumentKind = Literal["itas_result", "analysis_report"]
BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value was read: 1-based page number and (x0, top, x1, bottom) in PDF points,
    top-left origin (pdfplumber's convention)."""

    page: int
    bbox: BBox


@dataclass(slots=True)
class Agency:
    name: str  # full Thai name as printed (after Thai repair), e.g. "องค์การบริหารส่วนตำบลตะคร้ำเอน"
    agency_type: str | None = None  # e.g. "องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "กรม"
    district: str | None = None  # อำเภอ/เขต, without the prefix
    province: str | None = None  # จังหวัด, without the prefix


@dataclass(slots=True)
class AssessmentRecord:
    """One agency's ITA result for one fiscal year, as read from one document."""

    kind: DocumentKind
    fiscal_year: int  # Buddhist Era, e.g. 2565
    agency: Agency
    score: Decimal | None = None  # overall ITA score 0–100
    grade: str | None = None  # "AA".."F" (≤2565) or the Rating Score label (≥2566)
    tool_scores: dict[str, Decimal] = field(default_factory=dict)  # IIT/EIT/OIT on 0–100
    indicators: dict[int, Decimal] = field(default_factory=dict)  # 1..10
    items: dict[str, Decimal] = field(default_factory=dict)  # "I20", "E10", "O24" (มี=100, ไม่มี=0)
    advice: list[str] = field(default_factory=list)  # ข้อเสนอแนะ paragraphs
    provenance: dict[str, Source] = field(
        default_factory=dict
    )  # "score", "indicator.7", "item.E10"
    warnings: list[str] = field(default_factory=list)

    def truth(self) -> dict[str, Any]:
        """The comparable content (no provenance/warnings): the golden JSON format."""
        return {
            "kind": self.kind,
            "fiscal_year": self.fiscal_year,
            "agency": {
                "name": self.agency.name,
                "agency_type": self.agency.agency_type,
                "district": self.agency.district,
                "province": self.agency.province,
            },
            "score": _dec(self.score),
            "grade": self.grade,
            "tool_scores": {k: _dec(v) for k, v in sorted(self.tool_scores.items())},
            "indicators": {str(k): _dec(v) for k, v in sorted(self.indicators.items())},
            "items": {k: _dec(v) for k, v in sorted(self.items.items(), key=_item_order)},
            "advice": list(self.advice),
        }

    @classmethod
    def from_truth(cls, data: dict[str, Any]) -> AssessmentRecord:
        a = data["agency"]
        return cls(
            kind=data["kind"],
            fiscal_year=int(data["fiscal_year"]),
            agency=Agency(a["name"], a.get("agency_type"), a.get("district"), a.get("province")),
            score=_undec(data.get("score")),
            grade=data.get("grade"),
            tool_scores={k: Decimal(v) for k, v in data.get("tool_scores", {}).items()},
            indicators={int(k): Decimal(v) for k, v in data.get("indicators", {}).items()},
            items={k: Decimal(v) for k, v in data.get("items", {}).items()},
            advice=list(data.get("advice", [])),
        )

    def write_truth(self, path: Path) -> None:
        path.write_text(json.dumps(self.truth(), ensure_ascii=False, indent=1) + "\n", "utf-8")

    @classmethod
    def read_truth(cls, path: Path) -> AssessmentRecord:
        return cls.from_truth(json.loads(path.read_text("utf-8")))


def item_sort_key(code: str) -> tuple[int, int]:
    """I1..I30, then E1..E15, then O1..O43 in numeric order."""
    return (
        "IEO".index(code[0]) if code[:1] in "IEO" else 9,
        int(code[1:]) if code[1:].isdigit() else 0,
    )


def _item_order(kv: tuple[str, Decimal]) -> tuple[int, int]:
    return item_sort_key(kv[0])


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else format(v, "f")


def _undec(v: Any) -> Decimal | None:
    return None if v is None else Decimal(str(v))
