"""Deterministic ids: the same agency, year or document always gets the same id.

- document_id: sha256 of the file's bytes (64 hex; made by `ita.rawstore`).
- agency_id: first 16 hex of sha256("agency", name key, province key).
- assessment_id: first 16 hex of sha256("assessment", agency_id, fiscal year) — stable across a
  correction, so classification and measures keyed by it survive a superseding document.
"""

from __future__ import annotations

import hashlib

from ita.agency import AGENCY_TYPES, agency_key, place_key, split_agency_type
from ita.record import Agency

UNKNOWN_DOCUMENT = "0" * 64
_SEP = "\x1f"


def short_hash(*parts: object) -> str:
    return hashlib.sha256(_SEP.join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def agency_name_key(agency: Agency) -> str:
    """The identity key of an agency's name, with its type prefixed when the printed name
    lacks it (a document printing "ตะคร้ำเอน" beside type "องค์การบริหารส่วนตำบล")."""
    name = agency.name
    kind, _ = split_agency_type(name)
    if kind is None and agency.agency_type:
        declared, _ = split_agency_type(agency.agency_type)
        if declared in AGENCY_TYPES:
            name = f"{declared}{name}"
    return agency_key(name)


def agency_id_for(name_key: str, province: str | None) -> str:
    return short_hash("agency", name_key, place_key(province))


def assessment_id_for(agency_id: str, fiscal_year: int) -> str:
    return short_hash("assessment", agency_id, fiscal_year)
