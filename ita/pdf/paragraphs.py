"""Joining wrapped lines back into paragraphs.

Thai writes no spaces between words, so whether a line break replaced a space is not in the
text: it is in how the producer wraps. Two families exist:

- producers that break only at spaces (fpdf2, reportlab, many report writers): every wrap
  stood for a space — unless a run of letters longer than the line was cut where it filled it;
- producers that also break *inside* Thai runs at dictionary word boundaries (Chromium,
  LibreOffice, Word — ICU-style): most wraps stand for no space.

The geometry tells the families apart: a space breaker leaves a ragged right edge (the next
space-free Thai run, often a whole clause, did not fit), a run breaker a nearly even one.
Measured on the sample corpus (ita/pdf/NOTES.md), the median line-end gap at Thai–Thai wraps
is 0.7–0.9 font sizes for Chromium and LibreOffice and 7.7 for fpdf2. A wrap whose next chunk
would have fitted on the line above proves a break inside a run.

What the geometry cannot tell: for a run-breaking producer, whether one particular wrap fell
on a space. Those wraps are joined without one (93 % of such wraps in the corpus had none).
"""

from __future__ import annotations

import itertools
from statistics import median

from ita.pdf.model import Line, PageText

# A median line-end gap (in font sizes) below this marks a producer that breaks inside runs.
RAGGED_GAP = 3.0


def right_edge(page: PageText) -> float:
    """Where the page's text lines end (its right margin): the rightmost line end shared by
    several lines, so one wide header, footer or table does not move it."""
    ends = sorted((line.words[-1].x1 for line in page.lines if line.words), reverse=True)
    if not ends:
        return page.width
    need = max(2, len(ends) // 10)
    for i, x in enumerate(ends):
        support = sum(1 for y in ends[i : i + need * 4] if x - y <= 3.0)
        if support >= need:
            return x
    return ends[0]


def breaks_inside_runs(blocks: list[tuple[list[Line], float]]) -> bool | None:
    """Whether the producer wraps inside Thai runs, judged from blocks of consecutive lines
    (each with its right margin); None when the blocks hold no Thai–Thai wrap."""
    gaps: list[float] = []
    for lines, right in blocks:
        for a, b in itertools.pairwise(lines):
            if not _is_wrap(a, b):
                continue
            if _chunk_fits(a, b, right):
                return True
            gaps.append((right - a.words[-1].x1) / a.size)
    if not gaps:
        return None
    return median(gaps) < RAGGED_GAP


def cell_blocks(pages: list[PageText]) -> list[tuple[list[Line], float]]:
    """Table cells that wrap, each with its column's right margin (the rightmost line end of
    all cells starting at the same x on the page), for `breaks_inside_runs`: item texts and
    long names wrap in every result report, so these give the evidence prose may lack."""
    blocks: list[tuple[list[Line], float]] = []
    for page in pages:
        columns: dict[int, list[list[Line]]] = {}
        for row in page.rows:
            for cell in row.cells:
                if cell.lines:
                    columns.setdefault(round(cell.bbox[0] / 3), []).append(cell.lines)
        for cells in columns.values():
            right = max(line.words[-1].x1 for lines in cells for line in lines)
            blocks.extend((lines, right) for lines in cells if len(lines) > 1)
    return blocks


def _is_wrap(a: Line, b: Line) -> bool:
    """b continues the paragraph of a: directly below, Thai letter on both sides."""
    if not a.words or not b.words:
        return False
    size = max(a.size, b.size)
    if b.top - a.bottom > 0.8 * size or b.top < a.bottom - 0.3 * size:
        return False
    return _thai(a.words[-1].text[-1:]) and _thai(b.words[0].text[:1])


def could_continue(a: Line, b: Line, right: float) -> bool:
    """b may be the wrapped rest of a: its first chunk would not have fitted after a."""
    if not a.words or not b.words:
        return False
    first = b.words[0]
    return (first.x1 - first.x0) + 0.3 * first.size >= right - a.words[-1].x1


def _chunk_fits(a: Line, b: Line, right: float) -> bool:
    gap = right - a.words[-1].x1
    first = b.words[0]
    return gap < RAGGED_GAP * a.size and (first.x1 - first.x0) + 0.3 * first.size < gap


def join_wrapped(lines: list[Line], right: float, inside_runs: bool) -> str:
    """The text of consecutive lines of one paragraph, with a space where the wrap stood for
    one (see the module docstring). `right` is the text's right margin."""
    lines = [line for line in lines if line.words]
    right = max([right, *(line.words[-1].x1 for line in lines)])
    out = ""
    for i, line in enumerate(lines):
        if i:
            out += _separator(lines[i - 1], line, right, inside_runs)
        out += line.text
    return out


def _separator(a: Line, b: Line, right: float, inside_runs: bool) -> str:
    if not (_thai(a.words[-1].text[-1:]) and _thai(b.words[0].text[:1])):
        return " "
    if inside_runs or _chunk_fits(a, b, right):
        return ""
    return "" if _forced(a, b, right - a.words[-1].x1) else " "


def _forced(a: Line, b: Line, gap: float) -> bool:
    """A space-breaking producer cut a run longer than the line where the line was full: the
    cut leaves a syllable open (a leading vowel at the end, a following vowel at the start)."""
    if len(a.words) != 1 or gap > a.size:
        return False
    return a.words[-1].text[-1:] in _LEADING or b.words[0].text[:1] in _NON_INITIAL


_LEADING = frozenset("เแโใไ")
_NON_INITIAL = frozenset("ะาำๅๆฯ")


def _thai(ch: str) -> bool:
    return "ก" <= ch <= "๛"
