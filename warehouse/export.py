"""Export the warehouse as Parquet: score tables partitioned by fiscal year (hive style,
``assessments/fiscal_year=2565/…``), the others as single files. Decimals stay decimal(5,2)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from warehouse.queries import query_arrow

PARTITIONED = ("assessments", "indicator_scores", "item_scores")
SINGLE = ("agencies", "documents", "quarantine")


@dataclass(frozen=True, slots=True)
class Exported:
    table: str
    path: Path
    rows: int


def export_parquet(con: duckdb.DuckDBPyConnection, out_dir: Path) -> list[Exported]:
    """Write every exported table under `out_dir` (replacing an earlier export there)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    done: list[Exported] = []
    for table in PARTITIONED:
        data = query_arrow(con, f"export_{table}")
        target = out / table
        ds.write_dataset(
            data,
            target,
            format="parquet",
            partitioning=["fiscal_year"],
            partitioning_flavor="hive",
            existing_data_behavior="delete_matching",
            basename_template="part-{i}.parquet",
        )
        done.append(Exported(table, target, data.num_rows))
    for table in SINGLE:
        data = query_arrow(con, f"export_{table}")
        target = out / f"{table}.parquet"
        pq.write_table(data, target)
        done.append(Exported(table, target, data.num_rows))
    return done
