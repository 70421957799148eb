"""pandera contracts: lax → strict by inheritance, domain checks, bilingual findings."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ita.samples
from ita.frameworks import known_years
from ita.record import AssessmentRecord
from schemas import (
    AgencyClean,
    AgencyExtracted,
    AssessmentClean,
    AssessmentExtracted,
    DocumentClean,
    DocumentExtracted,
    IndicatorScoreClean,
    IndicatorScoreExtracted,
    ItemScoreClean,
    ItemScoreExtracted,
    QuarantineClean,
    QuarantineExtracted,
    build_frames,
    has_errors,
    validate_record,
)
from schemas.catalog import has_two_decimals, is_score

CORPUS = Path(ita.samples.__file__).resolve().parent / "corpus"
THAI = re.compile("[\u0e00-\u0e7f]")


def seed() -> AssessmentRecord:
    return AssessmentRecord.read_truth(CORPUS / "2565-takhram-en-fpdf2.json")


def errors_of(record: AssessmentRecord) -> dict[tuple[str, str | None], str]:
    _, findings = validate_record(record)
    return {(f.check, f.field): f.detail_en for f in findings if f.severity == "error"}


@pytest.mark.parametrize(
    ("lax", "strict"),
    [
        (AgencyExtracted, AgencyClean),
        (AssessmentExtracted, AssessmentClean),
        (IndicatorScoreExtracted, IndicatorScoreClean),
        (ItemScoreExtracted, ItemScoreClean),
        (DocumentExtracted, DocumentClean),
        (QuarantineExtracted, QuarantineClean),
    ],
)
def test_clean_models_extend_the_extracted_ones(
    lax: type[pa.DataFrameModel], strict: type[pa.DataFrameModel]
) -> None:
    assert issubclass(strict, lax)
    assert set(lax.to_schema().columns) <= set(strict.to_schema().columns)


def test_seed_record_is_clean() -> None:
    frames, findings = validate_record(seed())
    assert not has_errors(findings), findings
    assert frames.assessments.at[0, "score"] == Decimal("87.13")
    assert sorted(frames.indicator_scores["indicator"]) == list(range(1, 11))


def test_lax_model_accepts_what_the_strict_one_refuses() -> None:
    record = seed()
    record.score = None
    record.grade = None
    frame = build_frames(record).assessments
    AssessmentExtracted.validate(frame)
    with pytest.raises(pa.errors.SchemaErrors):
        AssessmentClean.validate(frame, lazy=True)


def test_score_above_100_is_refused() -> None:
    record = seed()
    record.items["E1"] = Decimal("178.72")
    assert "178.72" in errors_of(record)[("score_out_of_range", "item.E1")]


def test_three_decimals_are_refused() -> None:
    record = seed()
    record.indicators[7] = Decimal("77.025")
    assert ("too_many_decimals", "indicator.7") in errors_of(record)


def test_missing_indicator_is_named() -> None:
    record = seed()
    del record.indicators[7]
    del record.indicators[9]
    message = errors_of(record)[("missing_indicators", "indicators")]
    assert "7, 9" in message


def test_item_code_unknown_for_the_year_is_refused() -> None:
    record = seed()
    record.items["I31"] = Decimal("50.00")  # FY2565 has I1–I30
    assert "FY2565" in errors_of(record)[("unknown_item", "item.I31")]


def test_malformed_item_code_is_reported_once() -> None:
    record = seed()
    record.items["Q5"] = Decimal("50.00")
    found = [k for k in errors_of(record) if k[1] == "item.Q5"]
    assert found == [("malformed_value", "item.Q5")]


def test_unknown_fiscal_year_is_reported_once() -> None:
    record = seed()
    record.fiscal_year = max(known_years()) + 20
    errors = errors_of(record)
    assert ("unknown_year", "fiscal_year") in errors
    assert not [k for k in errors if k[0] == "unknown_item"]  # not one finding per item


def test_grade_outside_its_band_is_refused_with_the_expected_grade() -> None:
    record = seed()
    record.grade = "B"
    message = errors_of(record)[("grade_mismatch", "grade")]
    assert "'B'" in message and "87.13" in message and "A" in message


def test_letter_grade_in_a_rating_score_year_is_refused() -> None:
    record = seed()
    record.fiscal_year = 2566  # labels are ผ่าน / ผ่านดี / … from FY2566
    errors = errors_of(record)
    assert ("grade_mismatch", "grade") in errors


def test_missing_score_is_refused() -> None:
    record = seed()
    record.score = None
    assert ("missing_value", "score") in errors_of(record)


def test_arithmetic_findings_are_merged_with_numbers() -> None:
    record = seed()
    record.score = Decimal("90.13")  # the indicators give 87.13; grade A still fits 90.13
    errors = errors_of(record)
    message = errors[("overall_mismatch", "score")]
    assert "90.13" in message and "87.13" in message


def test_warnings_do_not_block() -> None:
    # the seed's printed indicator 9 (83.33) disagrees with its O-items (84.29): a warning
    _, findings = validate_record(seed())
    warnings = [f for f in findings if f.severity == "warning"]
    assert any(f.field == "indicator.9" for f in warnings)
    assert not has_errors(findings)


def test_extraction_warnings_are_kept_as_warnings() -> None:
    record = seed()
    record.warnings = ["indicator 7 read from a damaged table"]
    _, findings = validate_record(record)
    kept = [f for f in findings if f.check == "extraction_warning"]
    assert kept and kept[0].severity == "warning" and THAI.search(kept[0].detail_th)


def test_every_finding_speaks_english_and_thai() -> None:
    record = seed()
    record.grade = "B"
    record.items["E1"] = Decimal("101.5")
    record.indicators[3] = Decimal("92.981")
    del record.indicators[10]
    _, findings = validate_record(record)
    assert len(findings) >= 4
    for f in findings:
        assert f.detail_en and not THAI.fullmatch(f.detail_en)
        assert THAI.search(f.detail_th), f


def test_document_and_quarantine_models() -> None:
    doc = pd.DataFrame(
        {
            "document_id": ["a" * 64],
            "source_uri": ["file:///x.pdf"],
            "file_name": ["x.pdf"],
            "byte_size": [10],
            "page_count": pd.array([3], dtype="Int64"),
            "producer": [None],
            "status": ["loaded"],
            "reason": [None],
        }
    )
    DocumentClean.validate(doc)
    with pytest.raises(pa.errors.SchemaErrors):
        DocumentClean.validate(doc.assign(status=["maybe"]), lazy=True)
    row = pd.DataFrame(
        {
            "document_id": ["b" * 64],
            "finding_no": [1],
            "check_code": ["scanned"],
            "severity": ["error"],
            "field": [None],
            "detail_en": ["no text layer"],
            "detail_th": ["ไม่มีข้อความในไฟล์"],
        }
    )
    QuarantineClean.validate(row)
    with pytest.raises(pa.errors.SchemaErrors):
        QuarantineClean.validate(row.assign(severity=["fatal"]), lazy=True)


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
def test_any_printed_score_passes(value: Decimal) -> None:
    assert is_score(value) and has_two_decimals(value)


@given(
    st.decimals(min_value=0, max_value=99, places=3, allow_nan=False).filter(
        lambda d: d != d.quantize(Decimal("0.01"))
    )
)
def test_a_third_decimal_never_passes(value: Decimal) -> None:
    assert not has_two_decimals(value)
