"""How numbers, dates and names are printed in reports (one place, so all formats agree)."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from ita.fiscal import arabic_to_thai, format_thai_date

T = TypeVar("T")
TWO_PLACES = Decimal("0.01")


def score_text(value: Decimal | None) -> str:
    """A score as printed: always two decimals ("100.00", "77.02"); "–" when unknown."""
    if value is None:
        return "–"
    return format(value.quantize(TWO_PLACES), "f")


def line_text(value: Decimal) -> str:
    """A threshold as written in prose: "80", "85", "84.5"."""
    text = format(value.normalize(), "f")
    return text


def weight_percent(weight: Decimal) -> str:
    """0.30 → "30"."""
    return line_text(weight * 100)


def thai_list(names: list[str]) -> str:
    """ "ก" / "ก และ ข" / "ก ข และ ค" (Thai enumerations put และ before the last)."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return " ".join(names[:-1]) + " และ " + names[-1]


def number_ranges(numbers: list[int] | tuple[int, ...]) -> str:
    """(1, 2, 3, 4, 5) → "1–5"; (9, 10) → "9–10"; (1, 3) → "1, 3"."""
    out: list[str] = []
    ordered = sorted(set(numbers))
    start = prev = None
    for n in [*ordered, None]:
        if start is not None and (n is None or prev is None or n != prev + 1):
            out.append(str(start) if start == prev else f"{start}–{prev}")
            start = None
        if n is not None and start is None:
            start = n
        prev = n
    return ", ".join(out)


def date_text(day: date, abbreviated: bool = False) -> str:
    """A Buddhist-Era date in Thai, e.g. "1 ตุลาคม 2565" (digits localised later)."""
    return format_thai_date(day, abbreviated=abbreviated)


def localize_digits(obj: T, thai_digits: bool) -> T:
    """Return `obj` (a block, a document, a string, tuples of those) with every display string's
    Arabic digits turned into Thai digits when asked; numbers stay numbers."""
    if not thai_digits:
        return obj
    return _convert(obj)  # type: ignore[no-any-return]


def _convert(obj: Any) -> Any:
    if isinstance(obj, str):
        return arabic_to_thai(obj)
    if isinstance(obj, tuple):
        return tuple(_convert(x) for x in obj)
    if isinstance(obj, list):
        return [_convert(x) for x in obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {
            f.name: _convert(getattr(obj, f.name))
            for f in dataclasses.fields(obj)
            if f.name not in _KEEP_FIELDS
        }
        return dataclasses.replace(obj, **changes)
    return obj


# Machine-facing fields that are not display text.
_KEEP_FIELDS = frozenset({"key", "lang"})
