"""Characters of a page in content-stream order, from two independent readers.

**pdfplumber (pdfminer) — the primary source.** `ThaiPage` is a pdfplumber `Page` whose
interpreter device also honours ``/ActualText`` spans (Chromium writes one around every Thai
cluster whose glyphs do not map 1:1 to characters — ligatures such as ี่ that otherwise come out
as NUL and are lost). Characters are read straight from the page's layout objects — exactly
the objects ``page.chars`` is built from (a test checks that the two agree) — instead of
through ``page.chars``, whose per-object dict building costs about a third of pdfplumber's time
and would leave no budget for the Thai repair. The page's ``objects`` keep the graphics only
(rects, lines, curves, images), which is all pdfplumber's table finder needs.

**pypdfium2 — the fallback, chosen per page by numbers.** Some fonts carry no usable
/ToUnicode map; pdfminer then reports ``(cid:N)`` or empty glyphs while PDFium still decodes
them from the embedded font's own cmap. `read_pdfium_glyphs` reads a page with PDFium and the
caller keeps whichever reader lost fewer glyphs (`count_damage`). Measured on this project's
sample producers (see ``ita/pdf/NOTES.md``): with /ActualText honoured pdfplumber loses nothing
on Chromium, LibreOffice and fpdf2 output, while PDFium repeats /ActualText clusters
("ตัวชี้วัชี้ วัด") and, on WeasyPrint output, reports glyph ids as code points (U+013A, U+02F8)
where pdfplumber reports an empty glyph — so PDFium is read only for pages where pdfplumber
lost glyphs, and kept only when it lost fewer.
"""

from __future__ import annotations

from typing import Any

import pypdfium2 as pdfium
from pdfminer.layout import LTChar, LTContainer, LTPage
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent

from ita.pdf.model import Glyph
from ita.thai import SARA_AM

__all__ = ["ThaiPage", "count_damage", "read_glyphs", "read_pdfium_glyphs"]


class _ActualTextAggregator(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's device plus a stack of marked-content spans, so that every character
    drawn inside a ``/Span <</ActualText (…)>> BDC … EMC`` knows its replacement text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._spans: list[int | None] = []
        self.actual_texts: dict[int, str] = {}

    def begin_tag(self, tag: PSLiteral, props: Any = None) -> None:
        span = self._spans[-1] if self._spans else None
        if isinstance(props, dict) and "ActualText" in props:
            value = resolve1(props["ActualText"])
            text = decode_text(value) if isinstance(value, bytes) else str(value)
            span = len(self.actual_texts) + 1
            self.actual_texts[span] = text
        self._spans.append(span)
        super().begin_tag(tag, props)

    def end_tag(self) -> None:
        if self._spans:
            self._spans.pop()
        super().end_tag()
        if self._spans:  # pdfplumber forgets the enclosing tag; keep mcid/tag honest
            self.cur_tag = None

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        adv = super().render_char(*args, **kwargs)
        if self._spans and self._spans[-1] is not None:
            obj: Any = self.cur_item._objs[-1]
            obj.actual_text_span = self._spans[-1]
        return adv


class ThaiPage(Page):
    """A pdfplumber page that records /ActualText and keeps only graphics in ``objects``
    (characters are read by `read_glyphs`). ``chars`` is therefore empty by design."""

    actual_texts: dict[int, str]

    @property
    def layout(self) -> LTPage:
        if hasattr(self, "_layout"):
            return self._layout
        device = _ActualTextAggregator(
            self.pdf.rsrcmgr, pageno=self.page_number, laparams=self.pdf.laparams
        )
        interpreter = PDFPageInterpreter(self.pdf.rsrcmgr, device)
        interpreter.process_page(self.page_obj)
        self.actual_texts = device.actual_texts
        self._layout: LTPage = device.get_result()
        return self._layout

    def parse_objects(self) -> dict[str, list[dict[str, Any]]]:
        objects: dict[str, list[dict[str, Any]]] = {}
        for obj in _iter_graphics(self.layout):
            attrs = self.process_object(obj)
            objects.setdefault(attrs["object_type"], []).append(attrs)
        return objects

    def count_images(self) -> int:
        return sum(1 for obj in _iter_all(self.layout) if type(obj).__name__ == "LTImage")


def _iter_all(container: LTContainer[Any]) -> Any:
    for obj in container:
        if isinstance(obj, LTContainer):
            yield from _iter_all(obj)
        else:
            yield obj


def _iter_graphics(container: LTContainer[Any]) -> Any:
    for obj in _iter_all(container):
        if not isinstance(obj, LTChar) and type(obj).__name__ != "LTAnno":
            yield obj


def read_glyphs(page: ThaiPage) -> list[Glyph]:
    """The page's upright characters in stream order; each /ActualText span becomes one glyph
    carrying the span's text and the union of its characters' boxes."""
    layout = page.layout
    height = page.height
    mb_x0, mb_top = page.mediabox[0], page.mediabox[1]
    texts = page.actual_texts
    out: list[Glyph] = []
    last_span: int | None = None
    after_am = False  # only unmapped glyphs since a glyph ending in sara am
    for obj in _iter_all(layout):
        if not isinstance(obj, LTChar) or not obj.upright:
            last_span = None
            continue
        x0, x1 = obj.x0 + mb_x0, obj.x1 + mb_x0
        top, bottom = height - obj.y1 + mb_top, height - obj.y0 + mb_top
        span = getattr(obj, "actual_text_span", None)
        if span is not None:
            if span == last_span:
                g = out[-1]
                g.x0, g.x1 = min(g.x0, x0), max(g.x1, x1)
                g.top, g.bottom = min(g.top, top), max(g.bottom, bottom)
                continue
            last_span = span
            after_am = texts[span].endswith(SARA_AM)
            out.append(Glyph(texts[span], x0, top, x1, bottom, obj.size))
            continue
        last_span = None
        text = obj.get_text()
        if not text or text == "\x00" or text.startswith("(cid:") or text == "\x19":
            # fpdf2 draws ำ as a mapped nikhahit glyph plus an unmapped sara-aa half: filler
            out.append(Glyph("", x0, top, x1, bottom, obj.size, lost=not after_am))
            continue
        after_am = text.endswith(SARA_AM)
        out.append(Glyph(text, x0, top, x1, bottom, obj.size))
    return out


def count_damage(glyphs: list[Glyph]) -> int:
    """Glyphs with no usable text: lost ones and code points no Thai or Latin document holds
    (PDFium's glyph-id guesses, replacement characters)."""
    return sum(1 for g in glyphs if g.lost or not _plausible(g.text))


def _plausible(text: str) -> bool:
    for ch in text:
        o = ord(ch)
        if o < 0x100 or 0x0E00 <= o <= 0x0E7F or 0x2000 <= o <= 0x206F:
            continue
        if 0xF700 <= o <= 0xF71A or o in (0x02F8, 0x02FA):  # repaired by ita.thai
            continue
        return False  # Latin Extended etc.: PDFium's glyph-id guesses; U+FFFD
    return True


def read_pdfium_glyphs(pdf_page: pdfium.PdfPage, height: float) -> list[Glyph]:
    """The page's characters through PDFium, one call per character (reading whole ranges
    can double letters), generated breaks dropped and /ActualText repeats removed."""
    import pypdfium2.raw as raw

    textpage = pdf_page.get_textpage()
    try:
        n = textpage.count_chars()
        out: list[Glyph] = []
        for i in range(n):
            if raw.FPDFText_IsGenerated(textpage, i):
                continue
            code = raw.FPDFText_GetUnicode(textpage, i)
            text = chr(code) if code else ""
            if text in ("\r", "\n"):
                continue
            x0, y0, x1, y1 = textpage.get_charbox(i, loose=True)
            size = raw.FPDFText_GetFontSize(textpage, i)
            glyph = Glyph(text, x0, height - y1, x1, height - y0, size, lost=not text)
            if not _repeats_recent(out, glyph):
                out.append(glyph)
        return out
    finally:
        textpage.close()


def _repeats_recent(out: list[Glyph], g: Glyph) -> bool:
    """PDFium repeats an /ActualText cluster for each of its glyphs; the repeat overlaps the
    first copy horizontally and sits within a line height of it."""
    if not g.text or g.text == " ":
        return False
    for prev in out[-8:]:
        if prev.text != g.text:
            continue
        overlap = min(prev.x1, g.x1) - max(prev.x0, g.x0)
        width = max(1e-6, min(prev.x1 - prev.x0, g.x1 - g.x0))
        if overlap / width > 0.5 and abs(prev.top - g.top) < max(prev.size, g.size):
            return True
    return False
