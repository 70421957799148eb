"""The true values of a sample: item scores in, every derived score out (via the catalog and
`ita.scoring`, never a second copy of the arithmetic)."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ita import scoring
from ita.record import Agency, AssessmentRecord

if TYPE_CHECKING:
    from ita.frameworks import Framework

CENT = Decimal("0.01")


def items_of(fw: Framework, tool: str, indicator: int | None = None) -> list[str]:
    """Item codes of a tool (optionally of one indicator) in catalog order."""
    from ita.record import item_sort_key

    codes = [
        c
        for c, it in fw.items.items()
        if it.tool == tool and (indicator is None or it.indicator == indicator)
    ]
    return sorted(codes, key=item_sort_key)


def derive_record(
    fw: Framework,
    agency: Agency,
    items: dict[str, Decimal],
    direct: dict[int, Decimal] | None = None,
) -> AssessmentRecord:
    """An ITAS result whose indicators, tool scores, overall score and grade follow from the
    item scores by the catalog's rules; `direct` gives indicators whose items the catalog does
    not fully know for this year (printed without an item list)."""
    direct = direct or {}
    indicators = {
        n: direct[n]
        if n in direct
        else scoring.round2(scoring.compute_indicator_from_items(fw, n, items))
        for n in sorted(fw.indicators)
    }
    return record_from_indicators(fw, agency, indicators, items)


def record_from_indicators(
    fw: Framework,
    agency: Agency,
    indicators: dict[int, Decimal],
    items: dict[str, Decimal],
    advice: list[str] | None = None,
) -> AssessmentRecord:
    """An ITAS result with the given (printed) indicator scores; tools, overall and grade derived."""
    tools = {k: scoring.round2(v) for k, v in scoring.compute_tool_scores(fw, indicators).items()}
    score = scoring.round2(scoring.compute_overall(fw, indicators))
    return AssessmentRecord(
        kind="itas_result",
        fiscal_year=fw.fiscal_year,
        agency=agency,
        score=score,
        grade=fw.grade_for(score, tools),
        tool_scores=tools,
        indicators=dict(indicators),
        items=dict(items),
        advice=list(advice or []),
    )


def _clip(x: float, lo: float = 0.0, hi: float = 100.0) -> float:
    return max(lo, min(hi, x))


def _dec(x: float) -> Decimal:
    return Decimal(str(round(x, 2))).quantize(CENT)


def item_list_known(fw: Framework, n: int) -> bool:
    """Whether the catalog knows every item of indicator `n` for this year."""
    ind = fw.indicators[n]
    return ind.items_complete and all(
        sub.items_complete and sub.items for sub in ind.sub_indicators
    )


def draw_items(
    fw: Framework, rng: random.Random, quality: float, spread: float
) -> tuple[dict[str, Decimal], dict[int, Decimal]]:
    """Plausible item scores: IIT/EIT items scatter around an indicator level drawn near the
    agency's quality; OIT items pass (100) or fail (0) with a quality-dependent chance.
    Returns (items, direct indicator scores for indicators whose item list is not known)."""
    items: dict[str, Decimal] = {}
    direct: dict[int, Decimal] = {}
    for n, ind in sorted(fw.indicators.items()):
        if ind.tool == "OIT":
            p_pass = _clip(0.55 + (quality - 50) / 90 + rng.gauss(0, 0.06), 0.2, 1.0)
            if not item_list_known(fw, n):
                # k failures out of a typical 26-item list, shown as a percentage
                fails = sum(rng.random() > p_pass for _ in range(13))
                direct[n] = _dec(100 * (13 - fails) / 13)
                continue
            for code in items_of(fw, "OIT", n):
                items[code] = Decimal(100) if rng.random() < p_pass else Decimal(0)
            continue
        level = _clip(rng.gauss(quality, spread), 35, 99.5)
        for code in items_of(fw, ind.tool, n):
            cap = 100.0
            items[code] = _dec(_clip(rng.gauss(level, 5.5), 20, cap))
    return items, direct


def fit_items(
    fw: Framework,
    indicator: int,
    target: Decimal,
    fixed: dict[str, Decimal],
    rng: random.Random,
) -> dict[str, Decimal]:
    """Scores for the items of an IIT/EIT indicator, keeping `fixed` ones, such that the
    indicator computed from them rounds to `target` exactly."""
    codes = items_of(fw, fw.indicators[indicator].tool, indicator)
    free = [c for c in codes if c not in fixed]
    if not free:
        raise ValueError(f"indicator {indicator}: no free item to fit {target}")
    # the free items must average this for the indicator to hit the target
    need = (target * len(codes) - sum((fixed[c] for c in codes if c in fixed), Decimal(0))) / len(
        free
    )
    for _attempt in range(200):
        out = {c: fixed[c] for c in codes if c in fixed}
        for c in free[:-1]:
            out[c] = _dec(_clip(rng.gauss(float(need), 3.0), 40, 100))
        # the last free item closes the gap: n·target − Σ(others)
        last = target * len(codes) - sum(out.values(), Decimal(0))
        if Decimal(0) <= last <= Decimal(100):
            out[free[-1]] = last.quantize(CENT)
            got = scoring.round2(scoring.compute_indicator_from_items(fw, indicator, out))
            if got == target:
                return out
    raise ValueError(f"indicator {indicator}: cannot fit items to {target}")


def truth_document(record: AssessmentRecord, meta: dict[str, Any]) -> dict[str, Any]:
    """The golden JSON: `AssessmentRecord.truth()` plus everything else under one key "meta"."""
    out = record.truth()
    out["meta"] = meta
    return out
