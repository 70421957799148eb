"""pandera contracts of the warehouse tables: lax `*Extracted` models (`schemas.extracted`)
extended by strict `*Clean` models (`schemas.clean`), and `validate_record`, which turns every
failure into a bilingual `Finding`."""

from schemas.clean import (
    AgencyClean,
    AssessmentClean,
    DocumentClean,
    IndicatorScoreClean,
    ItemScoreClean,
    QuarantineClean,
)
from schemas.extracted import (
    AgencyExtracted,
    AssessmentExtracted,
    DocumentExtracted,
    IndicatorScoreExtracted,
    ItemScoreExtracted,
    QuarantineExtracted,
)
from schemas.frames import TABLE_COLUMNS, RecordFrames, build_frames
from schemas.validate import has_errors, validate_record

__all__ = [
    "TABLE_COLUMNS",
    "AgencyClean",
    "AgencyExtracted",
    "AssessmentClean",
    "AssessmentExtracted",
    "DocumentClean",
    "DocumentExtracted",
    "IndicatorScoreClean",
    "IndicatorScoreExtracted",
    "ItemScoreClean",
    "ItemScoreExtracted",
    "QuarantineClean",
    "QuarantineExtracted",
    "RecordFrames",
    "build_frames",
    "has_errors",
    "validate_record",
]
