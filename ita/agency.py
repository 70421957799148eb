"""Agency names: one agency across years and documents is one agency.

Documents print the same agency in many ways: "อบต.ตะคร้ำเอน", "องค์การบริหารส่วนตำบล ตะคร้ำเอน",
"องค์การบริหารส่วนตำบลตะคร้ำเอน", with doubled "เ" for "แ", with tone marks lost or moved by
PDF extraction. Three functions:

- `normalize_agency_name(name)`: a clean display form (abbreviated type expanded, spacing
  collapsed, "เเ" → "แ", "ํา" → "ำ"); Thai stays Thai (never NFKC).
- `agency_key(name)`: the identity key — the normalised name with every Thai combining mark,
  space and punctuation removed, so damaged or missing marks still match.
- `split_agency_type(name)`: the agency type prefix ("องค์การบริหารส่วนตำบล", "เทศบาลตำบล", …) and
  the rest of the name.

The full name as printed is kept separately for display (`agencies.name`).
"""

from __future__ import annotations

import re
import unicodedata

# Canonical agency-type prefixes and the ways documents abbreviate or misspell them.
# Longest abbreviations first matter only inside one regex alternation (handled below).
AGENCY_TYPES: dict[str, tuple[str, ...]] = {
    "องค์การบริหารส่วนตำบล": ("อบต.", "องค์กรบริหารส่วนตำบล"),
    "องค์การบริหารส่วนจังหวัด": ("อบจ.", "องค์กรบริหารส่วนจังหวัด"),
    "เทศบาลตำบล": ("ทต.",),
    "เทศบาลเมือง": ("ทม.",),
    "เทศบาลนคร": ("ทน.",),
    "โรงพยาบาลส่งเสริมสุขภาพตำบล": ("รพ.สต.", "รพสต."),
    "โรงพยาบาล": ("รพ.",),
    "สำนักงานสาธารณสุขจังหวัด": ("สสจ.",),
    "สำนักงานสาธารณสุขอำเภอ": ("สสอ.",),
    "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา": ("สพป.",),
    "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา": ("สพม.",),
    "กรุงเทพมหานคร": ("กทม.",),
}

# Thai combining marks: mai han-akat, vowels above/below, phinthu, mai taikhu, tone marks,
# thanthakhat, nikhahit, yamakkan.
_THAI_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
_NOT_KEY = re.compile(r"[\s\W_]+", re.UNICODE)
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _alias_pattern() -> re.Pattern[str]:
    aliases = sorted(
        ((alias, canonical) for canonical, al in AGENCY_TYPES.items() for alias in al),
        key=lambda pair: -len(pair[0]),
    )
    alternation = "|".join(re.escape(a) for a, _ in aliases)
    # At the start of the name or after a space/bracket; an abbreviation ends with its dot.
    return re.compile(rf"(?:^|(?<=[\s(]))({alternation})\s*")


_ALIAS = _alias_pattern()
_ALIAS_TO_CANONICAL = {alias: canonical for canonical, al in AGENCY_TYPES.items() for alias in al}
_CANONICAL_SPACE = re.compile(
    rf"^({'|'.join(re.escape(c) for c in sorted(AGENCY_TYPES, key=len, reverse=True))})\s+"
)


def repair_marks(text: str) -> str:
    """Undo the common extraction damage that is unambiguous: invisible characters, "เเ" typed
    for "แ", nikhahit + sara aa for sara am, and runs of whitespace."""
    text = _INVISIBLE.sub("", text)
    text = text.replace("เเ", "แ").replace("\u0e4d\u0e32", "\u0e33")
    return " ".join(text.split())


def normalize_agency_name(name: str) -> str:
    """The display form: marks repaired, abbreviated agency type expanded, no space between the
    type and the place name ("อบต. ตะคร้ำเอน" → "องค์การบริหารส่วนตำบลตะคร้ำเอน")."""
    text = repair_marks(name)
    text = _ALIAS.sub(lambda m: _ALIAS_TO_CANONICAL[m.group(1)], text)
    return _CANONICAL_SPACE.sub(r"\1", text).strip()


def agency_key(name: str) -> str:
    """The identity key: normalised, then without Thai combining marks, spaces and punctuation,
    Thai digits as Arabic. Equal keys mean the same agency name."""
    text = normalize_agency_name(name).translate(_THAI_DIGITS)
    text = unicodedata.normalize("NFC", text).replace("\u0e33", "\u0e32")  # sara am → aa
    text = _THAI_MARKS.sub("", text)
    return _NOT_KEY.sub("", text).casefold()


def split_agency_type(name: str) -> tuple[str | None, str]:
    """("องค์การบริหารส่วนตำบล", "ตะคร้ำเอน") for "อบต.ตะคร้ำเอน"; (None, name) when the name
    does not start with a known agency type."""
    text = normalize_agency_name(name)
    for canonical in sorted(AGENCY_TYPES, key=len, reverse=True):
        if text.startswith(canonical):
            return canonical, text[len(canonical) :].strip()
    return None, text


def place_key(place: str | None) -> str:
    """Key for a district or province name ("จังหวัดกาญจนบุรี", "จ.กาญจนบุรี", "กาญจนบุรี" → same)."""
    if not place:
        return ""
    text = repair_marks(place)
    text = re.sub(r"^(?:จังหวัด|จ\.|อำเภอ|อ\.|เขต)\s*", "", text)
    return agency_key(text)
