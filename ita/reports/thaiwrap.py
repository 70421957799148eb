"""Line breaking for Thai text (which has no spaces between words).

PDF layout needs to know where a line may break. Thai is segmented into words with pythainlp's
dictionary-based `newmm` engine; a word wider than the line is split between character clusters
(never between a letter and its marks). Closing punctuation, ๆ and ฯ stay with the word before
them. The layout itself is greedy and measures with a width function the caller provides, so
the same code serves any font and size.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ita.fiscal import THAI_MONTHS, THAI_MONTHS_ABBR
from ita.reports.blocks import Inline

# Thai characters that never start a cluster: above/below vowels, tone marks, sara am, etc.
_COMBINING = frozenset(
    "\u0e31\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
_LEADING_VOWELS = frozenset("เแโใไ")
# Tokens that must not start a line (they glue to the token before them).
_NO_BREAK_BEFORE = frozenset("ๆฯ)]}”’,.:;!?%–")
# Tokens that must not end a line (they glue to the token after them).
_NO_BREAK_AFTER = frozenset("([{“‘")

WidthFn = Callable[[str, bool], float]  # (text, bold) -> width


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    bold: bool
    width: float
    space: bool  # a breakable space: dropped at line ends


@dataclass(frozen=True, slots=True)
class Line:
    pieces: tuple[Piece, ...]
    width: float  # natural width (sum of piece widths)
    last: bool  # the paragraph's last line (never justified)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


def _protected_pattern() -> re.Pattern[str]:
    months = sorted((*THAI_MONTHS, *THAI_MONTHS_ABBR), key=len, reverse=True)
    alternation = "|".join(re.escape(m) for m in months)
    return re.compile(
        rf"\d{{1,2}}\s+(?:{alternation})\s+\d{{4}}"  # 31 มี.ค. 2566, 1 ตุลาคม 2565
        rf"|(?:{alternation})\s+\d{{4}}"  # ต.ค. 2565
        r"|(?:พ\.ศ\.|ค\.ศ\.)\s*\d{4}"  # พ.ศ. 2565
        r"|(?:[\u0e01-\u0e4e]{1,3}\.){2,}"  # ป.ป.ช., ต.ค.
    )


_PROTECTED = _protected_pattern()


@lru_cache(maxsize=4096)
def segment_words(text: str, keep: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Words and spaces of a text; Thai split with the newmm dictionary engine. Dates
    ("31 มี.ค. 2566"), years ("พ.ศ. 2565"), dotted abbreviations ("ป.ป.ช.") and the phrases in
    `keep` (an agency's name) stay one token."""
    for phrase in keep:
        if phrase and phrase in text:
            before, _, after = text.partition(phrase)
            rest = keep[keep.index(phrase) :]
            return (*segment_words(before, rest), phrase, *segment_words(after, rest))
    out: list[str] = []
    pos = 0
    for match in _PROTECTED.finditer(text):
        out.extend(_segment_plain(text[pos : match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.extend(_segment_plain(text[pos:]))
    return tuple(out)


def _segment_plain(text: str) -> list[str]:
    if not text:
        return []
    if not any("\u0e00" <= ch <= "\u0e7f" for ch in text):
        return _split_spaces(text)
    from pythainlp.tokenize import word_tokenize

    out: list[str] = []
    for tok in word_tokenize(text, engine="newmm", keep_whitespace=True):
        out.extend(_split_spaces(tok))
    return out


def _split_spaces(text: str) -> list[str]:
    out: list[str] = []
    word = ""
    for ch in text:
        if ch == " ":
            if word:
                out.append(word)
                word = ""
            out.append(" ")
        else:
            word += ch
    if word:
        out.append(word)
    return out


def split_clusters(word: str) -> list[str]:
    """Character clusters: a base letter with its marks (and a leading vowel with the letter
    after it, ๆ/ฯ/closing punctuation with the letter before it), so a forced break never
    strands a mark."""
    clusters: list[str] = []
    for ch in word:
        attach = ch in _COMBINING or ch in _NO_BREAK_BEFORE
        if clusters and (attach or clusters[-1][-1] in _LEADING_VOWELS):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def _units(inline: Inline, width: WidthFn, keep: tuple[str, ...] = ()) -> list[list[Piece]]:
    """Unbreakable units: each a list of pieces; breaks are allowed only between units."""
    units: list[list[Piece]] = []
    glue_next = False
    for run in inline:
        if run.keep:
            units.append([Piece(run.text, run.bold, width(run.text, run.bold), False)])
            glue_next = False
            continue
        for token in segment_words(run.text, keep):
            if token == " ":
                units.append([Piece(" ", run.bold, width(" ", run.bold), True)])
                glue_next = False
                continue
            piece = Piece(token, run.bold, width(token, run.bold), False)
            if token[0] in _NO_BREAK_BEFORE and len(units) >= 2 and units[-1][0].space:
                # glue through the space in between ("ต่าง ๆ")
                space = units.pop()
                units[-1].extend([*space, piece])
            elif units and (
                glue_next or token[0] in _NO_BREAK_BEFORE or _latin_pair(units[-1][-1], token)
            ):
                units[-1].append(piece)
            else:
                units.append([piece])
            glue_next = token[-1] in _NO_BREAK_AFTER
    return units


def _latin_pair(before: Piece, token: str) -> bool:
    """Two pieces of one Latin word or number ("E" + "11"): never broken apart."""
    if before.space:
        return False
    a, b = before.text[-1], token[0]
    return a.isascii() and b.isascii() and (a.isalnum() or a in ".-/") and b.isalnum()


def _split_unit(unit: list[Piece], max_width: float, width: WidthFn) -> list[list[Piece]]:
    """Split a unit wider than the line into cluster-sized units (a cluster that must not start
    a line, like ๆ after a word, stays with the cluster before it, and so does a glued space)."""
    out: list[list[Piece]] = []
    for piece in unit:
        for cluster in split_clusters(piece.text):
            p = Piece(cluster, piece.bold, width(cluster, piece.bold), piece.space)
            glued = piece.space or cluster[0] in _COMBINING or cluster[0] in _NO_BREAK_BEFORE
            if out and glued:  # a space inside a unit is glued ("ต่าง ๆ"): no break there
                out[-1].append(p)
            else:
                out.append([p])
    return out


def wrap(
    inline: Inline,
    max_width: float,
    width: WidthFn,
    first_width: float | None = None,
    keep: tuple[str, ...] = (),
) -> list[Line]:
    """Greedy line breaking of styled text into lines no wider than `max_width` (the very first
    line no wider than `first_width`, for a first-line indent); only a single cluster wider than
    the line can overflow. A "\\n" in the text forces a break."""
    lines: list[Line] = []
    for para in _split_newlines(inline):
        first = first_width if not lines else None
        lines.extend(_wrap_paragraph(para, max_width, width, first, keep))
    return lines


def _split_newlines(inline: Inline) -> list[Inline]:
    from ita.reports.blocks import Run

    paras: list[list[Run]] = [[]]
    for run in inline:
        parts = run.text.split("\n")
        for n, part in enumerate(parts):
            if n:
                paras.append([])
            if part:
                paras[-1].append(Run(part, run.bold, run.keep))
    return [tuple(p) for p in paras]


def _wrap_paragraph(
    inline: Inline,
    max_width: float,
    width: WidthFn,
    first_width: float | None = None,
    keep: tuple[str, ...] = (),
) -> list[Line]:
    units: list[list[Piece]] = []
    for unit in _units(inline, width, keep):
        if sum(p.width for p in unit) > max_width and not unit[0].space:
            units.extend(_split_unit(unit, max_width, width))
        else:
            units.append(unit)
    lines: list[Line] = []
    current: list[Piece] = []
    current_width = 0.0
    for unit in units:
        unit_width = sum(p.width for p in unit)
        if unit[0].space and not current:
            continue  # no space at a line start
        limit = first_width if first_width is not None and not lines else max_width
        if current and current_width + unit_width > limit + 1e-6:
            if unit[0].space and len(unit) == 1:
                lines.append(_make_line(current, last=False))
                current, current_width = [], 0.0
                continue
            lines.append(_make_line(current, last=False))
            current, current_width = [], 0.0
            if unit[0].space:
                unit = unit[1:]
                unit_width = sum(p.width for p in unit)
        current.extend(unit)
        current_width += unit_width
    if current or not lines:
        lines.append(_make_line(current, last=True))
    return lines


def _make_line(pieces: Sequence[Piece], last: bool) -> Line:
    trimmed = list(pieces)
    while trimmed and trimmed[-1].space:
        trimmed.pop()
    return Line(tuple(trimmed), sum(p.width for p in trimmed), last)
