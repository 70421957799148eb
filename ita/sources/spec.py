"""The per-kind settings (``kinds.yaml``) as compiled, typed objects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ita.record import DocumentKind

SPEC_FILE = Path(__file__).with_name("kinds.yaml")
_SHORTHANDS = {
    "{D}": "[0-9๐-๙]",
    "{NUM}": "(?P<v>(?<![0-9๐-๙.])[0-9๐-๙]{1,3}(?:[.,][0-9๐-๙]{1,3})?(?![0-9๐-๙]))",
}


def compile_pattern(pattern: str) -> re.Pattern[str]:
    for short, full in _SHORTHANDS.items():
        pattern = pattern.replace(short, full)
    return re.compile(pattern)


@dataclass(frozen=True, slots=True)
class Refusal:
    pattern: re.Pattern[str]
    en: str
    th: str


@dataclass(frozen=True, slots=True)
class AgencySpec:
    labels: dict[str, tuple[str, ...]]  # "name" / "type" / "place" → label words, longest first
    strong_labels: frozenset[str]
    place_start: re.Pattern[str]
    district: re.Pattern[str]
    province: re.Pattern[str]
    types: tuple[str, ...]  # longest first
    abbreviations: dict[str, str]


@dataclass(frozen=True, slots=True)
class KindSpec:
    kind: DocumentKind
    detect: tuple[re.Pattern[str], ...]
    fields: frozenset[str]


@dataclass(frozen=True, slots=True)
class Spec:
    ita_markers: tuple[re.Pattern[str], ...]
    refuse: tuple[Refusal, ...]
    year: tuple[re.Pattern[str], ...]
    year_ce: tuple[re.Pattern[str], ...]
    first_year_of_framework: int
    agency: AgencySpec
    overall: tuple[re.Pattern[str], ...]
    overall_exclude: re.Pattern[str]
    grade_context: re.Pattern[str]
    band_row: re.Pattern[str]
    indicator_marker: re.Pattern[str]
    sub_indicator_marker: re.Pattern[str]
    item_code: re.Pattern[str]
    item_code_prefix: re.Pattern[str]
    list_marker: re.Pattern[str]
    yes: frozenset[str]
    no: frozenset[str]
    tools: dict[str, re.Pattern[str]]
    tool_weighted: re.Pattern[str]
    tool_denominator: re.Pattern[str]
    advice_heading: re.Pattern[str]
    section_heading: re.Pattern[str]
    section_heading_weak: re.Pattern[str]
    kinds: tuple[KindSpec, ...]  # in detection order


def _patterns(items: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(compile_pattern(p) for p in items)


@lru_cache(maxsize=1)
def load_spec(path: Path = SPEC_FILE) -> Spec:
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    c = data["common"]
    a = c["agency"]
    return Spec(
        ita_markers=_patterns(c["ita_markers"]),
        refuse=tuple(Refusal(compile_pattern(r["pattern"]), r["en"], r["th"]) for r in c["refuse"]),
        year=_patterns(c["year"]),
        year_ce=_patterns(c["year_ce"]),
        first_year_of_framework=int(c["first_year_of_framework"]),
        agency=AgencySpec(
            labels={k: tuple(sorted(v, key=len, reverse=True)) for k, v in a["labels"].items()},
            strong_labels=frozenset(a["strong_labels"]),
            place_start=compile_pattern(a["place_start"]),
            district=compile_pattern(a["district"]),
            province=compile_pattern(a["province"]),
            types=tuple(sorted(a["types"], key=len, reverse=True)),
            abbreviations=dict(a["abbreviations"]),
        ),
        overall=_patterns(c["overall"]),
        overall_exclude=compile_pattern(c["overall_exclude"]),
        grade_context=compile_pattern(c["grade_context"]),
        band_row=compile_pattern(c["band_row"]),
        indicator_marker=compile_pattern(c["indicator_marker"]),
        sub_indicator_marker=compile_pattern(c["sub_indicator_marker"]),
        item_code=compile_pattern(c["item_code"]),
        item_code_prefix=compile_pattern(c["item_code_prefix"]),
        list_marker=compile_pattern(c["list_marker"]),
        yes=frozenset(c["answer_yes"]),
        no=frozenset(c["answer_no"]),
        tools={k: compile_pattern(v) for k, v in c["tools"].items()},
        tool_weighted=compile_pattern(c["tool_weighted"]),
        tool_denominator=compile_pattern(c["tool_denominator"]),
        advice_heading=compile_pattern(c["advice_heading"]),
        section_heading=compile_pattern(c["section_heading"]),
        section_heading_weak=compile_pattern(c["section_heading_weak"]),
        kinds=tuple(
            KindSpec(kind, _patterns(k["detect"]), frozenset(k["fields"]))
            for kind, k in data["kinds"].items()
        ),
    )
