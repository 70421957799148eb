"""The catalog facts the contracts need, tolerant of an unknown year (that is reported once,
by the `known_year` check, not by every year-dependent check)."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from ita.frameworks import CatalogError, Framework, known_years, load_framework

CENT = Decimal("0.01")


@lru_cache(maxsize=1)
def catalog_years() -> frozenset[int]:
    return frozenset(known_years())


def is_known_year(fy: object) -> bool:
    return isinstance(fy, int) and fy in catalog_years()


def framework_or_none(fy: object) -> Framework | None:
    if not isinstance(fy, int) or not is_known_year(fy):
        return None
    try:
        return load_framework(fy)
    except CatalogError:
        return None


def is_score(value: object) -> bool:
    """A finite Decimal on 0–100."""
    return isinstance(value, Decimal) and value.is_finite() and Decimal(0) <= value <= 100


def has_two_decimals(value: object) -> bool:
    """At most two decimals by value (87.13, 87.1, 87 — not 87.134)."""
    return isinstance(value, Decimal) and value.is_finite() and value == value.quantize(CENT)


def grade_fits(fw: Framework, score: Decimal, grade: str, tools: dict[str, Decimal]) -> bool:
    """Whether a printed grade/label is the one the year's bands give for this score (using the
    tool scores when the label depends on them and they are all printed)."""
    if not is_score(score):
        return True  # the score's own check reports it
    if all(code in tools for code in fw.tools):
        expected = fw.grade_for(score, tools)
        band = fw.band_of(expected)
        return grade in (band.labels if band else (expected,))
    return grade in fw.possible_grades(score)


def expected_grade(fw: Framework, score: Decimal, tools: dict[str, Decimal]) -> str:
    """The band label for a score, for messages ("A" or "ผ่าน/ผ่านดี" when tools are missing)."""
    if all(code in tools for code in fw.tools):
        return fw.grade_for(score, tools)
    return "/".join(dict.fromkeys(fw.possible_grades(score)))
