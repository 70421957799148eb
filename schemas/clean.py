"""Strict contracts: what the warehouse accepts. Each model extends its lax model in
`schemas.extracted`; `Config.strict` refuses unknown columns. Domain checks are named so
`schemas.explain` can say what failed in English and Thai.

Scores are `Decimal` as printed: 0–100, at most two decimals. Year-specific checks (item codes,
grade bands) read the catalog of the row's fiscal year; an unknown year is reported once by
`known_year` and the year-specific checks pass silently for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ita.frameworks.codes import ITEM_CODE
from schemas.catalog import framework_or_none, grade_fits, has_two_decimals, is_known_year, is_score
from schemas.extracted import (
    AgencyExtracted,
    AssessmentExtracted,
    DocumentExtracted,
    IndicatorScoreExtracted,
    ItemScoreExtracted,
    QuarantineExtracted,
)

SHORT_ID = r"^[0-9a-f]{16}$"
SHA256 = r"^[0-9a-f]{64}$"
DOCUMENT_STATUSES = ("loaded", "duplicate", "quarantined", "superseded")
SEVERITIES = ("error", "warning")
INDICATORS = frozenset(range(1, 11))


def _each(series: pd.Series, test: Any) -> pd.Series:
    return series.map(lambda v: bool(test(v)))


class ScoreChecks(pa.DataFrameModel):
    """`score_range` and `two_decimals` for every Decimal column named ``*score`` (nulls pass;
    the column's nullability decides whether a missing score is an error)."""

    @pa.check(r".*score$", regex=True, name="score_range")
    def score_range(cls, series: pd.Series) -> pd.Series:
        return _each(series, is_score)

    @pa.check(r".*score$", regex=True, name="two_decimals")
    def two_decimals(cls, series: pd.Series) -> pd.Series:
        return _each(series, has_two_decimals)


class AgencyClean(AgencyExtracted):
    agency_id: Series[str] = pa.Field(str_matches=SHORT_ID, unique=True)
    name: Series[str] = pa.Field(str_length={"min_value": 1})
    name_key: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True


class AssessmentClean(AssessmentExtracted, ScoreChecks):
    assessment_id: Series[str] = pa.Field(str_matches=SHORT_ID, unique=True)
    agency_id: Series[str] = pa.Field(str_matches=SHORT_ID)
    fiscal_year: Series[int]
    score: Series[object] = pa.Field(nullable=False)
    grade: Series[str] = pa.Field(str_length={"min_value": 1})
    document_id: Series[str] = pa.Field(str_matches=SHA256)

    @pa.check("fiscal_year", name="known_year")
    def known_year(cls, series: pd.Series) -> pd.Series:
        return _each(series, is_known_year)

    @pa.dataframe_check(name="grade_band")
    def grade_band(cls, frame: pd.DataFrame) -> pd.Series:
        return frame.apply(_grade_row_fits, axis=1).astype(bool)

    class Config:
        strict = True
        unique = ("agency_id", "fiscal_year")


class IndicatorScoreClean(IndicatorScoreExtracted, ScoreChecks):
    assessment_id: Series[str] = pa.Field(str_matches=SHORT_ID)
    fiscal_year: Series[int]
    indicator: Series[int] = pa.Field(isin=sorted(INDICATORS))
    score: Series[object] = pa.Field(nullable=False)

    @pa.dataframe_check(name="all_indicators")
    def all_indicators(cls, frame: pd.DataFrame) -> pd.Series | bool:
        """Per row: its assessment has all ten indicators (so a frame holding several
        documents' rows, as `schemas.validate.validate_records` builds, blames the right
        document); an empty frame fails as a whole."""
        if frame.empty:
            return False
        return (
            frame.groupby("assessment_id", dropna=False)["indicator"]
            .transform(lambda numbers: not absent_indicators(numbers))
            .astype(bool)
        )

    class Config:
        strict = True
        unique = ("assessment_id", "indicator")


class ItemScoreClean(ItemScoreExtracted, ScoreChecks):
    assessment_id: Series[str] = pa.Field(str_matches=SHORT_ID)
    fiscal_year: Series[int]
    item_code: Series[str] = pa.Field(str_matches=ITEM_CODE.pattern)
    score: Series[object] = pa.Field(nullable=False)

    @pa.dataframe_check(name="item_in_catalog")
    def item_in_catalog(cls, frame: pd.DataFrame) -> pd.Series:
        return frame.apply(_item_row_known, axis=1).astype(bool)

    class Config:
        strict = True
        unique = ("assessment_id", "item_code")


class DocumentClean(DocumentExtracted):
    document_id: Series[str] = pa.Field(str_matches=SHA256, unique=True)
    file_name: Series[str] = pa.Field(str_length={"min_value": 1})
    byte_size: Series[int] = pa.Field(ge=0)
    page_count: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    status: Series[str] = pa.Field(isin=DOCUMENT_STATUSES)

    class Config:
        strict = True


class QuarantineClean(QuarantineExtracted):
    document_id: Series[str] = pa.Field(str_matches=SHA256)
    finding_no: Series[int] = pa.Field(ge=1)
    check_code: Series[str] = pa.Field(str_length={"min_value": 1})
    severity: Series[str] = pa.Field(isin=SEVERITIES)
    detail_en: Series[str] = pa.Field(str_length={"min_value": 1})
    detail_th: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True
        unique = ("document_id", "finding_no")


# Lax → strict model of each table of one record.
RECORD_MODELS: dict[str, tuple[type[pa.DataFrameModel], type[pa.DataFrameModel]]] = {
    "agencies": (AgencyExtracted, AgencyClean),
    "assessments": (AssessmentExtracted, AssessmentClean),
    "indicator_scores": (IndicatorScoreExtracted, IndicatorScoreClean),
    "item_scores": (ItemScoreExtracted, ItemScoreClean),
}


def missing_indicators(frame: pd.DataFrame) -> list[int]:
    """Indicator numbers 1–10 absent from an indicator_scores frame."""
    return absent_indicators(frame["indicator"])


def absent_indicators(numbers: Iterable[object]) -> list[int]:
    """Indicator numbers 1–10 not among `numbers` (non-numbers ignored)."""
    present = {int(v) for v in numbers if isinstance(v, int | float) and v == v}
    return sorted(INDICATORS - present)


def tool_scores_of(row: pd.Series) -> dict[str, Decimal]:
    tools = {"IIT": row.get("iit_score"), "EIT": row.get("eit_score"), "OIT": row.get("oit_score")}
    return {k: v for k, v in tools.items() if is_score(v)}


def _grade_row_fits(row: pd.Series) -> bool:
    fw = framework_or_none(row["fiscal_year"])
    grade, score = row["grade"], row["score"]
    if fw is None or not isinstance(grade, str) or not is_score(score):
        return True  # reported by known_year / not_nullable / score_range
    return grade_fits(fw, score, grade.strip(), tool_scores_of(row))


def _item_row_known(row: pd.Series) -> bool:
    code = row["item_code"]
    if not isinstance(code, str) or not ITEM_CODE.match(code):
        return True  # reported by str_matches
    fw = framework_or_none(row["fiscal_year"])
    return fw is None or code in fw.items
