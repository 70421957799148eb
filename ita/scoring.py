"""The assessment's own arithmetic, driven by the year's catalog (pure functions, Decimal).

    overall = Σ weight(tool) · mean(indicators of the tool)       # 0.3·IIT + 0.3·EIT + 0.4·OIT
    IIT/EIT indicator = mean of its items
    OIT sub-indicator = % of its O-items passed (มี = 100, ไม่มี = 0)
    OIT indicator = mean of its sub-indicators                     # per the catalog's rule

Intermediate values are kept exact; a value is rounded once (ROUND_HALF_UP to 2 places) where it
is reported. `check_record` compares a printed record with these and returns `Finding`s that
quote both numbers ("printed 90.13, computed 87.13"); a check is an error only where the
catalog marks the rule confirmed for that year, otherwise a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ita.findings import Finding, Severity
from ita.frameworks import Framework
from ita.record import AssessmentRecord
from ita.settings import get_settings

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)


class ScoringError(ValueError):
    """The inputs do not allow a computation (missing indicators or items, bad O-item value)."""


def round2(value: Decimal | int | str) -> Decimal:
    """Round half up to 2 decimals: 87.1264 → 87.13, 91.665 → 91.67."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _mean(values: Iterable[Decimal]) -> Decimal:
    values = list(values)
    if not values:
        raise ScoringError("mean of nothing")
    return sum(values, ZERO) / len(values)


def _fmt(value: Decimal) -> str:
    return format(value, "f")


# ---- indicators → tools → overall ------------------------------------------------------------
def _require(indicators: Mapping[int, Decimal], numbers: Iterable[int]) -> None:
    missing = [n for n in numbers if n not in indicators]
    if missing:
        raise ScoringError(f"indicator(s) {missing} missing")


def compute_tool_scores(
    fw: Framework, indicators: Mapping[int, Decimal], exact: bool = False
) -> dict[str, Decimal]:
    """Tool score (0–100) = mean of its indicators, for every tool whose indicators are all
    given; rounded to 2 places unless ``exact``."""
    scores: dict[str, Decimal] = {}
    for code, tool in fw.tools.items():
        if all(n in indicators for n in tool.indicators):
            score = _mean(indicators[n] for n in tool.indicators)
            scores[code] = score if exact else round2(score)
    return scores


def compute_overall(fw: Framework, indicators: Mapping[int, Decimal]) -> Decimal:
    """Overall ITA score = Σ weight · tool mean (weights from the catalog), rounded once."""
    _require(indicators, range(1, 11))
    tools = compute_tool_scores(fw, indicators, exact=True)
    return round2(sum((fw.tools[c].weight * s for c, s in tools.items()), ZERO))


def unweight_tool_score(fw: Framework, tool: str, value: Decimal) -> Decimal:
    """A tool score printed weighted (OIT 38.70 of 40) back on 0–100 (96.75), unrounded."""
    return value / fw.tools[tool].weight


# ---- items → sub-indicators → indicators -----------------------------------------------------
def _oit_passed(code: str, value: Decimal) -> bool:
    if value == HUNDRED:
        return True
    if value == ZERO:
        return False
    raise ScoringError(f"{code} = {_fmt(value)}, but an O-item is 0 (ไม่มี) or 100 (มี)")


def _require_items(fw: Framework, codes: Iterable[str], items: Mapping[str, Decimal]) -> None:
    missing = [c for c in codes if c not in items]
    if missing:
        raise ScoringError(f"FY{fw.fiscal_year}: item(s) {', '.join(missing)} missing")


def _sub_indicators_exact(
    fw: Framework, number: int, items: Mapping[str, Decimal]
) -> dict[str, Decimal]:
    indicator = fw.indicators[number]
    if indicator.tool != "OIT":
        raise ScoringError(f"indicator {number} is {indicator.tool}; only OIT has sub-indicators")
    if not indicator.items_complete:
        raise ScoringError(f"FY{fw.fiscal_year}: the items of indicator {number} are not all known")
    subs: dict[str, Decimal] = {}
    for sub in indicator.sub_indicators:
        _require_items(fw, sub.items, items)
        passed = sum(1 for c in sub.items if _oit_passed(c, items[c]))
        subs[sub.code] = HUNDRED * passed / len(sub.items)
    return subs


def compute_sub_indicators(
    fw: Framework, number: int, items: Mapping[str, Decimal], exact: bool = False
) -> dict[str, Decimal]:
    """OIT sub-indicators of indicator ``number`` ("9.1" → % of its O-items passed)."""
    subs = _sub_indicators_exact(fw, number, items)
    return subs if exact else {code: round2(v) for code, v in subs.items()}


def _indicator_exact(fw: Framework, number: int, items: Mapping[str, Decimal]) -> Decimal:
    indicator = fw.indicators[number]
    if indicator.tool != "OIT":
        codes = [i.code for i in fw.items_of(number)]
        _require_items(fw, codes, items)
        return _mean(items[c] for c in codes)
    if fw.scoring.oit_indicator.rule == "mean_of_items":
        if not indicator.items_complete:
            raise ScoringError(
                f"FY{fw.fiscal_year}: the items of indicator {number} are not all known"
            )
        codes = [i.code for i in fw.items_of(number)]
        _require_items(fw, codes, items)
        return _mean(HUNDRED if _oit_passed(c, items[c]) else ZERO for c in codes)
    return _mean(_sub_indicators_exact(fw, number, items).values())


def compute_indicator_from_items(
    fw: Framework, number: int, items: Mapping[str, Decimal]
) -> Decimal:
    """Indicator score from its items (IIT/EIT: mean of items; OIT: the catalog's rule, by
    default the mean of its sub-indicators), rounded once."""
    return round2(_indicator_exact(fw, number, items))


# ---- a whole consistent set of scores (used to make sample documents) ------------------------
@dataclass(frozen=True, slots=True)
class DerivedScores:
    sub_indicators: dict[str, Decimal]
    indicators: dict[int, Decimal]
    tool_scores: dict[str, Decimal]
    score: Decimal
    grade: str


def derive_scores(fw: Framework, items: Mapping[str, Decimal]) -> DerivedScores:
    """Everything a result report prints, from item scores: indicators rounded as printed, and
    tool scores, overall and grade computed from those printed indicators (so that a reader
    recomputing from the document gets exactly the printed totals)."""
    subs: dict[str, Decimal] = {}
    for number in fw.tools["OIT"].indicators:
        subs.update(compute_sub_indicators(fw, number, items))
    indicators = {n: compute_indicator_from_items(fw, n, items) for n in sorted(fw.indicators)}
    tools = compute_tool_scores(fw, indicators)
    score = compute_overall(fw, indicators)
    return DerivedScores(subs, indicators, tools, score, fw.grade_for(score, tools))


# ---- checking a printed record ------------------------------------------------------------------
def _severity(confirmed: bool) -> Severity:
    return "error" if confirmed else "warning"


def _mismatch(
    check: str,
    field: str,
    what: tuple[str, str],
    printed: Decimal,
    computed: Decimal,
    severity: Severity,
    note: tuple[str, str] = ("", ""),
) -> Finding:
    p, c = _fmt(printed), _fmt(round2(computed))
    return Finding(
        check=check,
        detail_en=f"{what[0]}: printed {p}, computed {c}{note[0]}",
        detail_th=f"{what[1]}: พิมพ์ไว้ {p} คำนวณได้ {c}{note[1]}",
        severity=severity,
        field=field,
    )


def _unconfirmed_note(fw: Framework, confirmed: bool) -> tuple[str, str]:
    if confirmed:
        return "", ""
    return (
        f" (the FY{fw.fiscal_year} rule is not confirmed, so this is a warning)",
        f" (กติกาของปีงบประมาณ {fw.fiscal_year} ยังไม่ยืนยัน จึงเป็นคำเตือน)",
    )


def check_record(fw: Framework, record: AssessmentRecord) -> list[Finding]:
    """Check a record's printed numbers against the arithmetic of its year's catalog."""
    if record.fiscal_year != fw.fiscal_year:
        return [
            Finding(
                "framework_year",
                f"record is FY{record.fiscal_year} but was checked with the FY{fw.fiscal_year} catalog",
                f"ข้อมูลเป็นปีงบประมาณ {record.fiscal_year} แต่ตรวจด้วยเกณฑ์ปี {fw.fiscal_year}",
                "error",
                "fiscal_year",
            )
        ]
    tolerance = get_settings().overall_tolerance
    findings: list[Finding] = []
    findings += _check_overall(fw, record, tolerance)
    tool_scores = _check_tool_scores(fw, record, tolerance, findings)
    findings += _check_grade(fw, record, tool_scores)
    findings += _check_perception_indicators(fw, record, tolerance)
    findings += _check_oit_indicators(fw, record, tolerance)
    return findings


def _check_overall(fw: Framework, record: AssessmentRecord, tolerance: Decimal) -> list[Finding]:
    if record.score is None or any(n not in record.indicators for n in range(1, 11)):
        return []
    computed = compute_overall(fw, record.indicators)
    if abs(record.score - computed) <= tolerance:
        return []
    weights = " + ".join(f"{_fmt(t.weight)}·{c}" for c, t in fw.tools.items())
    rule = fw.scoring.overall
    if rule.confirmed or not rule.enforce:
        note_en, note_th = _unconfirmed_note(fw, rule.confirmed)
    else:
        note_en, note_th = (
            f" (FY{fw.fiscal_year} weights are assumed from the neighbouring years)",
            f" (น้ำหนักของปีงบประมาณ {fw.fiscal_year} ใช้ตามปีใกล้เคียง)",
        )
    return [
        _mismatch(
            "overall_mismatch",
            "score",
            ("overall ITA score", "คะแนนรวม ITA"),
            record.score,
            computed,
            _severity(rule.enforce),
            (
                f" from the ten indicators ({weights}){note_en}",
                f" จากคะแนน 10 ตัวชี้วัด ({weights}){note_th}",
            ),
        )
    ]


def _check_tool_scores(
    fw: Framework, record: AssessmentRecord, tolerance: Decimal, findings: list[Finding]
) -> dict[str, Decimal] | None:
    """Append tool-score findings; return the tool scores (0–100) to grade with, if known."""
    computed = compute_tool_scores(fw, record.indicators, exact=True)
    usable: dict[str, Decimal] = {}
    for code, printed in sorted(record.tool_scores.items()):
        if code not in fw.tools:
            continue
        if code not in computed:
            usable[code] = printed
            continue
        weight = fw.tools[code].weight
        if abs(printed - computed[code]) <= tolerance:
            usable[code] = printed
        elif abs(printed - computed[code] * weight) <= tolerance:
            unweighted = unweight_tool_score(fw, code, printed)
            usable[code] = round2(unweighted)
            findings.append(
                Finding(
                    "tool_score_weighted",
                    f"{code} score printed {_fmt(printed)} is weighted (×{_fmt(weight)}, out of "
                    f"{_fmt(round2(weight * HUNDRED))}); on 0–100 it is {_fmt(round2(unweighted))}, "
                    f"matching the computed {_fmt(round2(computed[code]))}",
                    f"คะแนน {code} ที่พิมพ์ไว้ {_fmt(printed)} เป็นคะแนนถ่วงน้ำหนัก (×{_fmt(weight)}) "
                    f"คิดเป็นเต็ม 100 ได้ {_fmt(round2(unweighted))} ตรงกับที่คำนวณได้",
                    "warning",
                    f"tool.{code}",
                )
            )
        else:
            confirmed = fw.scoring.tool.confirmed
            findings.append(
                _mismatch(
                    "tool_score_mismatch",
                    f"tool.{code}",
                    (f"{code} score", f"คะแนนแบบวัด {code}"),
                    printed,
                    computed[code],
                    _severity(confirmed),
                    _unconfirmed_note(fw, confirmed),
                )
            )
            usable[code] = round2(computed[code])
    for code, value in computed.items():
        usable.setdefault(code, round2(value))
    return usable if all(c in usable for c in fw.tools) else None


def _check_grade(
    fw: Framework, record: AssessmentRecord, tool_scores: dict[str, Decimal] | None
) -> list[Finding]:
    if not record.grade:
        return []
    score = record.score
    if score is None and all(n in record.indicators for n in range(1, 11)):
        score = compute_overall(fw, record.indicators)
    if score is None or not ZERO <= score <= HUNDRED:
        return []
    printed = "".join(record.grade.split())
    if tool_scores is not None:
        expected_label = fw.grade_for(score, tool_scores)
        band = fw.band_of(expected_label)
        allowed = band.labels if band else (expected_label,)
    else:
        allowed = fw.possible_grades(score)
        expected_label = " / ".join(dict.fromkeys(allowed))
    if printed in allowed:
        return []
    band = fw.band_of(allowed[0])
    confirmed = fw.grading.confirmed and band is not None and band.confirmed
    kind_en = "grade" if fw.grading.kind == "letter" else "rating label"
    return [
        Finding(
            "grade_mismatch",
            f"{kind_en}: printed {record.grade!r}, but FY{fw.fiscal_year} gives "
            f"{expected_label!r} for a score of {_fmt(score)}"
            + _unconfirmed_note(fw, confirmed)[0],
            f"ระดับผลการประเมิน: พิมพ์ไว้ '{record.grade}' แต่เกณฑ์ปีงบประมาณ {fw.fiscal_year} "
            f"สำหรับคะแนน {_fmt(score)} คือ '{expected_label}'" + _unconfirmed_note(fw, confirmed)[1],
            _severity(confirmed),
            "grade",
        )
    ]


def _check_perception_indicators(
    fw: Framework, record: AssessmentRecord, tolerance: Decimal
) -> list[Finding]:
    """IIT/EIT indicator vs the mean of its items, where every item is printed. Item scores
    are themselves rounded, so a difference is a warning."""
    findings: list[Finding] = []
    for code in ("IIT", "EIT"):
        for number in fw.tools[code].indicators:
            codes = [i.code for i in fw.items_of(number)]
            printed = record.indicators.get(number)
            if printed is None or not codes or any(c not in record.items for c in codes):
                continue
            computed = _indicator_exact(fw, number, record.items)
            if abs(printed - computed) > tolerance:
                findings.append(
                    _mismatch(
                        "indicator_items_mismatch",
                        f"indicator.{number}",
                        (
                            f"indicator {number} vs the mean of {codes[0]}–{codes[-1]}",
                            f"ตัวชี้วัดที่ {number} เทียบกับค่าเฉลี่ยข้อ {codes[0]}–{codes[-1]}",
                        ),
                        printed,
                        computed,
                        "warning",
                    )
                )
    return findings


def _check_oit_indicators(
    fw: Framework, record: AssessmentRecord, tolerance: Decimal
) -> list[Finding]:
    """Indicator 9/10 vs its O-items, where the year's list is complete and all are printed."""
    findings: list[Finding] = []
    for number in fw.tools["OIT"].indicators:
        indicator = fw.indicators[number]
        codes = [i.code for i in fw.items_of(number)]
        printed = record.indicators.get(number)
        if printed is None or not indicator.items_complete:
            continue
        if any(c not in record.items for c in codes):
            continue
        odd = [c for c in codes if record.items[c] not in (ZERO, HUNDRED)]
        if odd:
            findings.append(
                Finding(
                    "oit_item_value",
                    "O-items must be 0 (ไม่มี) or 100 (มี); printed "
                    + ", ".join(f"{c} = {_fmt(record.items[c])}" for c in odd),
                    "ข้อ O ต้องเป็น 0 (ไม่มี) หรือ 100 (มี) แต่พิมพ์ไว้ "
                    + ", ".join(f"{c} = {_fmt(record.items[c])}" for c in odd),
                    "warning",
                    f"item.{odd[0]}",
                )
            )
            continue
        computed = _indicator_exact(fw, number, record.items)
        if abs(printed - computed) <= tolerance:
            continue
        confirmed = (
            fw.scoring.oit_indicator.confirmed
            and fw.scoring.oit_sub_indicator.confirmed
            and all(s.confirmed for s in indicator.sub_indicators)
        )
        subs = compute_sub_indicators(fw, number, record.items)
        detail = ", ".join(f"{c} = {_fmt(v)}" for c, v in subs.items())
        note_en, note_th = _unconfirmed_note(fw, confirmed)
        findings.append(
            _mismatch(
                "oit_indicator_mismatch",
                f"indicator.{number}",
                (
                    f"indicator {number} vs its O-items",
                    f"ตัวชี้วัดที่ {number} เทียบกับข้อ O",
                ),
                printed,
                computed,
                _severity(confirmed),
                (f" (sub-indicators {detail}){note_en}", f" (ตัวชี้วัดย่อย {detail}){note_th}"),
            )
        )
    return findings
