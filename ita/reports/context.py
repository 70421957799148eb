"""The plain data a report is rendered from.

A `ReportContext` holds every number and name the analysis report prints — nothing else is
typed into the report. It is built from the warehouse by `warehouse.report_context` (or by hand
in tests) and rendered by `ita.reports.render_report`, which stays pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

BANGKOK = "กรุงเทพมหานคร"


@dataclass(frozen=True, slots=True)
class AgencyInfo:
    name: str  # the one canonical name, e.g. "องค์การบริหารส่วนตำบลตะคร้ำเอน"
    agency_type: str | None = None
    district: str | None = None  # without the อำเภอ/เขต prefix
    province: str | None = None  # without the จังหวัด prefix

    @property
    def location(self) -> str:
        """ "อำเภอท่ามะกา จังหวัดกาญจนบุรี" (เขต … กรุงเทพมหานคร in Bangkok); "" if unknown."""
        bangkok = self.province == BANGKOK
        parts = []
        if self.district:
            parts.append(("เขต" if bangkok else "อำเภอ") + self.district)
        if self.province:
            parts.append(self.province if bangkok else "จังหวัด" + self.province)
        return " ".join(parts)

    @property
    def full_name(self) -> str:
        return f"{self.name} {self.location}".strip()


@dataclass(frozen=True, slots=True)
class GradeBand:
    label: str
    low: Decimal
    high: Decimal
    tools_min: Decimal | None = None  # Rating Score labels: every tool must reach this


@dataclass(frozen=True, slots=True)
class ToolResult:
    code: str  # "IIT" / "EIT" / "OIT"
    name: str  # Thai name of the questionnaire
    weight: Decimal  # share of the overall score, e.g. 0.30
    score: Decimal | None  # 0–100; None when not known
    indicators: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    number: int
    name: str
    tool: str
    score: Decimal
    rank: int  # 1 = highest; equal scores share a rank (as classified)
    sub_indicators: tuple[str, ...] = ()  # names of 9.x / 10.x, for the description


@dataclass(frozen=True, slots=True)
class WeakItem:
    code: str  # "I20", "E10", "O24"
    text: str  # the question or the published item, from the catalog
    score: Decimal
    sub_indicator: str | None = None  # "9.2"
    sub_indicator_name: str | None = None
    guidance: str | None = None


@dataclass(frozen=True, slots=True)
class ImproveEntry:
    indicator: int
    items: tuple[WeakItem, ...] = ()
    guidance: str | None = None  # what to do about the indicator as a whole


@dataclass(frozen=True, slots=True)
class MeasureStep:
    text: str
    dues: tuple[date, ...] = ()  # one per occurrence (a quarterly step has four)
    owner: str | None = None  # when it differs from the measure's owner
    status: str | None = None  # for progress reports


@dataclass(frozen=True, slots=True)
class MeasurePlan:
    title: str  # the measure in one line
    indicators: tuple[int, ...]  # the issue(s) it answers
    items: tuple[str, ...] = ()
    steps: tuple[MeasureStep, ...] = ()
    owner: str = ""
    start: date | None = None
    due: date | None = None
    monitoring: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    issue: str = ""  # the issue as worded by the plan (used when no indicator is linked)
    status: str | None = None  # planned / in_progress / done / postponed / cancelled
    measure_id: str | None = None
    note: str | None = None
    carried_over: bool = False


@dataclass(frozen=True, slots=True)
class ReportContext:
    agency: AgencyInfo
    fiscal_year: int  # B.E.
    score: Decimal
    grade: str
    grade_bands: tuple[GradeBand, ...]
    pass_line: Decimal
    tools: tuple[ToolResult, ...]
    indicators: tuple[IndicatorResult, ...]
    strength_above: Decimal
    weakness_below: Decimal
    improve_below: Decimal
    strengths: tuple[int, ...]
    weaknesses: tuple[int, ...]
    most_urgent: tuple[int, ...]
    to_improve: tuple[ImproveEntry, ...]
    measures: tuple[MeasurePlan, ...]
    generated_on: date
    grading_kind: str = "letter"  # "letter" (AA–F) or "rating" (ผ่าน…)
    most_urgent_note: str | None = None  # how a tie for the lowest score was settled
    author: str | None = None  # the unit that prepared the report, e.g. "งานตรวจสอบภายใน"
    sources: tuple[str, ...] = field(default_factory=tuple)  # documents the numbers came from

    @property
    def measures_year(self) -> int:
        return self.fiscal_year + 1

    def indicator(self, number: int) -> IndicatorResult:
        for ind in self.indicators:
            if ind.number == number:
                return ind
        raise KeyError(f"indicator {number} is not in the report context")

    def tool(self, code: str) -> ToolResult:
        for tool in self.tools:
            if tool.code == code:
                return tool
        raise KeyError(f"tool {code} is not in the report context")

    def ranked(self) -> list[IndicatorResult]:
        """Indicators by rank (highest score first); equal ranks keep indicator order."""
        return sorted(self.indicators, key=lambda i: (i.rank, i.number))

    def highest(self) -> tuple[IndicatorResult, ...]:
        top = max(i.score for i in self.indicators)
        return tuple(i for i in self.indicators if i.score == top)

    def lowest(self) -> tuple[IndicatorResult, ...]:
        low = min(i.score for i in self.indicators)
        return tuple(i for i in self.indicators if i.score == low)

    def unclassified(self) -> tuple[IndicatorResult, ...]:
        """Indicators neither strength nor weakness (e.g. exactly on the line)."""
        listed = set(self.strengths) | set(self.weaknesses)
        return tuple(i for i in self.indicators if i.number not in listed)
