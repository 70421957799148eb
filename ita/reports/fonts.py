"""The Sarabun font files reports embed (PyPI fontpkg-sarabun, OFL): no system font needed."""

from __future__ import annotations

from functools import cache
from pathlib import Path

FAMILY = "Sarabun"
# The font agencies use in Word; DOCX asks for it first (Sarabun is metric-different).
DOCX_FAMILY = "TH Sarabun New"


@cache
def sarabun_dir() -> Path:
    import fontpkg_sarabun  # type: ignore[import-untyped]

    return Path(fontpkg_sarabun.__file__).resolve().parent / "files"


def sarabun(style: str = "Regular") -> Path:
    """Path of a Sarabun face: "Regular", "Bold", "SemiBold", "Light", "Italic", …"""
    path = sarabun_dir() / f"Sarabun-{style}.ttf"
    if not path.exists():
        raise FileNotFoundError(f"Sarabun face {style!r} not found in {sarabun_dir()}")
    return path
