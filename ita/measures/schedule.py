"""Milestone offsets inside a fiscal year → dates.

A template's `due` is one of:

- ``M1`` … ``M12``: the last day of fiscal month n (M1 = October, M3 = December, M12 = September);
- ``Q1`` … ``Q4``: the last day of fiscal quarter n (31 Dec, 31 Mar, 30 Jun, 30 Sep);
- ``quarterly``: one milestone at the end of every quarter; ``monthly``: at the end of every month;
- ``year_end``: 30 September.

`expand_due(spec, fy)` returns the dated occurrences, each with a Thai label for the recurring
kinds ("ไตรมาส 2", "ม.ค. 2566"). Every date lies inside the fiscal year.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from ita.fiscal import fiscal_year_bounds, format_thai_month, quarter_bounds

_MONTH = re.compile(r"^M(1[0-2]|[1-9])$")
_QUARTER = re.compile(r"^Q([1-4])$")
RECURRING = ("quarterly", "monthly")


class ScheduleError(ValueError):
    """A `due` offset that is not one of the known forms."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    due_date: date
    label: str | None  # None for one-off milestones


def fiscal_month_end(fy: int, month: int) -> date:
    """Last day of fiscal month `month` (1 = October) of B.E. fiscal year `fy`."""
    if not 1 <= month <= 12:
        raise ScheduleError(f"fiscal month must be 1–12, got {month}")
    start, _ = fiscal_year_bounds(fy)
    index = start.month - 1 + month - 1
    year, mon = start.year + index // 12, index % 12 + 1
    return date(year, mon, monthrange(year, mon)[1])


def check_due_spec(spec: str) -> None:
    """Raise `ScheduleError` unless `spec` is a known offset form."""
    if spec in (*RECURRING, "year_end") or _MONTH.match(spec) or _QUARTER.match(spec):
        return
    raise ScheduleError(
        f"unknown due offset {spec!r}: use M1–M12, Q1–Q4, quarterly, monthly or year_end"
    )


def expand_due(spec: str, fy: int) -> tuple[Occurrence, ...]:
    """The dated occurrences of a `due` offset in fiscal year `fy` (B.E.)."""
    check_due_spec(spec)
    if spec == "year_end":
        return (Occurrence(fiscal_year_bounds(fy)[1], None),)
    if spec == "quarterly":
        return tuple(Occurrence(quarter_bounds(fy, q)[1], f"ไตรมาส {q}") for q in range(1, 5))
    if spec == "monthly":
        ends = (fiscal_month_end(fy, m) for m in range(1, 13))
        return tuple(Occurrence(end, format_thai_month(end)) for end in ends)
    month = _MONTH.match(spec)
    if month:
        return (Occurrence(fiscal_month_end(fy, int(month.group(1))), None),)
    quarter = _QUARTER.match(spec)
    assert quarter is not None  # checked above
    return (Occurrence(quarter_bounds(fy, int(quarter.group(1)))[1], None),)
