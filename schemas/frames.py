"""The rows of one `AssessmentRecord` per warehouse table (`RecordRows`: plain tuples, what the
loader inserts) and the same as DataFrames (`RecordFrames`: what the pandera contracts check).
Scores stay `Decimal`.

The indicator and item frames carry `fiscal_year` as a context column so their year-specific
checks (known item codes, all ten indicators) can run; the loader inserts only the table's own
columns (`TABLE_COLUMNS`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ita.record import AssessmentRecord, item_sort_key
from schemas.ids import UNKNOWN_DOCUMENT, agency_id_for, agency_name_key, assessment_id_for

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "agencies": ("agency_id", "name", "name_key", "agency_type", "district", "province"),
    "assessments": (
        "assessment_id",
        "agency_id",
        "fiscal_year",
        "score",
        "grade",
        "iit_score",
        "eit_score",
        "oit_score",
        "document_id",
    ),
    "indicator_scores": ("assessment_id", "indicator", "score"),
    "item_scores": ("assessment_id", "item_code", "score"),
}
CONTEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator_scores": ("fiscal_year",),
    "item_scores": ("fiscal_year",),
}
TABLES = tuple(TABLE_COLUMNS)


@dataclass(slots=True)
class RecordFrames:
    agencies: pd.DataFrame
    assessments: pd.DataFrame
    indicator_scores: pd.DataFrame
    item_scores: pd.DataFrame

    def table(self, name: str) -> pd.DataFrame:
        frame: pd.DataFrame = getattr(self, name)
        return frame

    @property
    def agency_id(self) -> str:
        return str(self.agencies.at[0, "agency_id"])

    @property
    def assessment_id(self) -> str:
        return str(self.assessments.at[0, "assessment_id"])


@dataclass(frozen=True, slots=True)
class RecordRows:
    """The rows of one record per warehouse table, as plain tuples in `TABLE_COLUMNS` order
    (the loader inserts these; no pandas on the loading path)."""

    agency: tuple[object, ...]
    assessment: tuple[object, ...]
    indicator_scores: list[tuple[object, ...]]
    item_scores: list[tuple[object, ...]]
    fiscal_year: int

    @property
    def agency_id(self) -> str:
        return str(self.agency[0])

    @property
    def assessment_id(self) -> str:
        return str(self.assessment[0])

    def table(self, name: str) -> list[tuple[object, ...]]:
        """One table's rows by table name."""
        if name == "agencies":
            return [self.agency]
        if name == "assessments":
            return [self.assessment]
        rows: list[tuple[object, ...]] = getattr(self, name)
        return rows


def record_rows(
    record: AssessmentRecord, document_id: str = UNKNOWN_DOCUMENT, agency_id: str | None = None
) -> RecordRows:
    """The table rows of one record; `agency_id` overrides the computed one when the loader
    matched the name to an agency already known under another province spelling (or none)."""
    agency = record.agency
    name_key = agency_name_key(agency)
    agency_id = agency_id or agency_id_for(name_key, agency.province)
    assessment_id = assessment_id_for(agency_id, record.fiscal_year)
    tools = record.tool_scores
    items = sorted(record.items.items(), key=lambda kv: item_sort_key(kv[0]))
    return RecordRows(
        (agency_id, agency.name, name_key, agency.agency_type, agency.district, agency.province),
        (
            assessment_id,
            agency_id,
            record.fiscal_year,
            record.score,
            record.grade,
            tools.get("IIT"),
            tools.get("EIT"),
            tools.get("OIT"),
            document_id,
        ),
        [(assessment_id, n, v) for n, v in sorted(record.indicators.items())],
        [(assessment_id, code, v) for code, v in items],
        record.fiscal_year,
    )


def build_frames(
    record: AssessmentRecord, document_id: str = UNKNOWN_DOCUMENT, agency_id: str | None = None
) -> RecordFrames:
    """Frames of one record (for validation): `record_rows` plus the context columns."""
    return frames_of(record_rows(record, document_id, agency_id))


def frames_of(rows: RecordRows) -> RecordFrames:
    """The frames of one record's rows."""
    return RecordFrames(**{table: table_frame(table, [rows])[0] for table in TABLE_COLUMNS})


def table_frame(table: str, records: list[RecordRows]) -> tuple[pd.DataFrame, list[int]]:
    """One table's rows of one or many records, with the context columns, and the position in
    `records` each row comes from."""
    context = CONTEXT_COLUMNS.get(table, ())
    data: list[tuple[object, ...]] = []
    owners: list[int] = []
    for n, rows in enumerate(records):
        for row in rows.table(table):
            data.append(row + (rows.fiscal_year,) * len(context))
            owners.append(n)
    dtype = None if table == "agencies" else object
    return pd.DataFrame(data, columns=list(TABLE_COLUMNS[table] + context), dtype=dtype), owners
