"""Thai text repair for strings read out of PDFs (never NFKC: it splits ำ into two characters).

PDF producers damage Thai in a handful of recurring ways (measured in
``/work/shared/reference/thai-pdf-extraction.md``); `repair_thai` undoes those that the text
itself makes unambiguous, and is idempotent (``repair_thai(repair_thai(s)) == repair_thai(s)``):

- legacy shaping glyphs in the private-use range U+F700–U+F71A (shifted tone marks, short-tail
  ญ/ฐ …) mapped back to the standard code points (the table Thai shapers use for old fonts);
- U+02F8 / U+02FA, the code points pypdfium2 reports for Sarabun's nikhahit glyph (and its
  mai-tho + nikhahit ligature) on WeasyPrint output, mapped back;
- sara am rebuilt: ``ํ``+``า`` (LibreOffice/Chromium decomposition), ``ำ``+``า`` (doubled),
  ``ำ`` followed by a control character or a ``(cid:N)`` glyph (fpdf2), a tone written after
  ``ำ`` moved before it;
- a space or zero-width character before a combining mark removed (a mark never follows one);
- the marks above/below one letter put in typing order (vowel, tone, thanthakhat/nikhahit) and
  exact repeats dropped;
- ``เเ`` (two sara e typed for sara ae) → ``แ``: two sara e in a row never spell Thai.

The geometric repairs (marks that a PDF places beside the wrong letter) happen earlier, on the
characters in stream order (`ita.pdf.clusters`); this module only sees strings.
"""

from __future__ import annotations

import re

# Combining marks: mai han-akat, sara i … phinthu, maitaikhu … yamakkan.
MARKS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
TONES = frozenset("\u0e48\u0e49\u0e4a\u0e4b")
SARA_AM = "\u0e33"
SARA_AA = "\u0e32"
NIKHAHIT = "\u0e4d"
SARA_E = "\u0e40"
SARA_AE = "\u0e41"

# Typing order inside one cluster: vowel above/below (and maitaikhu), tone, then
# thanthakhat / nikhahit / yamakkan.
_MARK_RANK = {m: 0 for m in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47"}
_MARK_RANK.update({m: 1 for m in TONES})
_MARK_RANK.update({m: 2 for m in "\u0e4c\u0e4d\u0e4e"})

# Microsoft/Apple legacy Thai glyph variants (as in HarfBuzz's Thai PUA fallback shaper).
PUA_MAP: dict[int, str] = {
    0xF700: "\u0e10",  # tho than without its tail
    0xF701: "\u0e34",  # sara i, shifted left
    0xF702: "\u0e35",
    0xF703: "\u0e36",
    0xF704: "\u0e37",
    0xF705: "\u0e48",  # tones shifted down-left
    0xF706: "\u0e49",
    0xF707: "\u0e4a",
    0xF708: "\u0e4b",
    0xF709: "\u0e4c",
    0xF70A: "\u0e48",  # tones shifted down
    0xF70B: "\u0e49",
    0xF70C: "\u0e4a",
    0xF70D: "\u0e4b",
    0xF70E: "\u0e4c",
    0xF70F: "\u0e0d",  # yo ying without its tail
    0xF710: "\u0e31",  # marks shifted left
    0xF711: "\u0e4d",
    0xF712: "\u0e47",
    0xF713: "\u0e48",
    0xF714: "\u0e49",
    0xF715: "\u0e4a",
    0xF716: "\u0e4b",
    0xF717: "\u0e4c",
    0xF718: "\u0e38",  # below vowels shifted down
    0xF719: "\u0e39",
    0xF71A: "\u0e3a",
}
# pypdfium2's code points for Sarabun glyphs that carry no ToUnicode entry (WeasyPrint).
_PDFIUM_GLYPHS: dict[int, str] = {0x02F8: NIKHAHIT, 0x02FA: "\u0e49\u0e4d"}
_TRANSLATE: dict[int, str] = {**PUA_MAP, **_PDFIUM_GLYPHS, 0x200B: "", 0xFEFF: ""}

_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(_THAI_DIGITS, "0123456789")

_MARK_CLASS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_CID = re.compile(r"\(cid:\d+\)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE_BEFORE_MARK = re.compile(rf"[ \u00a0\u200c\u200d]+(?=[{_MARK_CLASS}])")
# ํ (+ tones) + า → (tones) + ำ ;  ำ (+ marks) + า → (marks) + ำ
_NIKHAHIT_AA = re.compile(r"[\u0e4d\u0e33]([\u0e48-\u0e4b]*)\u0e32")
_AM_TONE = re.compile(r"\u0e33([\u0e48-\u0e4b]+)")
_AM_AM = re.compile(r"\u0e33\u0e33+")
_MARK_RUN = re.compile(rf"[{_MARK_CLASS}]{{2,}}")
_THAI = re.compile(r"[\u0e01-\u0e5b]")


def repair_thai(text: str) -> str:
    """Undo the string-level Thai damage PDF extraction leaves (see the module docstring)."""
    if not _THAI.search(text) and not any(ord(c) in _TRANSLATE for c in text):
        return text
    text = text.translate(_TRANSLATE)
    text = _CID.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SPACE_BEFORE_MARK.sub("", text)
    text = _NIKHAHIT_AA.sub(lambda m: m.group(1) + SARA_AM, text)
    text = _AM_TONE.sub(lambda m: m.group(1) + SARA_AM, text)
    text = _AM_AM.sub(SARA_AM, text)
    text = _MARK_RUN.sub(_order_marks, text)
    # after reordering, a nikhahit may now stand right before sara aa
    text = _NIKHAHIT_AA.sub(lambda m: m.group(1) + SARA_AM, text)
    return text.replace(SARA_E + SARA_E, SARA_AE)


def _order_marks(match: re.Match[str]) -> str:
    run = match.group(0)
    out: list[str] = []
    for mark in sorted(run, key=_MARK_RANK.__getitem__):
        if not out or out[-1] != mark:
            out.append(mark)
    return "".join(out)


def is_mark(ch: str) -> bool:
    """A Thai combining mark (zero width, drawn over or under the letter before it)."""
    return ch in MARKS


def strip_marks(text: str) -> str:
    """Text without Thai combining marks: the skeleton that survives every producer."""
    return "".join(c for c in text if c not in MARKS)


def arabic_digits(text: str) -> str:
    """Thai digits ๐–๙ → 0–9. Only for numeric fields: Thai display text stays Thai."""
    return text.translate(_TO_ARABIC)


def has_thai_digits(text: str) -> bool:
    return any(c in _THAI_DIGITS for c in text)
