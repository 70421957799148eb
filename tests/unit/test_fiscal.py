"""Thai fiscal years, quarters, months, digits and Bangkok dates — examples and properties."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita.fiscal import (
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    arabic_to_thai,
    be_to_ce,
    ce_to_be,
    fiscal_quarter_of,
    fiscal_year_bounds,
    fiscal_year_of,
    format_fiscal_period,
    format_thai_date,
    format_thai_month,
    is_leap_be,
    now_bangkok,
    parse_be_year,
    parse_thai_date,
    parse_thai_month,
    parse_thai_month_year,
    parse_thai_period,
    quarter_bounds,
    quarter_of,
    thai_to_arabic,
    to_be_year,
    today_bangkok,
)

BANGKOK = ZoneInfo("Asia/Bangkok")
days = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))
fiscal_years = st.integers(min_value=2495, max_value=2690)


# ---- examples --------------------------------------------------------------------------------
def test_fy2566_runs_from_1_october_2022_to_30_september_2023() -> None:
    assert fiscal_year_bounds(2566) == (date(2022, 10, 1), date(2023, 9, 30))
    assert fiscal_year_of(date(2022, 9, 30)) == 2565
    assert fiscal_year_of(date(2022, 10, 1)) == 2566
    assert fiscal_year_of(date(2023, 9, 30)) == 2566


def test_quarters_start_in_october() -> None:
    assert quarter_bounds(2566, 1) == (date(2022, 10, 1), date(2022, 12, 31))
    assert quarter_bounds(2566, 2) == (date(2023, 1, 1), date(2023, 3, 31))
    assert quarter_bounds(2566, 3) == (date(2023, 4, 1), date(2023, 6, 30))
    assert quarter_bounds(2566, 4) == (date(2023, 7, 1), date(2023, 9, 30))
    assert [quarter_of(date(2023, m, 15)) for m in (10, 12, 1, 3, 4, 6, 7, 9)] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]
    with pytest.raises(ValueError, match="quarter must be 1–4"):
        quarter_bounds(2566, 5)


def test_thai_month_names_and_abbreviations() -> None:
    assert len(THAI_MONTHS) == len(THAI_MONTHS_ABBR) == 12
    assert THAI_MONTHS[9] == "ตุลาคม" and THAI_MONTHS_ABBR[9] == "ต.ค."
    for text in ("ตุลาคม", "ต.ค.", "ต.ค", "ตค", " ต. ค. "):
        assert parse_thai_month(text) == 10
    assert parse_thai_month("เม.ย.") == 4 and parse_thai_month("มิ.ย.") == 6
    assert parse_thai_month("ตุลา") is None


def test_format_thai_dates_like_documents() -> None:
    d = date(2022, 10, 1)
    assert format_thai_date(d) == "1 ตุลาคม 2565"
    assert format_thai_date(d, abbreviated=True) == "1 ต.ค. 2565"
    assert format_thai_date(d, thai_digits=True) == "๑ ตุลาคม ๒๕๖๕"
    assert format_thai_month(d, thai_digits=True) == "ต.ค. ๒๕๖๕"
    assert format_fiscal_period(2566) == "ต.ค. ๒๕๖๕ – ก.ย. ๒๕๖๖"


def test_the_seeds_plan_period_parses_to_fiscal_year_2566() -> None:
    # as printed in the seed report (spacing and dash vary)
    for text in ("ต.ค.๒๕๖๕ – ก.ย. ๒๕๖๖", "ต.ค.๒๕๖๕ - ก.ย. ๒๕๖๖", "ต.ค. 65 – ก.ย. 66"):
        assert parse_thai_period(text) == fiscal_year_bounds(2566)
    with pytest.raises(ValueError):
        parse_thai_period("ก.ย. ๒๕๖๖ – ต.ค.๒๕๖๕")


def test_two_digit_be_years() -> None:
    assert parse_thai_month_year("ต.ค. 65") == (2565, 10)
    assert parse_be_year("พ.ศ. ๒๕๖๕") == 2565
    assert parse_be_year("65") == 2565
    assert to_be_year(2022) == 2565
    assert parse_thai_date("1 ต.ค. 65") == date(2022, 10, 1)
    assert parse_thai_date("๑ ตุลาคม พ.ศ. ๒๕๖๕") == date(2022, 10, 1)
    with pytest.raises(ValueError):
        parse_thai_date("1 October 2022")


def test_utc_evening_of_30_september_is_already_fy_next_in_bangkok() -> None:
    moment = datetime(2022, 9, 30, 17, 0, tzinfo=UTC)  # 00:00 on 1 Oct in Bangkok
    assert fiscal_year_of(moment) == 2566
    assert fiscal_year_of(moment - timedelta(seconds=1)) == 2565
    assert fiscal_year_of(moment.replace(tzinfo=None)) == 2565  # naive = Bangkok wall clock


def test_today_bangkok_is_bangkok_date() -> None:
    now = now_bangkok()
    assert now.utcoffset() == timedelta(hours=7)
    assert today_bangkok() in {now.date(), now.date() + timedelta(days=1)}


# ---- properties ------------------------------------------------------------------------------
@given(days)
def test_every_day_lies_inside_its_fiscal_year_and_quarter(day: date) -> None:
    fy = fiscal_year_of(day)
    start, end = fiscal_year_bounds(fy)
    assert start <= day <= end
    q_start, q_end = quarter_bounds(fy, quarter_of(day))
    assert q_start <= day <= q_end
    assert fiscal_quarter_of(day) == (fy, quarter_of(day))


@given(fiscal_years)
def test_fiscal_years_and_quarters_tile_the_calendar(fy: int) -> None:
    start, end = fiscal_year_bounds(fy)
    assert (start.month, start.day, end.month, end.day) == (10, 1, 9, 30)
    assert fiscal_year_bounds(fy + 1)[0] == end + timedelta(days=1)
    quarters = [quarter_bounds(fy, q) for q in (1, 2, 3, 4)]
    assert quarters[0][0] == start and quarters[-1][1] == end
    for (_, a_end), (b_start, _) in pairwise(quarters):
        assert b_start == a_end + timedelta(days=1)
    assert fiscal_year_of(end) == fy and fiscal_year_of(end + timedelta(days=1)) == fy + 1


@given(st.integers(min_value=1950, max_value=2150))
def test_29_february_exists_exactly_in_be_leap_years(year_ce: int) -> None:
    be = ce_to_be(year_ce)
    try:
        feb29 = date(year_ce, 2, 29)
    except ValueError:
        assert not is_leap_be(be)
        return
    assert is_leap_be(be)
    assert fiscal_year_of(feb29) == be and quarter_of(feb29) == 2
    assert parse_thai_date(format_thai_date(feb29, abbreviated=True, thai_digits=True)) == feb29


@given(days, st.booleans(), st.booleans())
def test_thai_dates_round_trip(day: date, abbreviated: bool, thai_digits: bool) -> None:
    assert parse_thai_date(format_thai_date(day, abbreviated, thai_digits)) == day


@given(st.integers(min_value=0, max_value=99))
def test_two_digit_be_year_means_25xx(yy: int) -> None:
    assert to_be_year(yy) == 2500 + yy
    assert parse_thai_month_year(f"ต.ค. {yy:02d}") == (2500 + yy, 10)
    assert parse_be_year(arabic_to_thai(f"{yy:02d}")) == 2500 + yy
    assert be_to_ce(to_be_year(yy)) == 1957 + yy


@given(st.text())
def test_digit_conversion_round_trips(text: str) -> None:
    assert thai_to_arabic(arabic_to_thai(text)) == thai_to_arabic(text)
    assert arabic_to_thai(thai_to_arabic(text)) == arabic_to_thai(text)
    assert len(thai_to_arabic(text)) == len(text)


@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_survive_thai_digits(n: int) -> None:
    thai = arabic_to_thai(str(n))
    assert all(ch in "๐๑๒๓๔๕๖๗๘๙" for ch in thai)
    assert int(thai_to_arabic(thai)) == n


@given(
    st.datetimes(
        min_value=datetime(1950, 1, 1), max_value=datetime(2150, 1, 1), timezones=st.just(UTC)
    )
)
def test_aware_datetimes_use_the_bangkok_day(moment: datetime) -> None:
    bangkok_day = moment.astimezone(BANGKOK).date()
    assert fiscal_year_of(moment) == fiscal_year_of(bangkok_day)
    assert quarter_of(moment) == quarter_of(bangkok_day)
    if moment.hour >= 17:  # 17:00 UTC = midnight in Bangkok
        assert bangkok_day == moment.date() + timedelta(days=1)
