"""`validate_records` validates many records in one pandera call per table and must give each
record exactly the findings `validate_record` gives it alone — whatever else is in the batch."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ita.samples
from ita.record import AssessmentRecord
from schemas.clean import RECORD_MODELS
from schemas.validate import validate_record, validate_records

CORPUS = Path(ita.samples.__file__).resolve().parent / "corpus"


def golden(limit: int = 8) -> list[AssessmentRecord]:
    """Clean records of different agencies, from the bundled corpus's golden JSON."""
    seen: dict[str, AssessmentRecord] = {}
    for path in sorted(CORPUS.glob("*.json")):
        try:
            record = AssessmentRecord.read_truth(path)
        except (KeyError, TypeError, ValueError):
            continue
        if record.kind == "itas_result":
            seen.setdefault(record.agency.name, record)
    return list(seen.values())[:limit]


def damaged(record: AssessmentRecord, how: str) -> AssessmentRecord:
    """A copy of `record` with one kind of damage the contracts must catch."""
    r = copy.deepcopy(record)
    if how == "missing_indicators":
        del r.indicators[7], r.indicators[9]
    elif how == "no_indicators":
        r.indicators.clear()
    elif how == "no_items":
        r.items.clear()
    elif how == "unknown_item":
        r.items["I99"] = Decimal("50.00")
    elif how == "score_out_of_range":
        r.indicators[3] = Decimal("104.00")
    elif how == "three_decimals":
        r.items[next(iter(r.items))] = Decimal("81.125")
    elif how == "wrong_grade":
        r.grade = "F" if r.grade != "F" else "AA"
    elif how == "unknown_year":
        r.fiscal_year = 2540
    elif how == "next_year":  # same agency, another year: agency rows repeat in the batch
        r.fiscal_year += 1
    return r


DAMAGE = (
    "missing_indicators",
    "no_indicators",
    "no_items",
    "unknown_item",
    "score_out_of_range",
    "three_decimals",
    "wrong_grade",
    "unknown_year",
    "next_year",
)


@pytest.fixture(scope="module")
def pool() -> list[AssessmentRecord]:
    clean = golden()
    assert len(clean) >= 4, "the bundled corpus should give several clean records"
    return clean + [damaged(clean[i % len(clean)], how) for i, how in enumerate(DAMAGE)]


def alone(records: list[AssessmentRecord]) -> list[list[object]]:
    return [validate_record(r, f"{i:064x}")[1] for i, r in enumerate(records)]


def together(records: list[AssessmentRecord]) -> list[list[object]]:
    return validate_records([(r, f"{i:064x}") for i, r in enumerate(records)])


def test_a_batch_of_clean_and_damaged_records_gets_each_its_own_findings(pool) -> None:
    assert together(pool) == alone(pool)
    damage_found = [bool(f) for f in together(pool)[-len(DAMAGE) :]]
    assert damage_found == [how not in ("no_items", "next_year") for how in DAMAGE]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_any_mix_and_order_gives_the_findings_of_each_record_alone(pool, data) -> None:
    picks = data.draw(st.lists(st.sampled_from(range(len(pool))), max_size=12))
    records = [pool[i] for i in picks]
    assert together(records) == alone(records)


def test_indicators_split_between_two_documents_of_one_assessment_are_both_incomplete(
    pool,
) -> None:
    """Together the two documents have all ten indicators; each alone misses some."""
    first, second = copy.deepcopy(pool[0]), copy.deepcopy(pool[0])
    first.indicators = {n: v for n, v in first.indicators.items() if n != 10}
    second.indicators = {10: second.indicators[10]}
    findings = together([first, second])
    assert findings == alone([first, second])
    assert all(any(f.check == "missing_indicators" for f in fs) for fs in findings)


def test_a_clean_batch_calls_each_table_model_once(pool, monkeypatch) -> None:
    calls: list[str] = []
    for table, (_, strict) in RECORD_MODELS.items():
        original = strict.validate

        def counting(*args, _table=table, _original=original, **kwargs):
            calls.append(_table)
            return _original(*args, **kwargs)

        monkeypatch.setattr(strict, "validate", counting)
    clean = golden()
    assert together(clean) == [[] for _ in clean]
    assert sorted(calls) == sorted(RECORD_MODELS)


def test_a_damaged_record_in_a_batch_is_validated_again_alone(pool, monkeypatch) -> None:
    clean = golden()
    bad = damaged(clean[0], "score_out_of_range")
    calls: list[int] = []
    original = RECORD_MODELS["indicator_scores"][1].validate

    def counting(frame, *args, **kwargs):
        calls.append(len(frame))
        return original(frame, *args, **kwargs)

    monkeypatch.setattr(RECORD_MODELS["indicator_scores"][1], "validate", counting)
    findings = together([*clean[1:], bad])
    assert "score_out_of_range" in [f.check for f in findings[-1] if f.severity == "error"]
    assert calls == [10 * len(clean), 10]  # the batch, then the damaged record alone
