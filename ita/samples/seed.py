"""The seed agency's real FY2565 result (อบต.ตะคร้ำเอน, /work/shared/seed): published indicator
and item scores; the items the seed does not print are chosen so that every IIT/EIT indicator
is exactly the mean of its items."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import TYPE_CHECKING

from ita import scoring
from ita.record import AssessmentRecord
from ita.samples.agencies import SEED_AGENCY
from ita.samples.truth import fit_items, items_of, record_from_indicators

if TYPE_CHECKING:
    from ita.frameworks import Framework

SEED_YEAR = 2565
SEED_SCORE = Decimal("87.13")
SEED_GRADE = "A"
SEED_INDICATORS = {
    n: Decimal(s)
    for n, s in enumerate(
        ("92.69", "87.13", "92.98", "84.11", "89.48", "81.13", "77.02", "78.62", "83.33", "100.00"),
        start=1,
    )
}
SEED_ITEMS = {
    code: Decimal(s)
    for code, s in {
        "I20": "73.91",
        "I23": "76.88",
        "E1": "78.72",
        "E2": "82.81",
        "E3": "72.41",
        "E4": "77.04",
        "E7": "78.30",
        "E8": "78.73",
        "E10": "66.67",
        "E11": "76.68",
        "E12": "77.51",
        "E14": "75.83",
        "E15": "77.89",
    }.items()
}
SEED_OIT_FAILED = ("O10", "O11", "O20", "O24", "O28")


def build_seed_record(fw: Framework, rng: random.Random) -> tuple[AssessmentRecord, list[str]]:
    """The seed's FY2565 ITAS result and the notes a reader of its golden JSON needs."""
    if fw.fiscal_year != SEED_YEAR:
        raise ValueError(f"the seed is a FY{SEED_YEAR} result, not FY{fw.fiscal_year}")
    items: dict[str, Decimal] = {}
    for n in (*fw.tools["IIT"].indicators, *fw.tools["EIT"].indicators):
        fixed = {
            c: SEED_ITEMS[c] for c in items_of(fw, fw.indicators[n].tool, n) if c in SEED_ITEMS
        }
        items.update(fit_items(fw, n, SEED_INDICATORS[n], fixed, rng))
    for code in items_of(fw, "OIT"):
        items[code] = Decimal(0) if code in SEED_OIT_FAILED else Decimal(100)
    rec = record_from_indicators(fw, SEED_AGENCY, SEED_INDICATORS, items)
    if rec.score != SEED_SCORE or rec.grade != SEED_GRADE:
        raise AssertionError(f"seed recomputes to {rec.score} {rec.grade}, not 87.13 A")
    computed9 = scoring.round2(scoring.compute_indicator_from_items(fw, 9, items))
    computed10 = scoring.round2(scoring.compute_indicator_from_items(fw, 10, items))
    notes = [
        "Seed agency FY2565 with the published numbers of the seed analysis report "
        "(overall 87.13, grade A, indicators 1-10 as printed there).",
        f"Indicator 9 is printed as published (83.33) although the listed OIT failures "
        f"({', '.join(SEED_OIT_FAILED)}) under the 9/8/7/4/5 sub-indicator grouping give "
        f"{computed9}; no set of failures gives 83.33 (ita-framework.md §3.3). "
        "A checker should warn, not refuse.",
        f"Indicator 10 recomputes from the O-items to {computed10}.",
        "IIT/EIT items not printed by the seed were chosen so that each indicator is exactly "
        "the mean of its items after rounding (e.g. E5 = "
        f"{items.get('E5')}, E13 = {items.get('E13')}).",
    ]
    return rec, notes
