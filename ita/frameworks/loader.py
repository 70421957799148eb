"""Read, merge (``extends``) and validate the per-year catalog files ``fyNNNN.yaml``.

A year file may say ``extends: fy2564`` and override only what differs; mappings merge key by
key, lists and scalars replace, and a mapping carrying ``_replace: true`` replaces its parent
wholesale (used where a year's OIT list was rewritten). The merged document is then checked
strictly — unknown keys, indicator coverage, item membership, weights, bands — and any fault
raises `CatalogError` naming the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, cast

import yaml

from ita.frameworks.codes import ITEM_CODE, SUB_CODE, expand_codes
from ita.frameworks.model import (
    TOOL_CODES,
    TOOL_OF_PREFIX,
    Band,
    CatalogError,
    Framework,
    Grading,
    Indicator,
    Item,
    Scoring,
    ScoringRule,
    SubIndicator,
    Tool,
    ToolCode,
    squeeze_name,
)
from ita.record import item_sort_key

CATALOG_DIR = Path(__file__).resolve().parent
SCALES = ("four_level", "yes_no", "published")
RULES: dict[str, tuple[str, ...]] = {
    "overall": ("weighted_tool_means",),
    "tool": ("mean_of_indicators",),
    "perception_indicator": ("mean_of_items",),
    "oit_sub_indicator": ("percent_passed",),
    "oit_indicator": ("mean_of_sub_indicators", "mean_of_items"),
}
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class _DecimalLoader(yaml.SafeLoader):
    """SafeLoader that reads YAML floats as exact Decimals (0.30 stays 0.30)."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    return Decimal(str(loader.construct_scalar(cast(yaml.ScalarNode, node))))


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


# ---- public entry points ---------------------------------------------------------------------
def known_years() -> tuple[int, ...]:
    """Fiscal years (B.E.) that have a catalog file."""
    return tuple(sorted(int(p.stem[2:]) for p in CATALOG_DIR.glob("fy[0-9][0-9][0-9][0-9].yaml")))


@cache
def load_framework(fy: int) -> Framework:
    """The validated catalog of fiscal year ``fy`` (B.E.); cached."""
    path = CATALOG_DIR / f"fy{fy}.yaml"
    if not path.is_file():
        raise CatalogError(f"no catalog for fiscal year {fy} (known: {known_years()})")
    return load_framework_file(path)


def load_framework_file(path: Path) -> Framework:
    """Load and validate one catalog file (its ``extends`` chain resolved beside it)."""
    path = Path(path)
    doc = _read_merged(path, ())
    try:
        return _build(doc, path)
    except _Fault as fault:
        raise CatalogError(f"{path.name}: {fault}") from None


# ---- reading and merging -------------------------------------------------------------------
class _Fault(Exception):
    """A validation fault inside one document; wrapped into CatalogError with the file name."""


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_DecimalLoader)
    except OSError as exc:
        raise CatalogError(f"{path.name}: cannot read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path.name}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise CatalogError(f"{path.name}: top level must be a mapping")
    return data


def _read_merged(path: Path, seen: tuple[str, ...]) -> dict[str, Any]:
    if path.name in seen:
        raise CatalogError(f"{path.name}: circular extends ({' → '.join((*seen, path.name))})")
    data = _read_yaml(path)
    parent_name = data.pop("extends", None)
    if parent_name is None:
        return _strip_directives(data)
    if not isinstance(parent_name, str):
        raise CatalogError(f"{path.name}: extends must name a file like fy2564")
    parent_path = path.parent / (
        parent_name if parent_name.endswith(".yaml") else f"{parent_name}.yaml"
    )
    if not parent_path.is_file():
        raise CatalogError(f"{path.name}: extends {parent_name!r}, which does not exist")
    parent = _read_merged(parent_path, (*seen, path.name))
    parent.pop("fiscal_year", None)
    parent.pop("notes", None)
    return cast(dict[str, Any], _merge(parent, data))


def _merge(parent: Any, child: Any) -> Any:
    if isinstance(child, dict):
        if child.get("_replace") is True or not isinstance(parent, dict):
            return _strip_directives(child)
        merged = dict(parent)
        for key, value in child.items():
            if key == "_replace":
                continue
            merged[key] = _merge(parent.get(key), value)
        return merged
    return child


def _strip_directives(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _strip_directives(v) for k, v in node.items() if k != "_replace"}
    if isinstance(node, list):
        return [_strip_directives(v) for v in node]
    return node


# ---- validation helpers ------------------------------------------------------------------------
def _fields(
    node: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> dict[str, Any]:
    if not isinstance(node, dict):
        raise _Fault(f"{where} must be a mapping")
    unknown = sorted(str(k) for k in node if k not in required and k not in optional)
    if unknown:
        raise _Fault(f"{where}: unknown key(s) {', '.join(unknown)}")
    missing = [k for k in required if k not in node]
    if missing:
        raise _Fault(f"{where}: missing key(s) {', '.join(missing)}")
    return cast(dict[str, Any], node)


def _typed(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    if isinstance(value, bool) and kind is not bool:
        raise _Fault(f"{where} must be {_kind_name(kind)}, got {value!r}")
    if not isinstance(value, kind):
        raise _Fault(f"{where} must be {_kind_name(kind)}, got {value!r}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


def _text(value: Any, where: str) -> str:
    text = _typed(value, str, where)
    if not text.strip():
        raise _Fault(f"{where} is empty")
    return cast(str, text)


def _number(value: Any, where: str) -> Decimal:
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            raise _Fault(f"{where} is not a number: {value!r}") from None
    return Decimal(_typed(value, (int, Decimal), where))


def _strings(value: Any, where: str) -> tuple[str, ...]:
    return tuple(_text(v, f"{where}[{i}]") for i, v in enumerate(_typed(value, list, where)))


def _fact(
    node: dict[str, Any], where: str, default: tuple[bool, str] | None = None
) -> tuple[bool, str]:
    """(confirmed, source) of a fact, falling back to a default."""
    if default is None or "confirmed" in node:
        confirmed = _typed(node.get("confirmed"), bool, f"{where}.confirmed")
    else:
        confirmed = default[0]
    if default is None or "source" in node:
        source = _text(node.get("source"), f"{where}.source")
    else:
        source = default[1]
    return confirmed, source


def _codes(spec: Any, where: str) -> list[str]:
    try:
        return expand_codes(spec)
    except ValueError as exc:
        raise _Fault(f"{where}: {exc}") from None


# ---- building --------------------------------------------------------------------------------
def _build(doc: dict[str, Any], path: Path) -> Framework:
    top = _fields(
        doc,
        "catalog",
        ("fiscal_year", "tools", "indicators", "items", "scoring", "grading"),
        ("notes",),
    )
    fy = _typed(top["fiscal_year"], int, "fiscal_year")
    if path.stem.startswith("fy") and path.stem[2:].isdigit() and int(path.stem[2:]) != fy:
        raise _Fault(f"fiscal_year {fy} does not match the file name")
    if not 2500 <= fy <= 2700:
        raise _Fault(f"fiscal_year {fy} is not a B.E. year")
    tools = _build_tools(top["tools"])
    tool_of = {n: t.code for t in tools.values() for n in t.indicators}
    items = _build_items(top["items"])
    indicators, placement = _build_indicators(top["indicators"], tool_of, items)
    built_items = _place_items(items, placement)
    names = _index_names(indicators)
    return Framework(
        fiscal_year=fy,
        tools=tools,
        indicators=indicators,
        items=built_items,
        grading=_build_grading(top["grading"]),
        scoring=_build_scoring(top["scoring"]),
        source_file=path.name,
        notes=str(top.get("notes", "")),
        _names=names,
    )


def _build_tools(node: Any) -> dict[str, Tool]:
    node = _fields(node, "tools", TOOL_CODES)
    tools: dict[str, Tool] = {}
    seen: dict[int, str] = {}
    for code in TOOL_CODES:
        where = f"tools.{code}"
        spec = _fields(node[code], where, ("name", "weight", "indicators", "confirmed", "source"))
        numbers = tuple(
            _typed(n, int, f"{where}.indicators")
            for n in _typed(spec["indicators"], list, f"{where}.indicators")
        )
        for n in numbers:
            if not 1 <= n <= 10:
                raise _Fault(f"{where}: unknown indicator {n} (indicators are 1–10)")
            if n in seen:
                raise _Fault(f"indicator {n} belongs to both {seen[n]} and {code}")
            seen[n] = code
        weight = _number(spec["weight"], f"{where}.weight")
        if not Decimal(0) < weight <= 1:
            raise _Fault(f"{where}.weight {weight} must be in (0, 1]")
        confirmed, source = _fact(spec, where)
        tools[code] = Tool(
            code, _text(spec["name"], f"{where}.name"), weight, numbers, confirmed, source
        )
    total = sum((t.weight for t in tools.values()), Decimal(0))
    if total != 1:
        raise _Fault(f"tool weights sum to {total}, not 1")
    missing = sorted(set(range(1, 11)) - set(seen))
    if missing:
        raise _Fault(f"indicator(s) {missing} belong to no tool")
    return tools


_ITEM_KEYS = ("text", "parts", "scale", "reverse", "reversed_parts", "confirmed", "source")


def _build_items(node: Any) -> dict[str, dict[str, Any]]:
    """Validated raw item specs (defaults applied), keyed by code; placement comes later."""
    node = _fields(node, "items", TOOL_CODES)
    items: dict[str, dict[str, Any]] = {}
    for tool in TOOL_CODES:
        where = f"items.{tool}"
        group = _fields(node[tool], where, ("defaults", "codes"))
        defaults = _fields(
            group["defaults"], f"{where}.defaults", ("scale", "reverse", "confirmed", "source")
        )
        default_fact = _fact(defaults, f"{where}.defaults")
        for code, spec in _typed(group["codes"], dict, f"{where}.codes").items():
            iwhere = f"{where}.{code}"
            match = ITEM_CODE.match(str(code))
            if match is None:
                raise _Fault(f"{where}: malformed item code {code!r}")
            if TOOL_OF_PREFIX[match.group(1)] != tool:
                raise _Fault(f"{where}: item {code} does not belong to {tool}")
            spec = _fields(spec, iwhere, ("text",), _ITEM_KEYS)
            scale = spec.get("scale", defaults["scale"])
            if scale not in SCALES:
                raise _Fault(f"{iwhere}: unknown scale {scale!r} (one of {', '.join(SCALES)})")
            parts = _strings(spec.get("parts", []), f"{iwhere}.parts")
            reversed_parts = tuple(
                _typed(i, int, f"{iwhere}.reversed_parts") for i in spec.get("reversed_parts", [])
            )
            if any(not 1 <= i <= len(parts) for i in reversed_parts):
                raise _Fault(f"{iwhere}: reversed_parts {list(reversed_parts)} outside its parts")
            confirmed, source = _fact(spec, iwhere, default_fact)
            items[code] = {
                "code": code,
                "tool": tool,
                "text": _text(spec["text"], f"{iwhere}.text"),
                "scale": scale,
                "reverse": _typed(
                    spec.get("reverse", defaults["reverse"]), bool, f"{iwhere}.reverse"
                ),
                "confirmed": confirmed,
                "source": source,
                "parts": parts,
                "reversed_parts": reversed_parts,
            }
    return items


_IND_KEYS = (
    "name",
    "aliases",
    "name_en",
    "items",
    "sub_indicators",
    "items_complete",
    "confirmed",
    "source",
)


def _build_indicators(
    node: Any, tool_of: Mapping[int, ToolCode], items: dict[str, dict[str, Any]]
) -> tuple[dict[int, Indicator], dict[str, tuple[int, str | None]]]:
    node = _typed(node, dict, "indicators")
    unknown = sorted(str(k) for k in node if not (isinstance(k, int) and 1 <= k <= 10))
    if unknown:
        raise _Fault(f"indicators: unknown indicator(s) {', '.join(unknown)} (indicators are 1–10)")
    missing = sorted(set(range(1, 11)) - set(node))
    if missing:
        raise _Fault(f"indicators: missing indicator(s) {missing}")
    placement: dict[str, tuple[int, str | None]] = {}

    def place(code: str, number: int, sub: str | None, where: str) -> None:
        if code not in items:
            raise _Fault(f"{where}: item {code} is not defined under items")
        if items[code]["tool"] != tool_of[number]:
            raise _Fault(
                f"{where}: item {code} is a {items[code]['tool']} item, indicator {number} is {tool_of[number]}"
            )
        if code in placement:
            raise _Fault(
                f"{where}: item {code} is already placed in indicator {placement[code][0]}"
            )
        placement[code] = (number, sub)

    indicators: dict[int, Indicator] = {}
    for number in range(1, 11):
        where = f"indicators.{number}"
        spec = _fields(node[number], where, ("name", "confirmed", "source"), _IND_KEYS)
        fact = _fact(spec, where)
        complete = _typed(spec.get("items_complete", True), bool, f"{where}.items_complete")
        direct = _codes(spec.get("items", []), f"{where}.items")
        for code in direct:
            place(code, number, None, where)
        subs = _build_subs(spec.get("sub_indicators", {}), number, where, place)
        if tool_of[number] != "OIT" and subs:
            raise _Fault(f"{where}: only OIT indicators have sub-indicators")
        if tool_of[number] == "OIT" and direct and complete:
            raise _Fault(
                f"{where}: OIT items outside sub-indicators are allowed only with items_complete: false"
            )
        if not direct and not subs and complete:
            raise _Fault(f"{where}: has no items")
        indicators[number] = Indicator(
            number=number,
            name=_text(spec["name"], f"{where}.name"),
            aliases=_strings(spec.get("aliases", []), f"{where}.aliases"),
            tool=tool_of[number],
            name_en=str(spec.get("name_en", "")),
            items=tuple(direct),
            sub_indicators=subs,
            confirmed=fact[0],
            source=fact[1],
            items_complete=complete and all(s.items_complete for s in subs),
        )
    orphans = sorted(set(items) - set(placement), key=item_sort_key)
    if orphans:
        raise _Fault(f"item(s) {', '.join(orphans)} belong to no indicator")
    return indicators, placement


def _build_subs(
    node: Any, number: int, where: str, place: Callable[[str, int, str | None, str], None]
) -> tuple[SubIndicator, ...]:
    subs: list[SubIndicator] = []
    for code, spec in _typed(node, dict, f"{where}.sub_indicators").items():
        swhere = f"{where}.sub_indicators.{code}"
        code = str(code)
        match = SUB_CODE.match(code)
        if match is None or int(match.group(1)) != number:
            raise _Fault(f"{where}: malformed sub-indicator code {code!r} (expected {number}.N)")
        spec = _fields(spec, swhere, ("name", "items", "confirmed", "source"), ("items_complete",))
        members = _codes(spec["items"], f"{swhere}.items")
        for item in members:
            place(item, number, code, swhere)
        complete = _typed(spec.get("items_complete", True), bool, f"{swhere}.items_complete")
        if not members and complete:
            raise _Fault(f"{swhere}: has no items")
        confirmed, source = _fact(spec, swhere)
        subs.append(
            SubIndicator(
                code,
                _text(spec["name"], f"{swhere}.name"),
                tuple(members),
                confirmed,
                source,
                complete,
            )
        )
    subs.sort(key=lambda s: int(s.code.split(".")[1]))
    return tuple(subs)


def _place_items(
    items: dict[str, dict[str, Any]], placement: dict[str, tuple[int, str | None]]
) -> dict[str, Item]:
    built = {}
    for code in sorted(items, key=item_sort_key):
        number, sub = placement[code]
        built[code] = Item(indicator=number, sub_indicator=sub, **items[code])
    return built


def _index_names(indicators: Mapping[int, Indicator]) -> dict[str, int]:
    names: dict[str, int] = {}
    for ind in indicators.values():
        for name in ind.names:
            key = squeeze_name(name)
            if names.get(key, ind.number) != ind.number:
                raise _Fault(f"name {name!r} is used by indicators {names[key]} and {ind.number}")
            names[key] = ind.number
    return names


def _build_scoring(node: Any) -> Scoring:
    node = _fields(node, "scoring", tuple(RULES))
    rules: dict[str, ScoringRule] = {}
    for key, allowed in RULES.items():
        where = f"scoring.{key}"
        spec = _fields(node[key], where, ("rule", "confirmed", "source"), ("enforce",))
        if spec["rule"] not in allowed:
            raise _Fault(f"{where}: unknown rule {spec['rule']!r} (one of {', '.join(allowed)})")
        confirmed, source = _fact(spec, where)
        enforce = _typed(spec.get("enforce", confirmed), bool, f"{where}.enforce")
        rules[key] = ScoringRule(spec["rule"], confirmed, source, enforce or confirmed)
    return Scoring(**rules)


def _build_grading(node: Any) -> Grading:
    spec = _fields(node, "grading", ("kind", "pass_line", "bands", "confirmed", "source"))
    if spec["kind"] not in ("letter", "rating"):
        raise _Fault(f"grading.kind {spec['kind']!r} must be letter or rating")
    fact = _fact(spec, "grading")
    bands: list[Band] = []
    for i, raw in enumerate(_typed(spec["bands"], list, "grading.bands")):
        where = f"grading.bands[{i}]"
        b = _fields(
            raw, where, ("label", "min", "max"), ("tools_min", "aliases", "confirmed", "source")
        )
        lo, hi = _number(b["min"], f"{where}.min"), _number(b["max"], f"{where}.max")
        if not Decimal(0) <= lo <= hi <= HUNDRED:
            raise _Fault(f"{where} ({b['label']}): range {lo}–{hi} is not within 0–100")
        tools_min = None if "tools_min" not in b else _number(b["tools_min"], f"{where}.tools_min")
        confirmed, source = _fact(b, where, fact)
        bands.append(
            Band(
                _text(b["label"], f"{where}.label"),
                lo,
                hi,
                confirmed,
                source,
                tools_min,
                _strings(b.get("aliases", []), f"{where}.aliases"),
            )
        )
    _check_bands(bands)
    return Grading(
        spec["kind"], tuple(bands), _number(spec["pass_line"], "grading.pass_line"), *fact
    )


def _check_bands(bands: list[Band]) -> None:
    plain = sorted((b for b in bands if b.tools_min is None), key=lambda b: b.min)
    if not plain:
        raise _Fault("grading: no unconditional band")
    if plain[0].min != 0 or plain[-1].max != HUNDRED:
        raise _Fault(f"grading: bands cover {plain[0].min}–{plain[-1].max}, not 0–100")
    for low, high in pairwise(plain):
        if high.min <= low.max:
            raise _Fault(f"grading: bands {low.label} and {high.label} overlap")
        if high.min != low.max + CENT:
            raise _Fault(
                f"grading: gap between bands {low.label} ({low.max}) and {high.label} ({high.min})"
            )
    seen: set[str] = set()
    for band in bands:
        if band.label in seen:
            raise _Fault(f"grading: label {band.label!r} appears twice")
        seen.add(band.label)
    conditional = [b for b in bands if b.tools_min is not None]
    if bands[: len(conditional)] != conditional:
        raise _Fault("grading: bands with tools_min must come first (they are tried in order)")
