"""Rows of a page: ruled tables through pdfplumber's table finder (its lines strategy: ruling
edges → intersections → cells → tables), everything else by alignment — a line split into
cells wherever words stand further apart than ordinary word spacing (unruled columns).

Words are assigned to ruled cells by their centre, so a cell whose text wraps keeps all of
its lines and a row keeps the number printed beside a long wrapped label.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from ita.pdf.model import Cell, Line, Row, Word

# Words further apart than this many font sizes belong to different (unruled) columns.
COLUMN_GAP = 1.0
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
    rows.extend(
        _merge_continuations([Row(page, split_columns(ln, page), ruled=False) for ln in loose])
    )
    rows.sort(key=lambda row: row.top)
    return rows


def _merge_continuations(rows: list[Row]) -> list[Row]:
    """Unruled tables wrap long cells onto lines below: a line with fewer cells than the row
    above, every cell of it lying under one of that row's cells, close below it, and nothing
    under the row's last (value) column, continues that row."""
    out: list[Row] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and _continues(prev, row):
            for cell in row.cells:
                target = _column_of(prev, cell)
                assert target is not None
                target.lines.extend(cell.lines)
            continue
        out.append(row)
    return out


def _continues(prev: Row, row: Row) -> bool:
    if len(prev.cells) < 2 or len(row.cells) >= len(prev.cells):
        return False
    height = row.bottom - row.top
    if row.top - prev.bottom > 0.8 * height:
        return False
    columns = [_column_of(prev, cell) for cell in row.cells]
    return all(c is not None for c in columns) and columns[-1] is not prev.cells[-1]


def _column_of(row: Row, cell: Cell) -> Cell | None:
    """The cell of `row` that `cell` sits under (horizontal overlap with its column span)."""
    x0, _, x1, _ = cell.bbox
    bounds = [c.bbox for c in row.cells]
    for i, c in enumerate(row.cells):
        left = bounds[i][0] - 2
        right = bounds[i + 1][0] - 2 if i + 1 < len(bounds) else bounds[i][2] + 2
        if x0 >= left and x1 <= max(right, bounds[i][2] + 2):
            return c
    return None


def split_columns(line: Line, page: int) -> list[Cell]:
    """A line's words grouped into cells at gaps wider than `COLUMN_GAP` font sizes."""
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
