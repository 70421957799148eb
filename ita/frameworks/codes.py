"""Item-code syntax shared by the catalog loader: "I20", ranges "O1-O9", sub-indicators "9.1"."""

from __future__ import annotations

import re

ITEM_CODE = re.compile(r"^([IEO])([1-9][0-9]*)$")
SUB_CODE = re.compile(r"^(10|[1-9])\.([1-9])$")


def expand_codes(spec: object) -> list[str]:
    """ "O1-O9" → ["O1", …, "O9"]; a list may mix codes and ranges. Raises ValueError."""
    parts: list[object] = list(spec) if isinstance(spec, list) else [spec]
    codes: list[str] = []
    for part in parts:
        if not isinstance(part, str):
            raise ValueError(f"item spec {part!r} is not a string")
        first, sep, last = (p.strip() for p in part.partition("-"))
        start = ITEM_CODE.match(first)
        if start is None:
            raise ValueError(f"malformed item code {first!r}")
        if not sep:
            codes.append(first)
            continue
        end = ITEM_CODE.match(last)
        if end is None or end.group(1) != start.group(1):
            raise ValueError(f"malformed item range {part!r}")
        lo, hi = int(start.group(2)), int(end.group(2))
        if hi < lo:
            raise ValueError(f"empty item range {part!r}")
        codes.extend(f"{start.group(1)}{n}" for n in range(lo, hi + 1))
    return codes
