"""Extraction: an ITA PDF → `AssessmentRecord` (ita/record.py), or `DocumentRefused`.

One shared engine (`ita.sources.engine`) reads every kind; a kind is data in ``kinds.yaml`` —
how to recognise it and which fields it carries:

- ``itas_result``: the per-agency ITAS result report (overall, grade or Rating Score label,
  tool scores, ten indicators, item scores, ข้อเสนอแนะ);
- ``analysis_report``: an agency's own analysis of its result, like the seed report (overall,
  grade, ten indicators, the items of its improvement tables).

>>> record = extract_document("2565-takhram-en-chromium.pdf")   # doctest: +SKIP
>>> record.score, record.grade, record.indicators[7], record.provenance["indicator.7"]
(Decimal('87.13'), 'A', Decimal('77.02'), Source(page=1, bbox=(…)))
"""

from ita.record import DocumentKind
from ita.sources.engine import detect_kind, extract_document, read_pages, read_record
from ita.sources.spec import KindSpec, load_spec


def registry() -> dict[DocumentKind, KindSpec]:
    """The document kinds the engine parses, in detection order."""
    return {k.kind: k for k in load_spec().kinds}


__all__ = ["detect_kind", "extract_document", "read_pages", "read_record", "registry"]
