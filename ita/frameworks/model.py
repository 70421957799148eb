"""The catalog of one fiscal year as frozen dataclasses (built by `ita.frameworks.loader`).

Every fact carries `confirmed` (True only where ita-framework.md tags it C / C-sec / C-num /
C-seed) and a `source` note naming the evidence, so callers can soften checks on facts that
are only remembered (M), derived (D) or partial.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Literal

ToolCode = Literal["IIT", "EIT", "OIT"]
Scale = Literal["four_level", "yes_no", "published"]
GradingKind = Literal["letter", "rating"]

TOOL_CODES: tuple[ToolCode, ...] = ("IIT", "EIT", "OIT")
TOOL_OF_PREFIX: dict[str, ToolCode] = {"I": "IIT", "E": "EIT", "O": "OIT"}


class CatalogError(ValueError):
    """A catalog file is malformed or inconsistent; the message names the file and the fault."""


@dataclass(frozen=True, slots=True)
class Tool:
    code: ToolCode
    name: str  # Thai name of the questionnaire (แบบวัด)
    weight: Decimal  # share of the overall score, e.g. Decimal("0.30")
    indicators: tuple[int, ...]
    confirmed: bool  # the weight for this year
    source: str


@dataclass(frozen=True, slots=True)
class SubIndicator:
    code: str  # "9.1"
    name: str
    items: tuple[str, ...]  # O-codes; may be a partial list where items_complete is False
    confirmed: bool  # name and membership for this year
    source: str
    items_complete: bool = True


@dataclass(frozen=True, slots=True)
class Indicator:
    number: int  # 1..10
    name: str
    aliases: tuple[str, ...]
    tool: ToolCode
    name_en: str
    items: tuple[str, ...]  # IIT/EIT: all its items; OIT: items not placed in a sub-indicator
    sub_indicators: tuple[SubIndicator, ...]
    confirmed: bool
    source: str
    items_complete: bool = True  # False where the year's item list is only partly known

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Item:
    code: str  # "I20", "E10", "O24"
    tool: ToolCode
    indicator: int
    sub_indicator: str | None  # "9.2" for O-items placed in a sub-indicator
    text: str
    scale: Scale
    reverse: bool  # higher frequency/"มี" scores lower
    confirmed: bool  # the item's existence and wording for this year
    source: str
    parts: tuple[str, ...] = ()  # sub-points of a multi-part question
    reversed_parts: tuple[int, ...] = ()  # 1-based sub-points scored in reverse (mixed items)


@dataclass(frozen=True, slots=True)
class Band:
    label: str  # "AA", "A", … or "ผ่านดี", …
    min: Decimal  # inclusive, on 0–100
    max: Decimal  # inclusive, as printed in the band table (e.g. 94.99)
    confirmed: bool
    source: str
    tools_min: Decimal | None = None  # every tool score must reach this (Rating Score labels)
    aliases: tuple[str, ...] = ()  # other spellings documents use for this band

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True, slots=True)
class Grading:
    kind: GradingKind
    bands: tuple[Band, ...]  # conditional bands first, in evaluation order
    pass_line: Decimal
    confirmed: bool
    source: str


@dataclass(frozen=True, slots=True)
class ScoringRule:
    rule: str
    confirmed: bool
    source: str
    # Enforce as an error even though unconfirmed: set where neighbouring years confirm the rule
    # and a mismatch is far more likely a bad document than a different rule. Defaults to
    # `confirmed`.
    enforce: bool = False


@dataclass(frozen=True, slots=True)
class Scoring:
    overall: ScoringRule  # "weighted_tool_means"
    tool: ScoringRule  # "mean_of_indicators"
    perception_indicator: ScoringRule  # IIT/EIT indicator: "mean_of_items"
    oit_sub_indicator: ScoringRule  # "percent_passed"
    oit_indicator: ScoringRule  # "mean_of_sub_indicators"


_SPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass(frozen=True, slots=True, eq=False)
class Framework:
    """One fiscal year's catalog. Read-only mappings; hashable by identity (cached per year)."""

    fiscal_year: int
    tools: Mapping[str, Tool]
    indicators: Mapping[int, Indicator]
    items: Mapping[str, Item]
    grading: Grading
    scoring: Scoring
    source_file: str
    notes: str = ""
    _names: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("tools", "indicators", "items", "_names"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def __reduce__(self) -> tuple[Any, ...]:
        """Picklable (for process pools) although its mappings are read-only proxies."""
        return (
            Framework,
            (
                self.fiscal_year,
                dict(self.tools),
                dict(self.indicators),
                dict(self.items),
                self.grading,
                self.scoring,
                self.source_file,
                self.notes,
                dict(self._names),
            ),
        )

    # ---- lookups -------------------------------------------------------------------------
    @property
    def complete(self) -> bool:
        """True when every indicator's item list is fully known for this year."""
        return all(ind.items_complete for ind in self.indicators.values())

    def items_of(self, indicator: int) -> tuple[Item, ...]:
        """All items of an indicator (sub-indicator items included), in code order."""
        return tuple(item for item in self.items.values() if item.indicator == indicator)

    def item_codes(self, tool: str | None = None) -> tuple[str, ...]:
        return tuple(c for c, item in self.items.items() if tool is None or item.tool == tool)

    def tool_of(self, indicator: int) -> Tool:
        return self.tools[self.indicators[indicator].tool]

    def sub_indicator(self, code: str) -> SubIndicator:
        number = int(code.split(".", 1)[0])
        for sub in self.indicators[number].sub_indicators if number in self.indicators else ():
            if sub.code == code:
                return sub
        raise KeyError(f"FY{self.fiscal_year} has no sub-indicator {code}")

    def indicator_names(self) -> dict[str, int]:
        """Every Thai name and variant documents use → indicator number."""
        return {name: ind.number for ind in self.indicators.values() for name in ind.names}

    def find_indicator(self, text: str) -> int | None:
        """Indicator number for a printed name, ignoring spaces; None if unknown."""
        return self._names.get(_squeeze(text))

    # ---- grading ----------------------------------------------------------------------------
    def grade_for(self, score: Decimal, tool_scores: dict[str, Decimal] | None = None) -> str:
        """The grade/label for an overall score; Rating Score labels also need tool scores
        (0–100 each). Raises ValueError when a needed tool score is missing."""
        _check_range(score)
        for band in self.grading.bands:
            if not band.min <= score <= band.max or band.tools_min is None:
                continue
            if tool_scores is None or any(t not in tool_scores for t in self.tools):
                raise ValueError(
                    f"FY{self.fiscal_year}: the label for {score} depends on the IIT/EIT/OIT "
                    f"scores (band {band.label} needs each ≥ {band.tools_min})"
                )
            if all(tool_scores[t] >= band.tools_min for t in self.tools):
                return band.label
        return self._plain_band(score).label

    def possible_grades(self, score: Decimal) -> tuple[str, ...]:
        """Every label (with its variants) a score can carry when tool scores are unknown."""
        _check_range(score)
        labels: list[str] = []
        for band in self.grading.bands:
            if band.tools_min is not None and band.min <= score <= band.max:
                labels.extend(band.labels)
        labels.extend(self._plain_band(score).labels)
        return tuple(labels)

    def band_of(self, label: str) -> Band | None:
        for band in self.grading.bands:
            if label in band.labels:
                return band
        return None

    def _plain_band(self, score: Decimal) -> Band:
        plain = [b for b in self.grading.bands if b.tools_min is None and b.min <= score]
        return max(plain, key=lambda b: b.min)

    # ---- confirmation --------------------------------------------------------------------
    def is_confirmed(self, key: str) -> bool:
        """Whether a fact is confirmed, by key: "weights", "tool.EIT", "indicator.9",
        "sub.9.1", "item.O24", "grading", "band.ผ่านดี", "scoring.oit_indicator"."""
        kind, _, rest = key.partition(".")
        if kind == "weights":
            return all(t.confirmed for t in self.tools.values())
        if kind == "tool":
            return self.tools[rest].confirmed
        if kind == "indicator":
            return self.indicators[int(rest)].confirmed
        if kind == "sub":
            return self.sub_indicator(rest).confirmed
        if kind == "item":
            return self.items[rest].confirmed
        if kind == "grading":
            return self.grading.confirmed
        if kind == "band":
            band = self.band_of(rest)
            if band is None:
                raise KeyError(f"FY{self.fiscal_year} has no band {rest!r}")
            return band.confirmed
        if kind == "scoring":
            rule: ScoringRule = getattr(self.scoring, rest)
            return rule.confirmed
        raise KeyError(f"unknown fact key {key!r}")


def _check_range(score: Decimal) -> None:
    if not Decimal(0) <= score <= Decimal(100):
        raise ValueError(f"score {score} is outside 0–100")


def squeeze_name(text: str) -> str:
    """Name key used by `Framework.find_indicator` (all whitespace removed)."""
    return _squeeze(text)
