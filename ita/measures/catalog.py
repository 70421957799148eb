"""The measure template catalog: data files in ``ita/measures/catalog/``.

- ``indicators.yaml``: `defaults` (owner, monitoring, evidence, closing steps) and one template
  per indicator 1–10 (the measure, its steps with `due` offsets, owner, monitoring, evidence).
- ``items.yaml``: steps for weak items, keyed by code, each valid for a range of result years
  and checked against that year's catalog text (`expects`).
- ``oit_rules.yaml``: the step for any other OIT item at 0, chosen by the item's text.

`load_catalog()` reads and validates them (cached); `MeasureCatalog.item_steps(code, fy, text)`
returns the steps for one weak item.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ita.measures.schedule import ScheduleError, check_due_spec

CATALOG_DIR = Path(__file__).resolve().parent / "catalog"
INDICATORS = tuple(range(1, 11))


class TemplateError(ValueError):
    """A template file is malformed; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class StepTemplate:
    text: str
    due: str  # offset, see ita.measures.schedule
    owner: str | None = None


@dataclass(frozen=True, slots=True)
class IndicatorTemplate:
    indicator: int
    measure: str
    owner: str
    steps: tuple[StepTemplate, ...]
    final_steps: tuple[StepTemplate, ...]  # after the items' steps
    closing_steps: tuple[StepTemplate, ...]
    monitoring: tuple[str, ...]
    evidence: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"indicator.{self.indicator}"


@dataclass(frozen=True, slots=True)
class ItemTemplate:
    code: str
    first_year: int
    last_year: int
    expects: str
    steps: tuple[StepTemplate, ...]

    @property
    def key(self) -> str:
        return f"item.{self.code}"

    def applies_to(self, fiscal_year: int) -> bool:
        return self.first_year <= fiscal_year <= self.last_year


@dataclass(frozen=True, slots=True)
class OitRule:
    number: int  # position in oit_rules.yaml, 1-based
    contains: tuple[str, ...]
    due: str
    text: str

    @property
    def key(self) -> str:
        return f"oit_rule.{self.number}"

    def matches(self, item_text: str) -> bool:
        return all(part in item_text for part in self.contains)


@dataclass(frozen=True, slots=True)
class MeasureCatalog:
    indicators: dict[int, IndicatorTemplate]
    items: dict[str, ItemTemplate]
    oit_rules: tuple[OitRule, ...]

    def item_template(self, code: str, fiscal_year: int) -> ItemTemplate | None:
        template = self.items.get(code)
        return template if template and template.applies_to(fiscal_year) else None

    def oit_rule(self, item_text: str) -> OitRule:
        for rule in self.oit_rules:
            if rule.matches(item_text):
                return rule
        raise TemplateError("oit_rules.yaml has no default rule")  # prevented by validation

    def item_steps(
        self, code: str, fiscal_year: int, item_text: str
    ) -> tuple[str, tuple[StepTemplate, ...]]:
        """(template key, steps) for a weak item of a result of `fiscal_year`: its own template
        when one applies to that year, else for an OIT item the first matching rule, else ()
        (an IIT/EIT item without a template is covered by its indicator's steps)."""
        template = self.item_template(code, fiscal_year)
        if template:
            return template.key, template.steps
        if code.startswith("O"):
            rule = self.oit_rule(item_text)
            return rule.key, (StepTemplate(rule.text, rule.due),)
        return "", ()


@lru_cache(maxsize=1)
def load_catalog() -> MeasureCatalog:
    """The validated template catalog (cached)."""
    return load_catalog_dir(CATALOG_DIR)


def load_catalog_dir(folder: Path) -> MeasureCatalog:
    indicators = _load_indicators(folder / "indicators.yaml")
    items = _load_items(folder / "items.yaml")
    rules = _load_rules(folder / "oit_rules.yaml")
    return MeasureCatalog(indicators, items, rules)


# ---- reading and checking ------------------------------------------------------------------
def _read(path: Path) -> dict[str, Any]:
    try:
        doc = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TemplateError(f"{path.name}: cannot read: {exc}") from exc
    if not isinstance(doc, dict):
        raise TemplateError(f"{path.name}: expected a mapping at the top")
    return doc


def _text(where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TemplateError(f"{where}: expected a non-empty text, got {value!r}")
    return " ".join(value.split())


def _texts(where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise TemplateError(f"{where}: expected a non-empty list of texts")
    return tuple(_text(f"{where}[{i}]", v) for i, v in enumerate(value))


def _steps(where: str, value: Any, allow_empty: bool = False) -> tuple[StepTemplate, ...]:
    if not isinstance(value, list) or (not value and not allow_empty):
        raise TemplateError(f"{where}: expected a list of steps")
    steps = []
    for i, raw in enumerate(value):
        here = f"{where}[{i}]"
        if not isinstance(raw, dict) or set(raw) - {"text", "due", "owner"}:
            raise TemplateError(f"{here}: a step has text, due and optionally owner")
        due = _text(f"{here}.due", raw.get("due"))
        try:
            check_due_spec(due)
        except ScheduleError as exc:
            raise TemplateError(f"{here}: {exc}") from exc
        owner = raw.get("owner")
        steps.append(
            StepTemplate(
                _text(f"{here}.text", raw.get("text")),
                due,
                None if owner is None else _text(f"{here}.owner", owner),
            )
        )
    return tuple(steps)


def _load_indicators(path: Path) -> dict[int, IndicatorTemplate]:
    doc = _read(path)
    defaults = doc.get("defaults") or {}
    name = path.name
    default_owner = _text(f"{name}: defaults.owner", defaults.get("owner"))
    default_monitoring = _texts(f"{name}: defaults.monitoring", defaults.get("monitoring"))
    default_evidence = _texts(f"{name}: defaults.evidence", defaults.get("evidence"))
    closing = _steps(f"{name}: defaults.closing_steps", defaults.get("closing_steps"))
    raw_indicators = doc.get("indicators") or {}
    missing = [n for n in INDICATORS if n not in raw_indicators]
    if missing:
        raise TemplateError(f"{name}: no template for indicator(s) {missing}")
    templates: dict[int, IndicatorTemplate] = {}
    for number in INDICATORS:
        raw = raw_indicators[number]
        where = f"{name}: indicator {number}"
        unknown = set(raw) - {
            "measure",
            "owner",
            "steps",
            "final_steps",
            "closing_steps",
            "monitoring",
            "evidence",
        }
        if unknown:
            raise TemplateError(f"{where}: unknown keys {sorted(unknown)}")
        if raw.get("closing_steps", True) not in (True, False):
            raise TemplateError(f"{where}: closing_steps may only be false")
        own_evidence = _texts(f"{where}.evidence", raw["evidence"]) if "evidence" in raw else ()
        templates[number] = IndicatorTemplate(
            indicator=number,
            measure=_text(f"{where}.measure", raw.get("measure")),
            owner=_text(f"{where}.owner", raw.get("owner", default_owner)),
            steps=_steps(f"{where}.steps", raw.get("steps")),
            final_steps=_steps(f"{where}.final_steps", raw.get("final_steps", []), True),
            closing_steps=closing if raw.get("closing_steps", True) else (),
            monitoring=(
                _texts(f"{where}.monitoring", raw["monitoring"])
                if "monitoring" in raw
                else default_monitoring
            ),
            evidence=own_evidence + default_evidence,
        )
    return templates


def _year_range(where: str, value: Any) -> tuple[int, int]:
    text = str(value)
    first, _, last = text.partition("-")
    try:
        years = (int(first), int(last or first))
    except ValueError as exc:
        raise TemplateError(f"{where}: fiscal_years must be 'YYYY' or 'YYYY-YYYY' (B.E.)") from exc
    if not 2500 < years[0] <= years[1] < 2700:
        raise TemplateError(f"{where}: fiscal_years {text!r} is not a B.E. range")
    return years


def _load_items(path: Path) -> dict[str, ItemTemplate]:
    doc = _read(path)
    templates: dict[str, ItemTemplate] = {}
    for code, raw in (doc.get("items") or {}).items():
        where = f"{path.name}: {code}"
        if not isinstance(raw, dict) or set(raw) - {"fiscal_years", "expects", "owner", "steps"}:
            raise TemplateError(f"{where}: keys are fiscal_years, expects, owner, steps")
        first, last = _year_range(where, raw.get("fiscal_years"))
        owner = raw.get("owner")
        steps = _steps(f"{where}.steps", raw.get("steps"))
        if owner is not None:
            owner = _text(f"{where}.owner", owner)
            steps = tuple(StepTemplate(s.text, s.due, s.owner or owner) for s in steps)
        templates[code] = ItemTemplate(
            code, first, last, _text(f"{where}.expects", raw.get("expects")), steps
        )
    return templates


def _load_rules(path: Path) -> tuple[OitRule, ...]:
    doc = _read(path)
    rules = []
    for i, raw in enumerate(doc.get("rules") or [], start=1):
        where = f"{path.name}: rule {i}"
        if not isinstance(raw, dict) or set(raw) - {"contains", "due", "text"}:
            raise TemplateError(f"{where}: keys are contains, due, text")
        due = _text(f"{where}.due", raw.get("due"))
        try:
            check_due_spec(due)
        except ScheduleError as exc:
            raise TemplateError(f"{where}: {exc}") from exc
        contains = _texts(f"{where}.contains", raw["contains"]) if "contains" in raw else ()
        rules.append(OitRule(i, contains, due, _text(f"{where}.text", raw.get("text"))))
    if not rules or rules[-1].contains:
        raise TemplateError(f"{path.name}: the last rule must be the default (no contains)")
    return tuple(rules)
