"""Open a PDF and read it page by page into `PageText` (lines, words, rows with boxes).

Pages are parsed one at a time and closed straight after (`Page.close()` flushes pdfminer's
layout), so memory stays flat on long documents. Failures to open or parse raise
`UnreadablePdf` with a plain reason (encrypted, truncated, not a PDF).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from ita.pdf.glyphs import ThaiPage, count_damage, read_glyphs, read_pdfium_glyphs
from ita.pdf.lines import build_lines
from ita.pdf.model import CharSource, PageText
from ita.pdf.tables import build_rows, find_ruled_grids
from ita.settings import get_settings

# pdfminer warns on every sloppy font descriptor ("Could not get FontBBox …"): noise here.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# Read a page again with PDFium when pdfplumber lost more glyphs than this.
PDFIUM_RETRY_LOST = 3


class UnreadablePdf(Exception):
    """The file cannot be parsed as a PDF; `reason` says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@contextmanager
def open_pdf(path: Path | str) -> Iterator[PdfReader]:
    reader = PdfReader(Path(path))
    try:
        yield reader
    finally:
        reader.close()


class PdfReader:
    """Pages of one PDF as `PageText`, read lazily."""

    def __init__(self, path: Path) -> None:
        self.path = path
        head = path.read_bytes()[:1024] if path.exists() else b""
        if b"%PDF" not in head:
            raise UnreadablePdf("not a PDF file (no %PDF header)")
        try:
            self._pdf = pdfplumber.open(path)
            self._page_objs = list(PDFPage.create_pages(self._pdf.doc))
        except (PDFPasswordIncorrect, PDFEncryptionError) as e:
            raise UnreadablePdf(f"encrypted: the PDF needs a password ({type(e).__name__})") from e
        except PdfminerException as e:
            raise UnreadablePdf(_describe(e.args[0] if e.args else e)) from e
        except Exception as e:  # pdfminer raises many kinds on broken files
            raise UnreadablePdf(_describe(e)) from e
        self._pdfium: pdfium.PdfDocument | None = None
        self.metadata = dict(self._pdf.metadata)

    @property
    def page_count(self) -> int:
        return len(self._page_objs)

    def pages(self, limit: int | None = None) -> Iterator[PageText]:
        self.check_complexity(limit)
        doctop = 0.0
        for i, page_obj in enumerate(self._page_objs[:limit]):
            try:
                page = ThaiPage(self._pdf, page_obj, page_number=i + 1, initial_doctop=doctop)
                doctop += page.height
            except Exception as e:  # a broken page dictionary (e.g. no /MediaBox anywhere)
                raise UnreadablePdf(f"page {i + 1}: {_describe(e)}") from e
            try:
                yield self._read_page(page)
            finally:
                page.close()

    def _read_page(self, page: ThaiPage) -> PageText:
        try:
            glyphs = read_glyphs(page)
            grids = find_ruled_grids(page)
            images = page.count_images()
        except Exception as e:
            raise UnreadablePdf(f"page {page.page_number}: {_describe(e)}") from e
        lost = count_damage(glyphs)
        source: CharSource = "pdfplumber"
        notes: list[str] = []
        if lost > PDFIUM_RETRY_LOST:
            alt = self._pdfium_glyphs(page.page_number, page.height)
            alt_lost = count_damage(alt) if alt is not None else None
            notes.append(f"pdfplumber lost {lost} glyphs; pdfium lost {alt_lost}")
            if alt is not None and alt_lost is not None and alt_lost < lost:
                glyphs, lost, source = alt, alt_lost, "pdfium"
        lines = build_lines(glyphs, page.page_number)
        rows = build_rows(lines, grids, page.page_number)
        return PageText(
            number=page.page_number,
            width=float(page.width),
            height=float(page.height),
            lines=lines,
            rows=rows,
            source=source,
            glyphs=len(glyphs),
            lost=lost,
            images=images,
            notes=notes,
        )

    def check_complexity(self, limit: int | None = None) -> None:
        """Refuse a page too complex to parse safely before pdfminer builds one Python object
        per glyph (a page of 150,000 tiny glyphs takes it minutes): PDFium counts each page's
        drawing objects and characters in milliseconds. Limits: settings.max_page_objects,
        max_page_chars, max_document_chars (an ITA result page holds a few thousand)."""
        s = get_settings()
        try:
            if self._pdfium is None:
                self._pdfium = pdfium.PdfDocument(str(self.path))
        except pdfium.PdfiumError:
            return  # PDFium cannot open it; pdfminer reports what is wrong page by page
        total = 0
        for i in range(len(self._pdfium) if limit is None else min(limit, len(self._pdfium))):
            try:
                page = self._pdfium[i]
            except pdfium.PdfiumError:
                continue  # a page PDFium cannot load (e.g. a wrong /Count): pdfminer decides
            try:
                objects = pdfium_c.FPDFPage_CountObjects(page.raw)
                text = page.get_textpage()
                chars = text.count_chars()
                text.close()
            finally:
                page.close()
            total += chars
            if objects > s.max_page_objects or chars > s.max_page_chars:
                raise UnreadablePdf(
                    f"too complex to read: page {i + 1} holds {objects:,} drawing objects and "
                    f"{chars:,} characters (limits {s.max_page_objects:,} and "
                    f"{s.max_page_chars:,} per page)"
                )
            if total > s.max_document_chars:
                raise UnreadablePdf(
                    f"too complex to read: {total:,} characters in the first {i + 1} pages "
                    f"(limit {s.max_document_chars:,} per document)"
                )

    def _pdfium_glyphs(self, number: int, height: float) -> list | None:
        try:
            if self._pdfium is None:
                self._pdfium = pdfium.PdfDocument(str(self.path))
            pdf_page = self._pdfium[number - 1]
            try:
                return read_pdfium_glyphs(pdf_page, height)
            finally:
                pdf_page.close()
        except pdfium.PdfiumError:
            return None

    def close(self) -> None:
        try:
            self._pdf.close()  # builds every page first: fails on a broken page dictionary
        except Exception:
            if not self._pdf.stream_is_external:
                self._pdf.stream.close()
        if self._pdfium is not None:
            self._pdfium.close()


def _describe(e: BaseException) -> str:
    name = type(e).__name__
    text = str(e) or name
    if isinstance(e, PDFEncryptionError | PDFPasswordIncorrect):  # before PSException, its base
        return f"encrypted: the PDF needs a password ({name})"
    if isinstance(e, PSException) or "EOF" in text or "xref" in text.lower():
        return f"truncated or damaged PDF ({name}: {text[:80]})"
    return f"cannot parse PDF ({name}: {text[:80]})"
