"""SQL lives in ``warehouse/queries/<name>.sql``; Python runs it by name with bound ``$name``
parameters (never string formatting).

`run_query` fetches the whole result at once: in DuckDB 2.0 a partly fetched result blocks its
connection, so nothing here hands out a live cursor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

QUERY_DIR = Path(__file__).resolve().parent / "queries"
_PARAM = re.compile(r"(?<![:$\w])\$([A-Za-z_]\w*)")
_NAME = re.compile(r"^[a-z0-9_]+$")


class QueryNotFound(KeyError):
    """No ``warehouse/queries/<name>.sql``."""


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A fully fetched result: column names and rows (Decimals stay Decimals)."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self.rows

    def fetchone(self) -> tuple[Any, ...] | None:
        return self.rows[0] if self.rows else None

    def scalar(self) -> Any:
        """The first column of the first row (None when there is no row)."""
        return self.rows[0][0] if self.rows else None

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def df(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=list(self.columns))

    def __len__(self) -> int:
        return len(self.rows)


@cache
def load_query(name: str) -> str:
    """The text of ``queries/<name>.sql``."""
    if not _NAME.match(name):
        raise QueryNotFound(f"bad query name {name!r} (lowercase letters, digits, underscores)")
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise QueryNotFound(f"no query {name!r} ({path})")
    return path.read_text("utf-8")


def query_params(sql: str) -> set[str]:
    """The ``$name`` parameters a query uses."""
    return set(_PARAM.findall(_strip_comments(sql)))


def run_sql(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> QueryResult:
    """Run one statement with bound parameters and fetch everything. Extra parameters the
    statement does not use are dropped (DuckDB refuses them); missing ones raise KeyError."""
    wanted = query_params(sql)
    missing = wanted - params.keys()
    if missing:
        raise KeyError(f"query needs parameter(s) {', '.join(sorted(missing))}")
    bound = {k: v for k, v in params.items() if k in wanted}
    cursor = con.execute(sql, bound) if bound else con.execute(sql)
    columns = tuple(d[0] for d in cursor.description or ())
    rows = cursor.fetchall() if columns else []
    return QueryResult(columns, rows)


def run_query(con: duckdb.DuckDBPyConnection, name: str, /, **params: Any) -> QueryResult:
    """Run ``queries/<name>.sql`` with ``$name`` parameters; returns a fetched `QueryResult`
    (``.fetchall()``, ``.fetchone()``, ``.scalar()``, ``.dicts()``, ``.df()``)."""
    return run_sql(con, load_query(name), params)


def query_arrow(con: duckdb.DuckDBPyConnection, name: str, /, **params: Any) -> pa.Table:
    """``queries/<name>.sql`` as an Arrow table (exact decimals; for exports)."""
    sql = load_query(name)
    wanted = query_params(sql)
    bound = {k: v for k, v in params.items() if k in wanted}
    return con.sql(sql, params=bound or None).to_arrow_table()


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)
