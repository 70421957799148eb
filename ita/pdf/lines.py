"""Glyphs in stream order → Thai clusters → lines → words.

The content stream holds Thai in typing order; what shaping producers break is the geometry
(a zero-width mark placed to the right of the *next* letter, or to the left of its own), which
is why x-sorting tools scramble marks and insert spaces. So the order of operations matters:

1. Clusters, in stream order: every combining mark (and every lost glyph) joins the base
   letter before it; a mark with no base before it on the same line (it starts the line or
   follows a space or a leading vowel) waits for the next base.
2. Lines: clusters grouped by vertical overlap of their *base* boxes.
3. Words: clusters of a line sorted by their base's x0 and split at gaps wider than a fraction
   of the font size (or at a space glyph). Marks never take part in sorting or gap measuring.
4. Each word's text goes through `ita.thai.repair_thai` (sara am, mark order, PUA, เเ).
"""

from __future__ import annotations

from ita.pdf.model import Glyph, Line, Word
from ita.thai import MARKS, PUA_MAP, repair_thai

# A gap wider than this fraction of the font size separates words (pages without space
# glyphs), or this wider one (pages whose producer writes spaces as glyphs).
WORD_GAP = 0.18
SPACED_WORD_GAP = 0.4
# Characters a mark cannot sit on: it must then belong to the following letter.
_NOT_A_BASE = frozenset(" \u00a0\u0e40\u0e41\u0e42\u0e43\u0e44")
_PUA_MARKS = frozenset(chr(c) for c, t in PUA_MAP.items() if t in MARKS)
_ATTACHING = MARKS | _PUA_MARKS | {"\u02f8", "\u02fa", "\x19"}


class _Cluster:
    __slots__ = ("bottom", "lost", "size", "text", "top", "x0", "x1")

    def __init__(self, g: Glyph) -> None:
        self.text = g.text
        self.x0, self.top, self.x1, self.bottom = g.x0, g.top, g.x1, g.bottom
        self.size = g.size
        self.lost = 1 if g.lost else 0


def build_lines(glyphs: list[Glyph], page: int) -> list[Line]:
    """Lines of words, top to bottom, from a page's glyphs in stream order.

    Words split at gaps wider than `WORD_GAP` font sizes; where the producer writes its spaces
    as glyphs, only a clearly wider gap splits (justified lines stretch letter spacing)."""
    clusters = _clusters(glyphs)
    spaces = sum(1 for g in glyphs if g.text == " ")
    gap = WORD_GAP if spaces < len(glyphs) // 50 else SPACED_WORD_GAP
    lines = [_words_of(line, page, gap) for line in _group_lines(clusters)]
    return [line for line in lines if line.words]


def _attaches(g: Glyph) -> bool:
    text = g.text
    if not text:  # lost, or a filler half of a glyph already read
        return True
    return len(text) == 1 and (text in _ATTACHING or text < " ")


def _clusters(glyphs: list[Glyph]) -> list[_Cluster]:
    out: list[_Cluster] = []
    pending: list[Glyph] = []  # marks waiting for their base
    cur: _Cluster | None = None
    for g in glyphs:
        if _attaches(g):
            if cur is not None and _same_line(cur, g) and cur.text[-1:] not in _NOT_A_BASE:
                cur.text += g.text
                cur.lost += g.lost
                if not g.text and g.x1 > cur.x1:  # a glyph with width but no text
                    cur.x1 = g.x1
            else:
                pending.append(g)
            continue
        cur = _Cluster(g)
        if pending:
            cur.text = cur.text[:1] + "".join(p.text for p in pending) + cur.text[1:]
            cur.lost += sum(p.lost for p in pending)
            pending.clear()
        out.append(cur)
    return out


def _same_line(c: _Cluster, g: Glyph) -> bool:
    return g.top < c.bottom and g.bottom > c.top


def _group_lines(clusters: list[_Cluster]) -> list[list[_Cluster]]:
    """Clusters whose boxes overlap vertically by more than half the smaller height."""
    ordered = sorted(clusters, key=lambda c: (c.top + c.bottom) / 2)
    lines: list[list[_Cluster]] = []
    band_top = band_bottom = 0.0
    for c in ordered:
        if lines:
            overlap = min(band_bottom, c.bottom) - max(band_top, c.top)
            height = min(band_bottom - band_top, c.bottom - c.top)
            if height > 0 and overlap > 0.5 * height:
                lines[-1].append(c)
                band_top, band_bottom = min(band_top, c.top), max(band_bottom, c.bottom)
                continue
        lines.append([c])
        band_top, band_bottom = c.top, c.bottom
    return lines


def _words_of(clusters: list[_Cluster], page: int, gap: float) -> Line:
    clusters.sort(key=lambda c: c.x0)
    words: list[Word] = []
    run: list[_Cluster] = []
    for c in clusters:
        if c.text.isspace() or (not c.text and not c.lost):
            if run:
                words.append(_word(run))
                run = []
            continue
        if run and c.x0 - run[-1].x1 > gap * max(c.size, run[-1].size):
            words.append(_word(run))
            run = []
        run.append(c)
    if run:
        words.append(_word(run))
    return Line(page, [w for w in words if w.text or w.lost])


def _word(run: list[_Cluster]) -> Word:
    return Word(
        repair_thai("".join(c.text for c in run)).strip(),
        run[0].x0,
        min(c.top for c in run),
        max(c.x1 for c in run),
        max(c.bottom for c in run),
        max(c.size for c in run),
        sum(c.lost for c in run),
    )
