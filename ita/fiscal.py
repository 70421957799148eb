"""Thai fiscal years (B.E.), quarters, Thai months, Thai digits and dates in Asia/Bangkok.

The Thai fiscal year N (B.E.) runs from 1 October of B.E. N−1 to 30 September of B.E. N, so
FY2566 = 2022-10-01 … 2023-09-30. Q1 = Oct–Dec, Q2 = Jan–Mar, Q3 = Apr–Jun, Q4 = Jul–Sep.
Datetimes with a time zone are converted to Asia/Bangkok before their date is taken; naive
datetimes are taken as Bangkok wall-clock time.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ita.settings import get_settings

BE_OFFSET = 543
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

THAI_MONTHS: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
PERIOD_DASH = "–"  # en dash between the two ends of a period

_MONTH_KEYS: dict[str, int] = {
    **{name: i for i, name in enumerate(THAI_MONTHS, 1)},
    **{abbr.replace(".", ""): i for i, abbr in enumerate(THAI_MONTHS_ABBR, 1)},
}
_NOISE = re.compile(r"[\s.]+")


# ---- digits and years -------------------------------------------------------------------------
def thai_to_arabic(text: str) -> str:
    """Replace Thai digits ๐–๙ by 0–9; everything else is kept as is."""
    return text.translate(_TO_ARABIC)


def arabic_to_thai(text: str) -> str:
    """Replace 0–9 by Thai digits ๐–๙; everything else is kept as is."""
    return text.translate(_TO_THAI)


def be_to_ce(year_be: int) -> int:
    return year_be - BE_OFFSET


def ce_to_be(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def to_be_year(year: int) -> int:
    """A year as printed → B.E.: 2-digit B.E. ("65" → 2565), B.E. as is, C.E. (1900–2199) + 543."""
    if 0 <= year < 100:
        return 2500 + year
    if 2400 <= year <= 2799:
        return year
    if 1900 <= year <= 2199:
        return year + BE_OFFSET
    raise ValueError(f"{year} is not a recognisable year")


def parse_be_year(text: str) -> int:
    """ "2565", "๒๕๖๕", "พ.ศ. 2565", "65" → 2565."""
    digits = re.findall(r"\d+", thai_to_arabic(text))
    if len(digits) != 1 or len(digits[0]) not in (2, 4):
        raise ValueError(f"no single 2- or 4-digit year in {text!r}")
    return to_be_year(int(digits[0]))


def is_leap_be(year_be: int) -> bool:
    ce = be_to_ce(year_be)
    return ce % 4 == 0 and (ce % 100 != 0 or ce % 400 == 0)


# ---- months -----------------------------------------------------------------------------------
def parse_thai_month(text: str) -> int | None:
    """Month number 1–12 for a full Thai name or an abbreviation with or without dots/spaces
    ("ตุลาคม", "ต.ค.", "ต.ค", "ตค"); None if not a month."""
    return _MONTH_KEYS.get(_NOISE.sub("", text))


# ---- Bangkok time -------------------------------------------------------------------------
def bangkok_zone() -> ZoneInfo:
    return ZoneInfo(get_settings().timezone)


def now_bangkok() -> datetime:
    return datetime.now(bangkok_zone())


def today_bangkok() -> date:
    return now_bangkok().date()


def bangkok_date(moment: date | datetime) -> date:
    """The Bangkok calendar date of a date or datetime (aware datetimes are converted)."""
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            moment = moment.astimezone(bangkok_zone())
        return moment.date()
    return moment


# ---- fiscal years and quarters ------------------------------------------------------------------
def fiscal_year_of(moment: date | datetime) -> int:
    """B.E. fiscal year of a day: 2022-10-01 → 2566, 2022-09-30 → 2565."""
    day = bangkok_date(moment)
    return ce_to_be(day.year + (1 if day.month >= 10 else 0))


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    """First and last day of B.E. fiscal year ``fy``: 2566 → (2022-10-01, 2023-09-30)."""
    ce = be_to_ce(fy)
    return date(ce - 1, 10, 1), date(ce, 9, 30)


def quarter_of(moment: date | datetime) -> int:
    """Fiscal quarter 1–4 of a day (Q1 = Oct–Dec)."""
    return (bangkok_date(moment).month - 10) % 12 // 3 + 1


def fiscal_quarter_of(moment: date | datetime) -> tuple[int, int]:
    """(B.E. fiscal year, quarter) of a day."""
    return fiscal_year_of(moment), quarter_of(moment)


def quarter_bounds(fy: int, quarter: int) -> tuple[date, date]:
    """First and last day of a fiscal quarter: (2566, 1) → (2022-10-01, 2022-12-31)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1–4, got {quarter}")
    start, _ = fiscal_year_bounds(fy)
    first_month = start.month + 3 * (quarter - 1)  # 10, 13, 16, 19
    first = date(start.year + (first_month - 1) // 12, (first_month - 1) % 12 + 1, 1)
    after = first_month + 3
    next_first = date(start.year + (after - 1) // 12, (after - 1) % 12 + 1, 1)
    return first, next_first - timedelta(days=1)


# ---- formatting and parsing Thai dates -----------------------------------------------------------
def _digits(text: str, thai_digits: bool) -> str:
    return arabic_to_thai(text) if thai_digits else text


def format_thai_date(day: date, abbreviated: bool = False, thai_digits: bool = False) -> str:
    """ "1 ตุลาคม 2565" / "1 ต.ค. 2565" / "๑ ตุลาคม ๒๕๖๕" (B.E. year)."""
    month = (THAI_MONTHS_ABBR if abbreviated else THAI_MONTHS)[day.month - 1]
    return _digits(f"{day.day} {month} {ce_to_be(day.year)}", thai_digits)


def format_thai_month(day: date, abbreviated: bool = True, thai_digits: bool = False) -> str:
    """Month and B.E. year: "ต.ค. 2565" / "ต.ค. ๒๕๖๕" / "ตุลาคม 2565"."""
    month = (THAI_MONTHS_ABBR if abbreviated else THAI_MONTHS)[day.month - 1]
    return _digits(f"{month} {ce_to_be(day.year)}", thai_digits)


def format_thai_period(
    start: date, end: date, abbreviated: bool = True, thai_digits: bool = True
) -> str:
    """A month range as plans print it: "ต.ค. ๒๕๖๕ – ก.ย. ๒๕๖๖"."""
    return (
        f"{format_thai_month(start, abbreviated, thai_digits)} {PERIOD_DASH} "
        f"{format_thai_month(end, abbreviated, thai_digits)}"
    )


def format_fiscal_period(fy: int, thai_digits: bool = True) -> str:
    """The whole fiscal year as a month range: 2566 → "ต.ค. ๒๕๖๕ – ก.ย. ๒๕๖๖"."""
    return format_thai_period(*fiscal_year_bounds(fy), thai_digits=thai_digits)


_MONTH_WORD = r"[\u0E00-\u0E7F][\u0E00-\u0E7F.\s]*?"
_DATE = re.compile(rf"^\s*(\d{{1,2}})\s*({_MONTH_WORD})\s*(?:พ\.\s*ศ\.\s*)?(\d{{2}}|\d{{4}})\s*$")
_MONTH_YEAR = re.compile(rf"^\s*({_MONTH_WORD})\s*(?:พ\.\s*ศ\.\s*)?(\d{{2}}|\d{{4}})\s*$")


def parse_thai_date(text: str) -> date:
    """ "1 ตุลาคม 2565", "๑ ต.ค. ๖๕", "1 ต.ค.พ.ศ.2565" → date(2022, 10, 1). Raises ValueError."""
    match = _DATE.match(thai_to_arabic(text))
    month = parse_thai_month(match.group(2)) if match else None
    if match is None or month is None:
        raise ValueError(f"not a Thai date: {text!r}")
    return date(be_to_ce(to_be_year(int(match.group(3)))), month, int(match.group(1)))


def parse_thai_month_year(text: str) -> tuple[int, int]:
    """ "ต.ค.๒๕๖๕", "ก.ย. 66", "ตุลาคม 2565" → (B.E. year, month). Raises ValueError."""
    match = _MONTH_YEAR.match(thai_to_arabic(text))
    month = parse_thai_month(match.group(1)) if match else None
    if match is None or month is None:
        raise ValueError(f"not a Thai month and year: {text!r}")
    return to_be_year(int(match.group(2))), month


def parse_thai_period(text: str) -> tuple[date, date]:
    """ "ต.ค.๒๕๖๕ – ก.ย. ๒๕๖๖" (any dash) → (2022-10-01, 2023-09-30): first day of the first
    month to last day of the last month. Raises ValueError."""
    ends = re.split(r"\s*[-–—]\s*", text.strip())
    if len(ends) != 2:
        raise ValueError(f"not a period 'month year – month year': {text!r}")
    (y1, m1), (y2, m2) = (parse_thai_month_year(e) for e in ends)
    start = date(be_to_ce(y1), m1, 1)
    end = date(be_to_ce(y2) + m2 // 12, m2 % 12 + 1, 1) - timedelta(days=1)
    if end < start:
        raise ValueError(f"period ends before it starts: {text!r}")
    return start, end
