"""The DuckDB warehouse: connection handling (one writer, bounded waits), numbered migrations,
named SQL queries, and loading documents with lineage and quarantine.

    con = connect()                         # writer; migrations applied
    con = connect(read_only=True)           # reader
    run_query(con, "agency_trend", name_key=...).dicts()
    outcomes = ingest_paths(["inbox/*.pdf"])
"""

from warehouse.connection import connect, transaction
from warehouse.errors import (
    LoadError,
    MigrationError,
    WarehouseBusy,
    WarehouseError,
    WarehouseMissing,
    WarehouseOutdated,
)
from warehouse.ingest import ingest_paths, ingest_refs
from warehouse.load import Outcome, load_prepared
from warehouse.prepare import PreparedDocument, prepare_document, prepare_record
from warehouse.queries import QueryResult, load_query, run_query

__all__ = [
    "LoadError",
    "MigrationError",
    "Outcome",
    "PreparedDocument",
    "QueryResult",
    "WarehouseBusy",
    "WarehouseError",
    "WarehouseMissing",
    "WarehouseOutdated",
    "connect",
    "ingest_paths",
    "ingest_refs",
    "load_prepared",
    "load_query",
    "prepare_document",
    "prepare_record",
    "run_query",
    "transaction",
]
