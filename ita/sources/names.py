"""Tolerant matching of printed names against the catalog (indicator names and aliases).

Names are compared on their *skeleton*: Thai combining marks, spaces, digits and punctuation
removed — what survives every PDF producer (lost tone marks, marks moved by shaping, spaces
inside words). Similarity is difflib's ratio on skeletons, so typos such as
"การแก้ไขปัญหาคาการทุจริต" still match "การแก้ไขปัญหาการทุจริต"; a match must be clearly better
than the runner-up, so two similar names (การป้องกันการทุจริต / การแก้ไขปัญหาการทุจริต) are not
confused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ita.frameworks import Framework
from ita.thai import MARKS

_NOT_SKELETON = re.compile(r"[\s0-9๐-๙.,:;()\[\]\-–—/\"'“”‘’|]+")
MIN_RATIO = 0.8
MIN_MARGIN = 0.06


def skeleton(text: str) -> str:
    """Name key that survives lost or moved marks: no marks, spaces, digits or punctuation."""
    text = text.replace("เเ", "แ").replace("\u0e4d\u0e32", "\u0e33")
    return "".join(c for c in _NOT_SKELETON.sub("", text) if c not in MARKS)


@dataclass(frozen=True, slots=True)
class NameMatch:
    number: int
    ratio: float
    length: int  # characters of the skeleton consumed (prefix matches)


class IndicatorNames:
    """The ten indicator names (and aliases) of one year, ready for fuzzy lookup."""

    def __init__(self, fw: Framework) -> None:
        self.keys: list[tuple[str, int]] = []
        for ind in fw.indicators.values():
            for name in ind.names:
                self.keys.append((skeleton(name), ind.number))

    def match(self, text: str) -> NameMatch | None:
        """The indicator whose name is `text` (whole label), tolerating damage."""
        key = skeleton(text)
        if not key:
            return None
        return self._best(key, prefix=False)

    def match_prefix(self, text: str) -> NameMatch | None:
        """The indicator whose name starts `text` (a name followed by more prose)."""
        key = skeleton(text)
        if not key:
            return None
        return self._best(key, prefix=True)

    def _best(self, key: str, prefix: bool) -> NameMatch | None:
        scores: dict[int, tuple[float, int]] = {}
        for name_key, number in self.keys:
            if prefix:
                cand = key[: len(name_key) + 2]
                ratio, length = _prefix_ratio(name_key, cand)
            else:
                ratio, length = _ratio(name_key, key), len(key)
            if ratio > scores.get(number, (0.0, 0))[0]:
                scores[number] = (ratio, length)
        ranked = sorted(scores.items(), key=lambda kv: -kv[1][0])
        if not ranked:
            return None
        number, (ratio, length) = ranked[0]
        runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
        if ratio < MIN_RATIO or ratio - runner_up < MIN_MARGIN:
            return None
        return NameMatch(number, ratio, length)


@lru_cache(maxsize=4096)
def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _prefix_ratio(name_key: str, text_key: str) -> tuple[float, int]:
    """Best ratio of `name_key` against a prefix of `text_key` of about its own length."""
    best, best_len = 0.0, 0
    n = len(name_key)
    for length in range(max(1, n - 2), min(len(text_key), n + 2) + 1):
        r = _ratio(name_key, text_key[:length])
        if r > best:
            best, best_len = r, length
    return best, best_len
