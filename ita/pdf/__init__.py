"""The PDF layer: characters → Thai-repaired words, lines and table rows, each with its page
and bounding box.

>>> with open_pdf("report.pdf") as pdf:          # doctest: +SKIP
...     for page in pdf.pages():
...         for row in page.rows:
...             print(row.page, [cell.text for cell in row.cells])
"""

from ita.pdf.document import PdfReader, UnreadablePdf, open_pdf
from ita.pdf.model import Cell, Glyph, Line, PageText, Row, Word, join_lines

__all__ = [
    "Cell",
    "Glyph",
    "Line",
    "PageText",
    "PdfReader",
    "Row",
    "UnreadablePdf",
    "Word",
    "join_lines",
    "open_pdf",
]
