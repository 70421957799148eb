"""What one row holds, found once and shared by every field reader: indicator markers
("ตัวชี้วัดที่ 7"), item codes in any spelling ("O24", "O๒๔", "O 24", "O.24", "OIT 24", "0๒๔"),
scores (with the markers and codes masked out so their digits are never read as scores), and
มี/ไม่มี answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ita.pdf import Cell
from ita.sources.spec import Spec
from ita.sources.view import NUMBER, TextRow, parse_decimal
from ita.thai import arabic_digits

HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    value: Decimal | int | str


@dataclass(slots=True)
class RowInfo:
    row: TextRow
    markers: list[Hit] = field(default_factory=list)  # value = indicator number as printed
    codes: list[Hit] = field(default_factory=list)  # value = normalised code "O24"
    numbers: list[Hit] = field(default_factory=list)  # value = Decimal score 0–100
    answers: list[Hit] = field(default_factory=list)  # มี/ไม่มี as 100/0
    value_cells: list[int] = field(default_factory=list)  # cells holding only scores/answers

    @property
    def tabular(self) -> bool:
        return sum(1 for c in self.row.cells if c.lines) >= 2

    def values_in_cells(self) -> list[Hit]:
        """Scores and answers printed in value-only cells, in reading order."""
        cells = set(self.value_cells)
        hits = [h for h in self.numbers + self.answers if self.row.cell_at(h.start) in cells]
        return sorted(hits, key=lambda h: h.start)

    def first_number_after(self, offset: int, before: int | None = None) -> Hit | None:
        for h in self.numbers:
            if h.start >= offset and (before is None or h.start < before):
                return h
        return None


def normalise_code(letter: str, digits: str) -> str:
    return letter.upper() + str(int(arabic_digits(digits)))


def analyse_row(row: TextRow, spec: Spec, item_codes: frozenset[str]) -> RowInfo:
    info = RowInfo(row)
    text = row.text
    masked = list(text)

    def mask(start: int, end: int) -> None:
        masked[start:end] = " " * (end - start)

    for m in spec.indicator_marker.finditer(text):
        info.markers.append(Hit(m.start(), m.end(), int(arabic_digits(m.group("n")))))
        mask(m.start(), m.end())
    for m in spec.sub_indicator_marker.finditer(text):
        mask(m.start(), m.end())
    for m in spec.item_code.finditer(text):
        letter = m.group("tool") or m.group("letter") or "O"
        code = normalise_code(letter, m.group("n"))
        if code in item_codes:
            info.codes.append(Hit(m.start(), m.end(), code))
            mask(m.start(), m.end())
    lm = spec.list_marker.match(text)
    if lm and lm.end() < len(text):
        mask(lm.start(), lm.end())
    masked_text = "".join(masked)
    for m in NUMBER.finditer(masked_text):
        value = parse_decimal(m.group(1))
        if value is not None and ZERO <= value <= HUNDRED:
            info.numbers.append(Hit(m.start(), m.end(), value))
    for s, e, w in row.spans:
        if w.text in spec.yes:
            info.answers.append(Hit(s, e, HUNDRED))
        elif w.text in spec.no:
            info.answers.append(Hit(s, e, ZERO))
    info.value_cells = _value_cells(info, spec)
    return info


def _value_cells(info: RowInfo, spec: Spec) -> list[int]:
    """Cells holding only scores or answers. In an unruled row a number standing between two
    pieces of text on its line ("ใน 1 ปีที่ผ่านมา") is part of the sentence, not a column."""
    out = []
    answers = spec.yes | spec.no
    cells = info.row.cells
    for ci, cell in enumerate(cells):
        words = cell.words
        if not words or not all(NUMBER.fullmatch(w.text) or w.text in answers for w in words):
            continue
        if (
            not info.row.row.ruled
            and 0 < ci < len(cells) - 1
            and _inline(cells[ci - 1], cell, cells[ci + 1])
        ):
            continue
        out.append(ci)
    return out


def _inline(before: Cell, cell: Cell, after: Cell) -> bool:
    top = cell.bbox[1]
    return all(any(abs(w.top - top) < 0.5 * w.size for w in c.words) for c in (before, after))
