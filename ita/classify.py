"""Classify one agency's ITA result: what the analysis report's author did by hand.

`classify_assessment(fw, record, previous=..., peers=..., lines=...)` is pure: it reads the
year's catalog (`ita.frameworks.Framework`) and one `AssessmentRecord` and returns a
`Classification`:

- the grade/label by the year's rules (and whether it agrees with the printed one), and whether
  the overall score reaches the NACC pass line;
- every indicator ranked, with its category: strength (score > `strength_above`), weakness
  (score < `weakness_below`) or neither;
- the most urgent indicator: the lowest score. Equal lowest scores are all reported and the tie
  is broken, with the reason written out, by the indicator's weight in the overall score (an
  OIT indicator moves the total 20 %, an EIT one 10 %, an IIT one 6 %), then by number;
- the indicators to improve (score < `improve_below`), most urgent first, each with its weak
  items: IIT/EIT items below the same line, OIT items at 0 (ไม่มี / not published);
- the change against the previous year where it is known, and the peer context (average of
  agencies of the same province and agency type) where it is known.

The lines come from `ita.settings` (defaults from the seed report: strengths > 80, weaknesses
< 80, to improve < 85; pass line 85).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ita.frameworks import Framework
from ita.record import AssessmentRecord, item_sort_key
from ita.settings import Settings, get_settings

Category = Literal["strength", "weakness", "neither"]
WeakReason = Literal["below_line", "not_published"]
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Lines:
    """The thresholds a classification used (kept with it, so a stored result explains itself)."""

    strength_above: Decimal = Decimal("80")
    weakness_below: Decimal = Decimal("80")
    improve_below: Decimal = Decimal("85")
    pass_line: Decimal = Decimal("85")

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Lines:
        s = settings or get_settings()
        return cls(s.strength_above, s.weakness_below, s.improve_below, s.pass_line)


@dataclass(frozen=True, slots=True)
class PreviousResult:
    """The same agency's result of an earlier year (normally N-1)."""

    fiscal_year: int
    score: Decimal | None
    indicators: dict[int, Decimal]


@dataclass(frozen=True, slots=True)
class PeerAverages:
    """Averages over the other agencies of the same province and agency type, same year."""

    province: str | None
    agency_type: str | None
    n_agencies: int
    score: Decimal | None
    indicators: dict[int, Decimal]


@dataclass(frozen=True, slots=True)
class WeakItem:
    code: str  # "E10"
    tool: str
    indicator: int
    sub_indicator: str | None  # "9.2" for O-items
    text: str  # the question or O-item name of that year's catalog
    score: Decimal
    reason: WeakReason


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    number: int
    name: str
    tool: str
    score: Decimal
    rank: int  # 1 = highest score; equal scores share a rank
    weight: Decimal  # share of the overall score carried by this indicator (e.g. 0.10)
    category: Category
    to_improve: bool
    is_most_urgent: bool
    weak_items: tuple[WeakItem, ...]
    items_known: bool  # whether any item score of this indicator was available
    previous_score: Decimal | None
    change: Decimal | None
    peer_average: Decimal | None
    vs_peers: Decimal | None


@dataclass(frozen=True, slots=True)
class Classification:
    fiscal_year: int
    agency_name: str
    score: Decimal | None
    grade: str | None  # by the year's rules (None when no score)
    printed_grade: str | None
    grade_agrees: bool | None  # None when either is unknown
    passed: bool | None  # score >= pass line
    lines: Lines
    indicators: tuple[IndicatorResult, ...]  # ranked, highest first
    most_urgent: int | None  # the chosen lowest indicator
    most_urgent_tied: tuple[int, ...]  # every indicator sharing the lowest score
    most_urgent_note_en: str
    most_urgent_note_th: str
    previous_fiscal_year: int | None = None
    previous_score: Decimal | None = None
    score_change: Decimal | None = None
    peers: PeerAverages | None = None
    notes: tuple[str, ...] = field(default=())

    def indicator(self, number: int) -> IndicatorResult:
        for result in self.indicators:
            if result.number == number:
                return result
        raise KeyError(f"no indicator {number} in this classification")

    @property
    def strengths(self) -> tuple[int, ...]:
        return tuple(r.number for r in self.indicators if r.category == "strength")

    @property
    def weaknesses(self) -> tuple[int, ...]:
        return tuple(r.number for r in self.indicators if r.category == "weakness")

    @property
    def to_improve(self) -> tuple[IndicatorResult, ...]:
        """Indicators below the improve line, most urgent first (lowest score, then weight)."""
        chosen = [r for r in self.indicators if r.to_improve]
        return tuple(sorted(chosen, key=_urgency_key))


def classify_assessment(
    fw: Framework,
    record: AssessmentRecord,
    *,
    previous: PreviousResult | None = None,
    peers: PeerAverages | None = None,
    lines: Lines | None = None,
) -> Classification:
    """Classify `record` (a result of fiscal year `fw.fiscal_year`); see the module docstring."""
    if record.fiscal_year != fw.fiscal_year:
        raise ValueError(
            f"the record is for FY{record.fiscal_year} but the catalog is FY{fw.fiscal_year}"
        )
    lines = lines or Lines.from_settings()
    missing = sorted(set(fw.indicators) - set(record.indicators))
    if missing:
        raise ValueError(
            f"cannot classify {record.agency.name!r} FY{record.fiscal_year}: "
            f"indicator scores missing for {missing}"
        )
    weights = _indicator_weights(fw)
    scores = {n: record.indicators[n] for n in fw.indicators}
    ranks = _dense_ranks(scores)
    lowest = min(scores.values())
    tied = tuple(
        sorted((n for n, s in scores.items() if s == lowest), key=lambda n: _tie_order(n, weights))
    )
    chosen = tied[0]

    results: list[IndicatorResult] = []
    for number, score in scores.items():
        ind = fw.indicators[number]
        to_improve = score < lines.improve_below
        weak, known = _weak_items(fw, record, number, lines) if to_improve else ((), False)
        if not to_improve:
            known = any(item.code in record.items for item in fw.items_of(number))
        prev = previous.indicators.get(number) if previous else None
        peer = peers.indicators.get(number) if peers else None
        results.append(
            IndicatorResult(
                number=number,
                name=ind.name,
                tool=ind.tool,
                score=score,
                rank=ranks[number],
                weight=weights[number],
                category=_category(score, lines),
                to_improve=to_improve,
                is_most_urgent=number == chosen,
                weak_items=weak,
                items_known=known,
                previous_score=prev,
                change=None if prev is None else score - prev,
                peer_average=peer,
                vs_peers=None if peer is None else score - peer,
            )
        )
    results.sort(key=lambda r: (r.rank, *_tie_order(r.number, weights)))

    grade, notes = _grade(fw, record)
    note_en, note_th = _urgency_notes(fw, tied, lowest, weights)
    prev_score = previous.score if previous else None
    return Classification(
        fiscal_year=record.fiscal_year,
        agency_name=record.agency.name,
        score=record.score,
        grade=grade,
        printed_grade=record.grade,
        grade_agrees=None if grade is None or record.grade is None else grade == record.grade,
        passed=None if record.score is None else record.score >= lines.pass_line,
        lines=lines,
        indicators=tuple(results),
        most_urgent=chosen,
        most_urgent_tied=tied,
        most_urgent_note_en=note_en,
        most_urgent_note_th=note_th,
        previous_fiscal_year=previous.fiscal_year if previous else None,
        previous_score=prev_score,
        score_change=(
            None if prev_score is None or record.score is None else record.score - prev_score
        ),
        peers=peers,
        notes=notes,
    )


# ---- helpers -------------------------------------------------------------------------------
def _indicator_weights(fw: Framework) -> dict[int, Decimal]:
    """Each indicator's share of the overall score: its tool's weight split equally."""
    weights: dict[int, Decimal] = {}
    for tool in fw.tools.values():
        for number in tool.indicators:
            weights[number] = tool.weight / len(tool.indicators)
    return weights


def _tie_order(number: int, weights: dict[int, Decimal]) -> tuple[Decimal, int]:
    """Among equal scores: the heavier indicator first (it moves the total most), then by
    number."""
    return (-weights[number], number)


def _urgency_key(result: IndicatorResult) -> tuple[Decimal, Decimal, int]:
    return (result.score, -result.weight, result.number)


def _dense_ranks(scores: dict[int, Decimal]) -> dict[int, int]:
    distinct = sorted(set(scores.values()), reverse=True)
    return {n: distinct.index(s) + 1 for n, s in scores.items()}


def _category(score: Decimal, lines: Lines) -> Category:
    if score > lines.strength_above:
        return "strength"
    if score < lines.weakness_below:
        return "weakness"
    return "neither"


def _weak_items(
    fw: Framework, record: AssessmentRecord, number: int, lines: Lines
) -> tuple[tuple[WeakItem, ...], bool]:
    """Weak items of one indicator and whether any item score of it was known."""
    weak: list[WeakItem] = []
    known = False
    for item in fw.items_of(number):
        score = record.items.get(item.code)
        if score is None:
            continue
        known = True
        if item.tool == "OIT":
            reason: WeakReason | None = "not_published" if score == ZERO else None
        else:
            reason = "below_line" if score < lines.improve_below else None
        if reason:
            weak.append(
                WeakItem(
                    item.code,
                    item.tool,
                    number,
                    item.sub_indicator,
                    item.text,
                    score,
                    reason,
                )
            )
    weak.sort(key=lambda w: item_sort_key(w.code))
    return tuple(weak), known


def _grade(fw: Framework, record: AssessmentRecord) -> tuple[str | None, tuple[str, ...]]:
    if record.score is None:
        return None, ("no overall score: grade not computed",)
    try:
        return fw.grade_for(record.score, record.tool_scores or None), ()
    except ValueError as exc:
        return record.grade, (f"grade taken as printed: {exc}",)


def _urgency_notes(
    fw: Framework, tied: tuple[int, ...], lowest: Decimal, weights: dict[int, Decimal]
) -> tuple[str, str]:
    chosen = tied[0]
    name = fw.indicators[chosen].name
    if len(tied) == 1:
        return (
            f"indicator {chosen} {name} has the lowest score, {lowest}",
            f"ตัวชี้วัดที่ {chosen} {name} ได้คะแนนต่ำสุด {lowest} คะแนน",
        )
    others_en = ", ".join(f"{n} {fw.indicators[n].name}" for n in tied[1:])
    others_th = " ".join(f"ตัวชี้วัดที่ {n} {fw.indicators[n].name}" for n in tied[1:])
    share = _percent(weights[chosen])
    if weights[chosen] > weights[tied[1]]:
        why_en = (
            f"it carries {share}% of the overall score against "
            f"{_percent(weights[tied[1]])}%, so improving it raises the total most"
        )
        why_th = (
            f"เนื่องจากมีน้ำหนักต่อคะแนนรวมร้อยละ {share} มากกว่าร้อยละ "
            f"{_percent(weights[tied[1]])} จึงยกระดับคะแนนรวมได้มากที่สุด"
        )
    else:
        why_en = f"equal weight ({share}% each); the lower indicator number is taken"
        why_th = f"น้ำหนักเท่ากัน (ร้อยละ {share}) จึงเลือกตัวชี้วัดที่มีลำดับเลขน้อยกว่า"
    return (
        f"tie at {lowest}: indicator {chosen} {name} and {others_en}; "
        f"indicator {chosen} is taken as most urgent because {why_en}",
        f"คะแนนต่ำสุดเท่ากัน {lowest} คะแนน: ตัวชี้วัดที่ {chosen} {name} และ {others_th} "
        f"เลือกตัวชี้วัดที่ {chosen} เป็นประเด็นเร่งด่วน {why_th}",
    )


def _percent(weight: Decimal) -> str:
    return format((weight * 100).quantize(Decimal("0.01")).normalize(), "f")
