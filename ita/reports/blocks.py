"""A small, format-neutral document model.

Content builders (`ita.reports.analysis`, `ita.reports.progress`) turn a context into a
`Document` — a list of blocks holding display-ready text. The renderers (PDF, DOCX, HTML,
Markdown) only lay the blocks out, so every format says exactly the same thing and the numbers
are formatted once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right", "justify"]
Orientation = Literal["portrait", "landscape"]
PageNumbering = Literal["none", "letters", "numbers"]


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text in one style."""

    text: str
    bold: bool = False
    keep: bool = False  # never broken across lines


Inline = tuple[Run, ...]


def runs(*parts: str | Run) -> Inline:
    """Inline text from plain strings (regular) and `Run`s (styled)."""
    return tuple(p if isinstance(p, Run) else Run(p) for p in parts if p)


def bold(text: str) -> Run:
    return Run(text, bold=True)


def plain_text(inline: Inline) -> str:
    return "".join(r.text for r in inline)


_LABEL = re.compile(r"^([0-9๐-๙]{1,2}\.)[ \t]+")


def split_label(inline: Inline) -> tuple[str | None, Inline]:
    """A list paragraph's label ("1." / "๑.") and the text after it; (None, inline) otherwise."""
    if not inline:
        return None, inline
    match = _LABEL.match(inline[0].text)
    if not match:
        return None, inline
    first = Run(inline[0].text[match.end() :], inline[0].bold, inline[0].keep)
    return match.group(1), (first, *inline[1:]) if first.text else inline[1:]


@dataclass(frozen=True, slots=True)
class Section:
    """Starts a new page run: its page numbering and orientation (a DOCX section)."""

    numbering: PageNumbering = "numbers"
    orientation: Orientation = "portrait"
    restart_at: int | None = None  # restart the page counter (1 = first page of the run)
    running_header: bool = True


@dataclass(frozen=True, slots=True)
class Cover:
    """The title page."""

    title_lines: tuple[str, ...]
    subtitle_lines: tuple[str, ...]
    facts: tuple[tuple[str, str], ...] = ()  # (label, value) shown as a result badge
    footer_lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1  # 1 = chapter, 2 = section
    in_toc: bool = True
    page_break_before: bool = False
    align: Align = "left"


@dataclass(frozen=True, slots=True)
class Paragraph:
    content: Inline
    align: Align = "justify"
    first_line_indent: bool = True
    label: str | None = None  # hanging label, e.g. "(๑)"
    size: Literal["body", "small", "large"] = "body"
    space_after: bool = True


@dataclass(frozen=True, slots=True)
class Cell:
    lines: tuple[Inline, ...]  # each entry is its own paragraph inside the cell
    align: Align = "left"

    @classmethod
    def of(cls, *texts: str | Inline, align: Align = "left", strong: bool = False) -> Cell:
        lines = tuple(
            runs(Run(t, bold=strong)) if isinstance(t, str) else t for t in texts if t != ""
        )
        return cls(lines, align)


RowKind = Literal["body", "group", "emphasis"]


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    kind: RowKind = "body"  # group: one cell spanning every column (a band heading)
    indent: int = 0  # visual indent level of the first cell (items under an indicator)


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    weight: float  # relative width
    align: Align = "left"


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    caption: str | None = None
    key: str = ""  # a stable name for tests and CSS ("grade-bands", "ranked-indicators", …)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # short axis label, e.g. "๗"
    name: str  # full name for legends and accessibility
    value: float
    display: str  # the value as printed


@dataclass(frozen=True, slots=True)
class BarChart:
    bars: tuple[Bar, ...]
    threshold: float
    threshold_label: str
    axis_max: float
    caption: str
    legend_pass: str = ""
    legend_below: str = ""
    axis_title: str = ""
    ticks: tuple[tuple[float, str], ...] = ()


@dataclass(frozen=True, slots=True)
class TableOfContents:
    title: str
    page_header: str  # the right-hand column title ("หน้า")
    entry_header: str  # the left-hand column title ("เรื่อง")


@dataclass(frozen=True, slots=True)
class Signature:
    lines: tuple[str, ...]


Block = Section | Cover | Heading | Paragraph | Table | BarChart | TableOfContents | Signature


@dataclass(frozen=True, slots=True)
class Document:
    title: str  # document metadata title
    running_header: tuple[str, str]  # left and right text of the page header
    page_label: str  # e.g. "หน้า"
    blocks: tuple[Block, ...]
    lang: str = "th"
    thai_digits: bool = False
    keywords: tuple[str, ...] = field(default_factory=tuple)
    keep: tuple[str, ...] = ()  # phrases never broken across lines (the agency's name)

    def headings(self) -> Iterator[Heading]:
        return (b for b in self.blocks if isinstance(b, Heading) and b.in_toc)

    def tables(self, key: str) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table) and b.key == key]
