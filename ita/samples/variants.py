"""How one sample looks: every layout choice real ITA documents vary on, drawn from a seed."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from typing import Any, Literal

Producer = Literal["fpdf2", "fpdf2-noshape", "chromium", "libreoffice"]
PRODUCERS: tuple[Producer, ...] = ("fpdf2", "fpdf2-noshape", "chromium", "libreoffice")

CodeStyle = Literal["plain", "thai", "spaced", "dotted", "tool"]
BLOCK_ORDERS: dict[str, tuple[str, ...]] = {
    "standard": ("agency", "overall", "tools", "indicators", "iit", "eit", "oit", "advice"),
    "indicators_first": ("agency", "overall", "indicators", "tools", "oit", "iit", "eit", "advice"),
    "advice_early": ("agency", "overall", "tools", "indicators", "advice", "iit", "eit", "oit"),
}


@dataclass(frozen=True, slots=True)
class Variant:
    producer: Producer
    font: str
    thai_digits: bool  # ๘๗.๑๓ instead of 87.13 (scores, years, codes' numbers)
    ruled: bool  # tables with a full grid, or none at all
    indicator_style: Literal["numbered", "ranked"]  # "ตัวชี้วัดที่ 7 …" or ranked by score, names only
    tool_style: Literal["raw", "weighted"]  # IIT 89.28, or 26.78 / 30
    block_order: str
    code_style: CodeStyle  # O24 / O๒๔ / O 24 / O.24 / OIT 24
    oit_style: Literal["มี/ไม่มี", "100/0"]
    trim_decimals: bool  # 100 and 87.5 instead of 100.00 and 87.50
    furniture: Literal["none", "running", "browser"]  # page header/footer
    agency_as_table: bool  # agency details as a label/value table or as lines
    name_choice: int  # which spelling of indicator names (0 = catalog name, 1+ = aliases)
    body_size: float

    def flags(self) -> dict[str, Any]:
        return asdict(self)

    def short(self) -> str:
        """Compact flag string for the manifest."""
        bits = [
            "thai-digits" if self.thai_digits else "arabic-digits",
            "ruled" if self.ruled else "unruled",
            self.indicator_style,
            f"tools-{self.tool_style}",
            f"order-{self.block_order}",
            f"code-{self.code_style}",
            "oit-100/0" if self.oit_style == "100/0" else "oit-มี/ไม่มี",
            f"furniture-{self.furniture}",
        ]
        if self.trim_decimals:
            bits.append("trimmed")
        if self.name_choice:
            bits.append("name-aliases")
        return ";".join(bits)


FONTS_BY_PRODUCER: dict[Producer, tuple[str, ...]] = {
    "fpdf2": ("Sarabun", "Laksaman", "Garuda", "Norasi"),
    "fpdf2-noshape": ("Sarabun", "Laksaman", "Loma"),
    "chromium": ("Sarabun", "Laksaman", "Garuda", "Kinnari"),
    "libreoffice": ("Sarabun", "Laksaman", "Norasi", "Garuda"),
}


def draw_variant(rng: random.Random, producer: Producer) -> Variant:
    """A random but reproducible look for one document from `producer`."""
    thai_digits = rng.random() < 0.3
    font = rng.choice(FONTS_BY_PRODUCER[producer])
    furniture_choices: list[Literal["none", "running", "browser"]] = ["none", "running"]
    if producer == "chromium":
        furniture_choices.append("browser")
    code_styles: list[CodeStyle] = ["plain", "plain", "spaced", "dotted", "tool"]
    if thai_digits:
        code_styles += ["thai", "thai"]
    return Variant(
        producer=producer,
        font=font,
        thai_digits=thai_digits,
        ruled=rng.random() < 0.7,
        indicator_style="ranked" if rng.random() < 0.35 else "numbered",
        tool_style="weighted" if rng.random() < 0.35 else "raw",
        block_order=rng.choice(list(BLOCK_ORDERS)),
        code_style=rng.choice(code_styles),
        oit_style="100/0" if rng.random() < 0.3 else "มี/ไม่มี",
        trim_decimals=rng.random() < 0.2,
        furniture=rng.choice(furniture_choices),
        agency_as_table=rng.random() < 0.5,
        name_choice=rng.choice((0, 0, 1)),
        body_size=14.0 if font in ("Laksaman", "Norasi", "Kinnari") else 11.5,
    )


def format_code(code: str, style: CodeStyle, thai_digits: bool) -> str:
    """Spell an item code as documents do: O24, O๒๔, O 24, O.24, OIT 24."""
    from ita.samples.numbers import to_digits

    letter, num = code[0], code[1:]
    if style == "thai" or (thai_digits and style != "plain"):
        num = to_digits(num, thai=True)
    if style == "spaced":
        return f"{letter} {num}"
    if style == "dotted":
        return f"{letter}.{num}"
    if style == "tool":
        return f"{letter}IT {num}" if letter == "O" else f"{letter}{num}"
    return f"{letter}{num}"
