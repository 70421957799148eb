"""Turn pandera failure cases into `Finding`s an officer can act on, in English and Thai.

Each failure case row names a table, a column, a check and (for row-level failures) the row; the
frame it came from tells which indicator or item that row is, so the finding's `field` is
"indicator.7" or "item.E10" like the record's provenance keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from ita.findings import Finding
from schemas.catalog import catalog_years, expected_grade, framework_or_none, is_score
from schemas.clean import missing_indicators, tool_scores_of


@dataclass(frozen=True, slots=True)
class Subject:
    field: str | None
    en: str
    th: str


_COLUMN_SUBJECTS: dict[str, tuple[str, str, str]] = {
    # column: (field, English, Thai)
    "score": ("score", "the overall score", "คะแนนรวม"),
    "grade": ("grade", "the grade", "ระดับผลการประเมิน"),
    "iit_score": ("tool.IIT", "the IIT score", "คะแนนแบบวัด IIT"),
    "eit_score": ("tool.EIT", "the EIT score", "คะแนนแบบวัด EIT"),
    "oit_score": ("tool.OIT", "the OIT score", "คะแนนแบบวัด OIT"),
    "fiscal_year": ("fiscal_year", "the fiscal year", "ปีงบประมาณ"),
    "name": ("agency.name", "the agency name", "ชื่อหน่วยงาน"),
    "name_key": ("agency.name", "the agency name", "ชื่อหน่วยงาน"),
    "agency_type": ("agency.agency_type", "the agency type", "ประเภทหน่วยงาน"),
    "district": ("agency.district", "the district", "อำเภอ"),
    "province": ("agency.province", "the province", "จังหวัด"),
    "document_id": ("document", "the document id", "รหัสเอกสาร"),
    "indicator": ("indicators", "the indicators", "ตัวชี้วัด"),
    "item_code": ("items", "the item codes", "รหัสข้อ"),
}
# Data-frame-level checks and the column they are about.
_CHECK_COLUMN = {
    "grade_band": "grade",
    "all_indicators": "indicator",
    "item_in_catalog": "item_code",
}
_SET_CHECKS = frozenset({"all_indicators"})


def subject_of(table: str, column: str, row: pd.Series | None) -> Subject:
    """What a failing cell is, in words: "the score of indicator 7" / "คะแนนตัวชี้วัดที่ 7"."""
    if table == "indicator_scores" and row is not None:
        n = row.get("indicator")
        if column == "score":
            return Subject(f"indicator.{n}", f"the score of indicator {n}", f"คะแนนตัวชี้วัดที่ {n}")
        return Subject(f"indicator.{n}", f"indicator {n}", f"ตัวชี้วัดที่ {n}")
    if table == "item_scores" and row is not None:
        code = row.get("item_code")
        if column == "score":
            return Subject(f"item.{code}", f"the score of item {code}", f"คะแนนข้อ {code}")
        return Subject(f"item.{code}", f"item {code}", f"ข้อ {code}")
    field, en, th = _COLUMN_SUBJECTS.get(column, (column, f"{table}.{column}", f"{table}.{column}"))
    return Subject(field, en, th)


def _show(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


# Each explainer: (table, column, value, row, frame) -> (check code, English, Thai).
Explainer = Callable[[Subject, Any, pd.Series | None, pd.DataFrame], tuple[str, str, str]]


def _score_range(
    s: Subject, v: Any, row: pd.Series | None, f: pd.DataFrame
) -> tuple[str, str, str]:
    return (
        "score_out_of_range",
        f"{s.en} is {_show(v)}, outside 0–100",
        f"{s.th} เป็น {_show(v)} ซึ่งอยู่นอกช่วง 0–100",
    )


def _two_decimals(
    s: Subject, v: Any, row: pd.Series | None, f: pd.DataFrame
) -> tuple[str, str, str]:
    if not isinstance(v, Decimal) or not v.is_finite():
        return (
            "not_a_number",
            f"{s.en} is not a number: {_show(v)!r}",
            f"{s.th} ไม่ใช่ตัวเลข: {_show(v)!r}",
        )
    return (
        "too_many_decimals",
        f"{s.en} is {_show(v)}, more than two decimals (scores are printed as 0.00–100.00)",
        f"{s.th} เป็น {_show(v)} มีทศนิยมเกินสองตำแหน่ง (คะแนนพิมพ์เป็น 0.00–100.00)",
    )


def _missing(s: Subject, v: Any, row: pd.Series | None, f: pd.DataFrame) -> tuple[str, str, str]:
    return ("missing_value", f"{s.en} is missing", f"ไม่พบ{s.th}")


def _known_year(s: Subject, v: Any, row: pd.Series | None, f: pd.DataFrame) -> tuple[str, str, str]:
    years = sorted(catalog_years())
    span = f"{years[0]}–{years[-1]}" if years else "none"
    return (
        "unknown_year",
        f"fiscal year {_show(v)} has no assessment catalog (known years: {span})",
        f"ปีงบประมาณ {_show(v)} ไม่มีเกณฑ์การประเมินในระบบ (ปีที่มี: {span})",
    )


def _grade_band(s: Subject, v: Any, row: pd.Series | None, f: pd.DataFrame) -> tuple[str, str, str]:
    if row is None:
        return _fallback("grade_band")(s, v, row, f)
    fy, score, grade = row["fiscal_year"], row["score"], row["grade"]
    fw = framework_or_none(fy)
    expected = expected_grade(fw, score, tool_scores_of(row)) if fw and is_score(score) else "?"
    return (
        "grade_mismatch",
        f"grade {grade!r} does not fit score {_show(score)}: the FY{fy} bands give {expected}",
        f"ระดับผลการประเมิน {grade!r} ไม่ตรงกับคะแนน {_show(score)} ตามเกณฑ์ปี {fy} ควรเป็น {expected}",
    )


def _all_indicators(
    s: Subject, v: Any, row: pd.Series | None, f: pd.DataFrame
) -> tuple[str, str, str]:
    missing = ", ".join(str(n) for n in missing_indicators(f))
    return (
        "missing_indicators",
        f"indicator scores missing: {missing} (all 10 indicators are needed)",
        f"ไม่พบคะแนนตัวชี้วัดที่ {missing} (ต้องมีครบทั้ง 10 ตัวชี้วัด)",
    )


def _unknown_item(
    s: Subject, v: Any, row: pd.Series | None, f: pd.DataFrame
) -> tuple[str, str, str]:
    code = row.get("item_code") if row is not None else v
    fy = row.get("fiscal_year") if row is not None else "?"
    return (
        "unknown_item",
        f"item {code} is not an item of the FY{fy} assessment",
        f"ไม่มีข้อ {code} ในเกณฑ์การประเมินปี {fy}",
    )


def _unknown_indicator(
    s: Subject, v: Any, row: pd.Series | None, f: pd.DataFrame
) -> tuple[str, str, str]:
    return (
        "unknown_indicator",
        f"indicator number {_show(v)} is not one of 1–10",
        f"ตัวชี้วัดที่ {_show(v)} ไม่อยู่ในช่วง 1–10",
    )


def _malformed(s: Subject, v: Any, row: pd.Series | None, f: pd.DataFrame) -> tuple[str, str, str]:
    return (
        "malformed_value",
        f"{s.en} is malformed: {_show(v)!r}",
        f"{s.th} มีรูปแบบไม่ถูกต้อง: {_show(v)!r}",
    )


def _duplicate(s: Subject, v: Any, row: pd.Series | None, f: pd.DataFrame) -> tuple[str, str, str]:
    return ("duplicate_value", f"{s.en} appears more than once", f"{s.th} ปรากฏซ้ำมากกว่าหนึ่งครั้ง")


def _wrong_type(s: Subject, v: Any, row: pd.Series | None, f: pd.DataFrame) -> tuple[str, str, str]:
    return (
        "wrong_type",
        f"{s.en} has the wrong type: {_show(v)!r}",
        f"{s.th} มีชนิดข้อมูลไม่ถูกต้อง: {_show(v)!r}",
    )


def _empty(s: Subject, v: Any, row: pd.Series | None, f: pd.DataFrame) -> tuple[str, str, str]:
    return ("missing_value", f"{s.en} is empty", f"ไม่พบ{s.th} (ว่างเปล่า)")


def _fallback(check: str) -> Explainer:
    def explain(s: Subject, v: Any, row: pd.Series | None, f: pd.DataFrame) -> tuple[str, str, str]:
        return (
            "schema",
            f"{s.en} fails the check {check} ({_show(v)})",
            f"{s.th} ไม่ผ่านการตรวจ {check} ({_show(v)})",
        )

    return explain


_BY_CHECK: dict[str, Explainer] = {
    "score_range": _score_range,
    "two_decimals": _two_decimals,
    "not_nullable": _missing,
    "known_year": _known_year,
    "grade_band": _grade_band,
    "all_indicators": _all_indicators,
    "item_in_catalog": _unknown_item,
    "field_uniqueness": _duplicate,
    "multiple_fields_uniqueness": _duplicate,
}
_BY_PREFIX: tuple[tuple[str, Explainer], ...] = (
    ("isin", _unknown_indicator),
    ("str_matches", _malformed),
    ("str_length", _empty),
    ("dtype", _wrong_type),
    ("coerce_dtype", _wrong_type),
    ("column_in", _fallback("columns")),
)


def explainer_for(check: str, table: str) -> Explainer:
    if check in _BY_CHECK:
        return _BY_CHECK[check]
    for prefix, explainer in _BY_PREFIX:
        if check.startswith(prefix):
            if prefix == "isin" and table != "indicator_scores":
                return _malformed
            return explainer
    return _fallback(check)


def findings_from_failures(
    table: str, frame: pd.DataFrame, failures: pd.DataFrame
) -> list[Finding]:
    """One `Finding` per failure case (deduplicated), in frame order."""
    findings: list[Finding] = []
    seen: set[tuple[str, str | None, str]] = set()
    for case in failures.to_dict("records"):
        check = str(case.get("check"))
        column = str(case.get("column"))
        index = case.get("index")
        row = frame.loc[index] if _is_label(index) and index in frame.index else None
        column = _CHECK_COLUMN.get(check, column)
        # a check on the whole set (all ten indicators) is about the set, not the failing row
        subject = subject_of(table, column, None if check in _SET_CHECKS else row)
        code, en, th = explainer_for(check, table)(subject, case.get("failure_case"), row, frame)
        key = (code, subject.field, en)
        if key in seen:
            continue
        seen.add(key)
        findings.append(Finding(code, en, th, "error", subject.field))
    return findings


def _is_label(index: Any) -> bool:
    if index is None:
        return False
    try:
        return not bool(pd.isna(index))
    except (TypeError, ValueError):
        return True
