"""A document as rows of text with offsets back to words, so a regular expression that matches
row text can say on which page and where (bounding box) the matched value was printed.

Page furniture — running headers and footers, page numbers, browser print headers — is
removed first: a text repeated in the top or bottom margin of several pages, or a margin line
that is only a page number, date or URL.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ita.pdf import Cell, Line, PageText, Row, Word
from ita.pdf.paragraphs import breaks_inside_runs, cell_blocks, join_wrapped, right_edge
from ita.record import BBox, Source
from ita.thai import arabic_digits

DIGIT = "[0-9๐-๙]"
# A score as printed: 87.13, ๘๗.๑๓, 100, 87.5 (never part of a longer token).
NUMBER = re.compile(
    rf"(?<![0-9๐-๙A-Za-z.,/])({DIGIT}{{1,3}}(?:[.,]{DIGIT}{{1,3}})?)(?![0-9๐-๙A-Za-z])"
)
_MARGIN = 0.085  # share of the page height treated as header/footer margin
_FURNITURE = re.compile(
    rf"^(?:หน้า\s*{DIGIT}+(?:\s*(?:/|จาก)\s*{DIGIT}+)?|-?\s*{DIGIT}+\s*-?|{DIGIT}+\s*/\s*{DIGIT}+"
    r"|(?:file|https?)://\S+.*|.*\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}.*)$"
)


def parse_decimal(text: str) -> Decimal | None:
    """A printed score as a Decimal (Thai digits converted, comma decimal accepted)."""
    try:
        return Decimal(arabic_digits(text).replace(",", "."))
    except InvalidOperation:
        return None


@dataclass(slots=True)
class TextRow:
    """A row's text ("cell | cell" joined by spaces) with each word's offsets."""

    row: Row
    text: str
    spans: list[tuple[int, int, Word]]
    cell_of: list[int]  # cell index of each span
    index: int = 0  # position in the document's reading order

    @property
    def page(self) -> int:
        return self.row.page

    def source(self, start: int, end: int) -> Source:
        words = [w for s, e, w in self.spans if s < end and e > start]
        if not words:
            words = [w for _, _, w in self.spans]
        return Source(self.page, _union([w.bbox for w in words]))

    def cell_at(self, offset: int) -> int:
        for (s, e, _), c in zip(self.spans, self.cell_of, strict=True):
            if s <= offset < e:
                return c
        return -1

    @property
    def cells(self) -> list[Cell]:
        return self.row.cells


@dataclass(slots=True)
class DocumentView:
    pages: list[PageText]
    rows: list[TextRow] = field(default_factory=list)
    # whether the producer wraps lines inside Thai runs (ita.pdf.paragraphs); None = no evidence
    inside_runs: bool | None = None
    right_edges: dict[int, float] = field(default_factory=dict)

    @classmethod
    def of(cls, pages: list[PageText], split_code: re.Pattern[str] | None = None) -> DocumentView:
        """Rows of all pages in reading order, page furniture dropped; with `split_code`,
        item codes whose number wrapped below (even onto the next page) are joined again."""
        furniture = _furniture(pages)
        kept_rows = [
            kept
            for page in pages
            for row in page.rows
            if (kept := _drop_furniture(row, page, furniture)) is not None
        ]
        if split_code is not None:
            _join_split_codes(kept_rows, split_code)
        rows = [_text_row(row, i) for i, row in enumerate(kept_rows) if row.cells]
        for i, row in enumerate(rows):
            row.index = i
        return cls(
            pages,
            rows,
            inside_runs=breaks_inside_runs(cell_blocks(pages)),
            right_edges={p.number: right_edge(p) for p in pages},
        )

    def join(self, paragraphs: list[list[Line]]) -> list[str]:
        """Wrapped lines of each paragraph as one string, spaces restored where the wrap
        stood for one. The producer's wrapping style comes from the document's wrapped table
        cells, else from these paragraphs' own wraps."""
        lines = [line for p in paragraphs for line in p]
        right = max((line.words[-1].x1 for line in lines if line.words), default=0.0)
        inside = self.inside_runs
        if inside is None:
            inside = breaks_inside_runs([(p, right) for p in paragraphs])
        if inside is None:
            inside = True  # no evidence either way: the common case (ICU-style wrapping)
        return [join_wrapped(p, right, inside) for p in paragraphs]

    def text(self, pages: int | None = None) -> str:
        return "\n".join(r.text for r in self.rows if pages is None or r.page <= pages)


def _text_row(row: Row, index: int) -> TextRow:
    parts: list[str] = []
    spans: list[tuple[int, int, Word]] = []
    cell_of: list[int] = []
    pos = 0
    for ci, cell in enumerate(row.cells):
        for line in cell.lines:
            for w in line.words:
                if parts:
                    parts.append(" ")
                    pos += 1
                parts.append(w.text)
                spans.append((pos, pos + len(w.text), w))
                cell_of.append(ci)
                pos += len(w.text)
    return TextRow(row, "".join(parts), spans, cell_of, index)


def _join_split_codes(rows: list[Row], prefix: re.Pattern[str]) -> None:
    """A cell holding only a code prefix ("OIT", "O") takes the lone number printed under it
    within the next rows; that number then leaves its own row."""
    for i, row in enumerate(rows):
        for cell in row.cells:
            words = cell.words
            if len(words) != 1 or not prefix.match(words[0].text):
                continue
            head = words[0]
            for later in rows[i + 1 : i + 4]:
                found = _number_under(later, head)
                if found is not None:
                    cell_of, word = found
                    head.text = f"{head.text.rstrip('. ')} {word.text}"
                    _remove_word(cell_of, word)
                    break
        row.cells = [c for c in row.cells if c.words]


def _number_under(row: Row, head: Word) -> tuple[Cell, Word] | None:
    for cell in row.cells:
        for w in cell.words:
            centre = (w.x0 + w.x1) / 2
            if (
                head.x0 - 2 <= centre <= head.x1 + 2
                and len(w.text) <= 2
                and arabic_digits(w.text).isdigit()
            ):
                return cell, w
    return None


def _remove_word(cell: Cell, word: Word) -> None:
    for line in cell.lines:
        if word in line.words:
            line.words.remove(word)
    cell.lines = [line for line in cell.lines if line.words]


def _margin_key(row: Row, page: PageText) -> str | None:
    top_m, bottom_m = page.height * _MARGIN, page.height * (1 - _MARGIN)
    if row.bottom <= top_m or row.top >= bottom_m:
        return re.sub(rf"{DIGIT}+", "#", row.text)
    return None


def _furniture(pages: list[PageText]) -> set[str]:
    """Margin texts (digits masked) repeated on at least two pages."""
    seen: Counter[str] = Counter()
    for page in pages:
        keys = {k for row in page.rows if (k := _margin_key(row, page))}
        seen.update(keys)
    return {k for k, n in seen.items() if n >= 2}


def _drop_furniture(row: Row, page: PageText, furniture: set[str]) -> Row | None:
    key = _margin_key(row, page)
    if key is None:
        return row
    if key in furniture or _FURNITURE.match(row.text.strip()):
        return None
    return row


def _union(boxes: list[BBox]) -> BBox:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
