"""Rows of a page: ruled tables through pdfplumber's table finder (its lines strategy: ruling
edges → intersections → cells → tables), everything else by alignment — a line split into
cells wherever words stand further apart than ordinary word spacing (unruled columns).

Words are assigned to ruled cells by their centre, so a cell whose text wraps keeps all of
its lines and a row keeps the number printed beside a long wrapped label.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from ita.pdf.model import Cell, Line, Row, Word

# Words further apart than this many font sizes belong to different (unruled) columns; a
# word after a gap of `NARROW_GAP` may start a column (`column_starts`).
COLUMN_GAP = 1.0
NARROW_GAP = 0.25
# A cell holding a score or a yes/no answer: the value column of a data row.
_VALUE = re.compile(r"^\s*(?:[0-9๐-๙]{1,3}(?:[.,][0-9๐-๙]{1,3})?|มี|ไม่มี|ผ่าน|ไม่ผ่าน)\s*$")
_FINDER_SETTINGS: dict[str, Any] = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def find_ruled_grids(page: Any) -> list[list[list[tuple[float, float, float, float] | None]]]:
    """Each ruled table on a pdfplumber page as rows of cell boxes (None where a cell spans)."""
    grids = []
    for table in page.find_tables(_FINDER_SETTINGS):
        rows = [list(row.cells) for row in table.rows]
        if len(rows) * max(len(r) for r in rows) >= 2:
            grids.append(rows)
    return grids


def build_rows(
    lines: list[Line], grids: list[list[list[tuple[float, float, float, float] | None]]], page: int
) -> list[Row]:
    """All rows of a page top to bottom: ruled table rows first filled with the words whose
    centre lies in one of their cells; every other word stays on its line as an unruled row."""
    index = _GridIndex(grids)
    filled: dict[tuple[int, int, int], dict[int, list[Word]]] = {}
    loose: list[Line] = []
    for li, line in enumerate(lines):
        rest: list[Word] = []
        for w in line.words:
            key = index.locate((w.x0 + w.x1) / 2, (w.top + w.bottom) / 2)
            if key is None:
                rest.append(w)
            else:
                filled.setdefault(key, {}).setdefault(li, []).append(w)
        if rest:
            loose.append(line if len(rest) == len(line.words) else Line(page, rest))
    rows: list[Row] = []
    for t, grid in enumerate(grids):
        for r, cells in enumerate(grid):
            row_cells = []
            for c, box in enumerate(cells):
                if box is None:
                    continue
                by_line = filled.get((t, r, c), {})
                row_cells.append(Cell(page, [Line(page, by_line[i]) for i in sorted(by_line)], box))
            if any(cell.lines for cell in row_cells):
                rows.append(Row(page, row_cells, ruled=True, table=t))
    starts = column_starts(loose)
    rows.extend(
        _merge_continuations(
            [Row(page, split_columns(ln, page), ruled=False) for ln in loose],
            _Bands(starts),
        )
    )
    rows.sort(key=lambda row: row.top)
    return rows


def _merge_continuations(rows: list[Row], bands: _Bands) -> list[Row]:
    """Unruled tables wrap long cells onto several lines. A *partial* line — fewer cells than
    a neighbouring row, each under one of its columns, nothing under its last (value) column
    — belongs to a full row. A run of partial lines between two full rows is split at its
    widest vertical gap (the row padding): lines above it continue the row above (cells
    aligned to the top), lines below it lead into the row below (cells centred vertically).
    With no wider gap, everything continues the row above."""
    partial = [False] * len(rows)
    anchor: Row | None = None
    for i, row in enumerate(rows):
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if (anchor is not None and _fits_under(anchor, row, bands)) or (
            nxt is not None and _VALUE.match(nxt.cells[-1].text) and _fits_under(nxt, row, bands)
        ):
            partial[i] = True
        else:
            anchor = row
    out: list[Row] = []
    i = 0
    while i < len(rows):
        if not partial[i]:
            out.append(rows[i])
            i += 1
            continue
        j = i
        while j < len(rows) and partial[j]:
            j += 1
        run = rows[i:j]
        above = out[-1] if out and _fits_under(out[-1], run[0], bands) else None
        below = rows[j] if j < len(rows) and _fits_under(rows[j], run[-1], bands) else None
        if below is not None and not _VALUE.match(below.cells[-1].text):
            below = None  # only a data row (a value in its last column) draws lines upward
        split = _split_run(run, above, below)
        for part in run[:split]:
            _absorb(above, part, bands) if above is not None else out.append(part)
        if split < len(run):
            if below is None:
                out.extend(run[split:])
            else:
                for part in reversed(run[split:]):
                    _absorb(below, part, bands, before=True)
        i = j
    return out


def _split_run(run: list[Row], above: Row | None, below: Row | None) -> int:
    """How many lines of the run continue the row above (the rest lead into the row below)."""
    if above is None:
        return 0
    if below is None:
        return len(run)
    tops = [r.top for r in run] + [below.top]
    bottoms = [above.bottom] + [r.bottom for r in run]
    gaps = [t - b for t, b in zip(tops, bottoms, strict=True)]
    widest = max(gaps)
    if widest - min(gaps) < 0.15 * (run[0].bottom - run[0].top):
        return len(run)  # even spacing: cells are top-aligned
    return max(k for k, g in enumerate(gaps) if g == widest)


def _absorb(row: Row, part: Row, bands: _Bands, before: bool = False) -> None:
    for cell in part.cells:
        target = _column_of(row, cell, bands)
        if target is None:  # the row has nothing in that column on its own line
            target = Cell(row.page, [], box=cell.bbox)
            row.cells.append(target)
            row.cells.sort(key=lambda c: c.bbox[0])
        if before:
            target.lines[0:0] = cell.lines
        else:
            target.lines.extend(cell.lines)


def _fits_under(full: Row, part: Row, bands: _Bands) -> bool:
    """`part` can be a wrapped line of `full`: fewer cells, within a line or two of it, each
    cell inside one column, and nothing under its last (value) column."""
    if len(full.cells) < 2 or len(part.cells) >= len(full.cells):
        return False
    height = part.bottom - part.top
    distance = max(part.top - full.bottom, full.top - part.bottom)
    if distance > 0.8 * height or abs(_size(part) - _size(full)) > 0.6:
        return False  # too far, or another font size (a heading)
    last = full.cells[-1]
    for cell in part.cells:
        if bands:
            band = bands.of(cell)
            if band is None or band == bands.of(last):
                return False
        elif _column_of(full, cell, bands) in (None, last):
            return False
    return True


def _size(row: Row) -> float:
    return max(w.size for c in row.cells for w in c.words)


def _column_of(row: Row, cell: Cell, bands: _Bands) -> Cell | None:
    """The cell of `row` in the same column as `cell`: the same band between column starts
    where the page has them, else within the span of the row's own cells."""
    if bands:
        band = bands.of(cell)
        return next((c for c in row.cells if c.lines and bands.of(c) == band), None)
    x0, _, x1, _ = cell.bbox
    bounds = [c.bbox for c in row.cells]
    for i, c in enumerate(row.cells):
        left = bounds[i][0] - 2
        right = bounds[i + 1][0] - 2 if i + 1 < len(bounds) else bounds[i][2] + 2
        if x0 >= left and x1 <= max(right, bounds[i][2] + 2):
            return c
    return None


class _Bands:
    """Columns of a page's unruled tables: the x ranges between consecutive column starts."""

    def __init__(self, starts: set[int]) -> None:
        self.edges = sorted(2 * k for k in starts)

    def __bool__(self) -> bool:
        return len(self.edges) >= 2

    def of(self, cell: Cell) -> int | None:
        """Index of the band holding the cell; None if it straddles a column start."""
        x0, _, x1, _ = cell.bbox
        i = bisect_right(self.edges, x0 + 2.5)
        if i < len(self.edges) and x1 > self.edges[i] + 2.5:
            return None
        return i


def column_starts(lines: list[Line]) -> set[int]:
    """x positions (2-point bins) where words start a column on several lines: at least
    three lines start a word there, two of them after a gap in mid-line."""
    total: dict[int, int] = {}
    mid: dict[int, int] = {}
    for line in lines:
        prev: Word | None = None
        for w in line.words:
            key = round(w.x0 / 2)
            if prev is None or w.x0 - prev.x1 > NARROW_GAP * w.size:
                total[key] = total.get(key, 0) + 1
                if prev is not None:
                    mid[key] = mid.get(key, 0) + 1
            prev = w
    return {k for k, n in total.items() if n >= 3 and mid.get(k, 0) >= 2}


def split_columns(line: Line, page: int) -> list[Cell]:
    """A line's words grouped into cells at gaps wider than `COLUMN_GAP` font sizes. (Column
    starts shared by other lines are not used to split: in justified or spaced prose they
    cut sentences and numbers out of their text — measured on the corpus.)"""
    cells: list[list[Word]] = []
    for w in line.words:
        if cells and w.x0 - cells[-1][-1].x1 <= COLUMN_GAP * max(w.size, cells[-1][-1].size):
            cells[-1].append(w)
        else:
            cells.append([w])
    return [Cell(page, [Line(page, ws)]) for ws in cells]


class _GridIndex:
    """Finds the (table, row, column) holding a point; rows located by bisection."""

    def __init__(self, grids: list[list[list[tuple[float, float, float, float] | None]]]) -> None:
        self.tables = []
        for grid in grids:
            grid.sort(key=lambda row: min(b[1] for b in row if b is not None))
            boxes = [b for row in grid for b in row if b is not None]
            bbox = (
                min(b[0] for b in boxes),
                min(b[1] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
            )
            tops = [min(b[1] for b in row if b is not None) for row in grid]
            self.tables.append((bbox, tops, grid))

    def locate(self, x: float, y: float) -> tuple[int, int, int] | None:
        for t, (bbox, tops, grid) in enumerate(self.tables):
            if not (bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]):
                continue
            start = max(0, bisect_right(tops, y) - 1)
            for r in range(start, max(-1, start - 3), -1):  # spanning cells reach back
                for c, box in enumerate(grid[r]):
                    if box is not None and box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                        return (t, r, c)
        return None
