"""What the PDF layer hands to parsers: pages of lines, words and table cells, each with its
page number and bounding box (x0, top, x1, bottom in PDF points, top-left origin — pdfplumber's
convention), so every extracted value can point back to where it was printed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ita.record import BBox

CharSource = Literal["pdfplumber", "pdfium"]


@dataclass(slots=True)
class Glyph:
    """One character (or one /ActualText span) in content-stream order. `text` is "" for a
    glyph the producer wrote without a Unicode mapping (lost)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    lost: bool = False


@dataclass(slots=True)
class Word:
    """Characters with no gap between them, Thai repaired."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    lost: int = 0  # glyphs inside the word that had no text (marks the producer dropped)

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(slots=True)
class Line:
    """Words sharing a baseline, left to right, across the whole page width."""

    page: int
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> BBox:
        return bbox_of(self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)


@dataclass(slots=True)
class Cell:
    """A table cell, or a run of words that stands apart on its line (an unruled column)."""

    page: int
    lines: list[Line]
    box: BBox | None = None  # the ruled cell's own box, when it has one

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]

    @property
    def text(self) -> str:
        return join_lines([line.text for line in self.lines])

    @property
    def bbox(self) -> BBox:
        words = self.words
        if words:
            return bbox_of(words)
        assert self.box is not None
        return self.box


@dataclass(slots=True)
class Row:
    """One table row (ruled grid) or one page line split at wide gaps (unruled layout)."""

    page: int
    cells: list[Cell]
    ruled: bool
    table: int | None = None  # index of the ruled table on its page

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells if c.lines)

    def physical_lines(self) -> list[Line]:
        """The row's words regrouped into printed lines, cells of one line side by side."""
        words = sorted((w for c in self.cells for w in c.words), key=lambda w: w.top + w.bottom)
        groups: list[list[Word]] = []
        for w in words:
            last = groups[-1][-1] if groups else None
            if last is not None and abs((last.top + last.bottom) - (w.top + w.bottom)) < last.size:
                groups[-1].append(w)
            else:
                groups.append([w])
        return [Line(self.page, sorted(g, key=lambda w: w.x0)) for g in groups]

    @property
    def top(self) -> float:
        return min(c.bbox[1] for c in self.cells)

    @property
    def bottom(self) -> float:
        return max(c.bbox[3] for c in self.cells)


@dataclass(slots=True)
class PageText:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]
    rows: list[Row]  # reading order: ruled table rows and loose lines, top to bottom
    source: CharSource = "pdfplumber"
    glyphs: int = 0
    lost: int = 0
    images: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def bbox_of(words: list[Word]) -> BBox:
    return (
        min(w.x0 for w in words),
        min(w.top for w in words),
        max(w.x1 for w in words),
        max(w.bottom for w in words),
    )


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines of one paragraph or cell. Thai has no spaces between words, so a
    break between two Thai letters is joined without one; anything else gets a space."""
    out = ""
    for text in lines:
        if not text:
            continue
        if out and not (_is_thai(out[-1]) and _is_thai(text[0])):
            out += " "
        out += text
    return out


def _is_thai(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e4e"
