"""A producer-neutral document model: every renderer (fpdf2, HTML → Chromium, DOCX →
LibreOffice) draws the same blocks, so a sample's truth does not depend on its producer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right"]


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 2  # 1 = document title, 2 = section, 3 = sub-section
    align: Align = "left"


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    bold: bool = False
    align: Align = "left"
    size: float | None = None  # points; None = body size
    indent: bool = False  # first-line indent, as Thai official letters do


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    header: tuple[str, ...] | None = None
    widths: tuple[float, ...] | None = None  # relative column widths
    aligns: tuple[Align, ...] | None = None
    ruled: bool = True  # full grid, or no lines at all (text-only layout)
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | PageBreak


@dataclass(slots=True)
class Document:
    """A whole document plus its page furniture."""

    title: str  # metadata title (and the browser header's title)
    blocks: list[Block] = field(default_factory=list)
    running_header: str | None = None  # repeated at the top of every page
    page_numbers: Literal["none", "plain", "of_total"] = "none"  # "หน้า 2" / "หน้า 2/5"
    thai_digits: bool = False  # for page numbers
    body_size: float = 14.0  # Thai documents use 14–16 pt (TH Sarabun metrics are small)
    browser_furniture: bool = False  # Chromium's own date/title/URL/page header+footer

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)
