"""Thai fonts that need no download: TLWG from Debian (fonts-thai-tlwg) and Sarabun from PyPI
(fontpkg-sarabun)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

TLWG_DIRS = (Path("/usr/share/fonts/truetype/tlwg"), Path("/usr/share/fonts/opentype/tlwg"))


@dataclass(frozen=True, slots=True)
class FontFiles:
    family: str  # the family name the font reports (what CSS/DOCX ask for)
    regular: Path
    bold: Path


def _sarabun_dir() -> Path:
    import fontpkg_sarabun  # type: ignore[import-untyped]

    return Path(fontpkg_sarabun.__file__).resolve().parent / "files"


def _find(family: str, names: tuple[str, str]) -> FontFiles | None:
    dirs = (_sarabun_dir(),) if family == "Sarabun" else TLWG_DIRS
    for d in dirs:
        for ext in (".ttf", ".otf"):
            reg, bold = d / f"{names[0]}{ext}", d / f"{names[1]}{ext}"
            if reg.exists() and bold.exists():
                return FontFiles(family, reg, bold)
    return None


@cache
def font_files(family: str) -> FontFiles:
    """Regular and bold files of a Thai font family; raises if the family is not installed."""
    found = _find(family, (f"{family}-Regular", f"{family}-Bold")) or _find(
        family, (family, f"{family}-Bold")
    )
    if found is None:
        raise FileNotFoundError(
            f"Thai font {family!r} not found (install fonts-thai-tlwg: make samples does it)"
        )
    return found


TLWG_FAMILIES = ("Laksaman", "Garuda", "Norasi", "Loma", "Kinnari")
ALL_FAMILIES = ("Sarabun", *TLWG_FAMILIES)


def available_families() -> tuple[str, ...]:
    out = []
    for fam in ALL_FAMILIES:
        try:
            font_files(fam)
        except FileNotFoundError:
            continue
        out.append(fam)
    return tuple(out)
