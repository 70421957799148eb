"""The report's Thai wording (`data/texts.yaml`): loaded once, filled from the context.

`say("result.overall", agency=..., score=...)` formats one entry; a missing placeholder value is
an error (a report must never print a literal ``{score}``).
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

TEXTS_FILE = Path(__file__).with_name("data") / "texts.yaml"


@lru_cache(maxsize=1)
def load_texts() -> dict[str, Any]:
    data = yaml.safe_load(TEXTS_FILE.read_text("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{TEXTS_FILE}: expected a mapping at the top level")
    return data


def entry(path: str) -> Any:
    """The raw entry at a dotted path, e.g. "indicators.7.guidance" or "preface.paragraphs"."""
    node: Any = load_texts()
    for part in path.split("."):
        if isinstance(node, dict):
            key: Any = int(part) if part.isdigit() and int(part) in node else part
            if key not in node:
                raise KeyError(f"{TEXTS_FILE.name} has no entry {path!r}")
            node = node[key]
        else:
            raise KeyError(f"{TEXTS_FILE.name} has no entry {path!r}")
    return node


def fill(template: str, **values: object) -> str:
    """Fill {placeholders}; every placeholder must be given."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    missing = names - values.keys()
    if missing:
        raise KeyError(f"text {template[:40]!r}… needs {sorted(missing)}")
    return template.format(**values)


def say(path: str, **values: object) -> str:
    return fill(str(entry(path)), **values)


def say_all(path: str, **values: object) -> list[str]:
    return [fill(str(t), **values) for t in entry(path)]


def item_guidance(code: str, item_text: str, tool: str) -> str | None:
    """Guidance for one weak item: item-specific where written, the OIT template for OIT items,
    None otherwise (the indicator's guidance then covers the item)."""
    specific = load_texts().get("items", {})
    if code in specific:
        return str(specific[code])
    if tool == "OIT":
        return say("oit_item_guidance", item=item_text)
    return None
