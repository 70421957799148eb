"""The seed report's FY2565 result (อบต.ตะคร้ำเอน) as its own tables print it, for the unit
tests of classification, plans and tracking (not a test module).

Only what the seed prints is here: the ten indicator scores, and the items its analysis lists
(I20, I23, E1–E4, E7, E8, E10, E11, E12, E14, E15 with their scores; O10, O11, O20, O24, O28 at 0).
"""

from __future__ import annotations

from decimal import Decimal

from ita.record import Agency, AssessmentRecord

SEED_INDICATORS = {
    1: "92.69",
    2: "87.13",
    3: "92.98",
    4: "84.11",
    5: "89.48",
    6: "81.13",
    7: "77.02",
    8: "78.62",
    9: "83.33",
    10: "100.00",
}
SEED_ITEMS = {
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
    "O10": "0",
    "O11": "0",
    "O20": "0",
    "O24": "0",
    "O28": "0",
}
SEED_AGENCY = "องค์การบริหารส่วนตำบลตะคร้ำเอน"


def seed_record(
    indicators: dict[int, str] | None = None, items: dict[str, str] | None = None
) -> AssessmentRecord:
    return AssessmentRecord(
        kind="analysis_report",
        fiscal_year=2565,
        agency=Agency(SEED_AGENCY, "องค์การบริหารส่วนตำบล", "ท่ามะกา", "กาญจนบุรี"),
        score=Decimal("87.13"),
        grade="A",
        indicators={n: Decimal(v) for n, v in (indicators or SEED_INDICATORS).items()},
        items={c: Decimal(v) for c, v in (SEED_ITEMS if items is None else items).items()},
    )
