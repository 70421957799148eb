"""How numbers are printed in samples: Thai or Arabic digits, fixed or trimmed decimals."""

from __future__ import annotations

from decimal import Decimal

from ita.fiscal import arabic_to_thai


def to_digits(text: str, thai: bool) -> str:
    """Write the Arabic digits of `text` as Thai digits when `thai` (display only)."""
    return arabic_to_thai(text) if thai else text


def format_score(value: Decimal, thai: bool = False, trim: bool = False) -> str:
    """87.13 → "87.13" / "๘๗.๑๓"; with `trim`, 100.00 → "100" and 87.50 → "87.5"."""
    text = format(value.quantize(Decimal("0.01")), "f")
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return to_digits(text, thai)
