"""Lax contracts: what an extractor may hand over. Columns present, types coercible, anything
may be missing. `schemas.clean` tightens each model by inheritance."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series


class _Lax(pa.DataFrameModel):
    class Config:
        coerce = True
        strict = False


class AgencyExtracted(_Lax):
    agency_id: Series[str] = pa.Field(nullable=True)
    name: Series[str] = pa.Field(nullable=True)
    name_key: Series[str] = pa.Field(nullable=True)
    agency_type: Series[str] = pa.Field(nullable=True)
    district: Series[str] = pa.Field(nullable=True)
    province: Series[str] = pa.Field(nullable=True)


class AssessmentExtracted(_Lax):
    assessment_id: Series[str] = pa.Field(nullable=True)
    agency_id: Series[str] = pa.Field(nullable=True)
    fiscal_year: Series[object] = pa.Field(nullable=True)
    score: Series[object] = pa.Field(nullable=True)  # Decimal as printed
    grade: Series[object] = pa.Field(nullable=True)
    iit_score: Series[object] = pa.Field(nullable=True)
    eit_score: Series[object] = pa.Field(nullable=True)
    oit_score: Series[object] = pa.Field(nullable=True)
    document_id: Series[str] = pa.Field(nullable=True)


class IndicatorScoreExtracted(_Lax):
    assessment_id: Series[str] = pa.Field(nullable=True)
    fiscal_year: Series[object] = pa.Field(nullable=True)  # context column, not stored
    indicator: Series[object] = pa.Field(nullable=True)
    score: Series[object] = pa.Field(nullable=True)


class ItemScoreExtracted(_Lax):
    assessment_id: Series[str] = pa.Field(nullable=True)
    fiscal_year: Series[object] = pa.Field(nullable=True)  # context column, not stored
    item_code: Series[str] = pa.Field(nullable=True)
    score: Series[object] = pa.Field(nullable=True)


class DocumentExtracted(_Lax):
    document_id: Series[str] = pa.Field(nullable=True)
    source_uri: Series[str] = pa.Field(nullable=True)
    file_name: Series[str] = pa.Field(nullable=True)
    byte_size: Series[object] = pa.Field(nullable=True)
    page_count: Series[object] = pa.Field(nullable=True)
    producer: Series[str] = pa.Field(nullable=True)
    status: Series[str] = pa.Field(nullable=True)
    reason: Series[str] = pa.Field(nullable=True)


class QuarantineExtracted(_Lax):
    document_id: Series[str] = pa.Field(nullable=True)
    finding_no: Series[object] = pa.Field(nullable=True)
    check_code: Series[str] = pa.Field(nullable=True)
    severity: Series[str] = pa.Field(nullable=True)
    field: Series[str] = pa.Field(nullable=True)
    detail_en: Series[str] = pa.Field(nullable=True)
    detail_th: Series[str] = pa.Field(nullable=True)
