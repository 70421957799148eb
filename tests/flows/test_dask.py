"""Scale-out: the same ingest flow with prefect-dask's DaskTaskRunner on a local cluster. Parsing
then runs in the Dask workers' processes (inline there); loading stays serial in the flow."""

from __future__ import annotations

import duckdb
import pytest

from flows.ingest import ingest
from flows.parse_pool import current_parse_pool
from flows.summary import LOADED

pytestmark = [pytest.mark.flows, pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]


def test_ingest_flow_on_a_local_dask_cluster(tmp_path, copy_corpus, corpus_pick) -> None:
    from prefect_dask import DaskTaskRunner

    rows = corpus_pick(3, defects=("scanned",))
    runner = DaskTaskRunner(
        cluster_kwargs={
            "n_workers": 2,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        }
    )
    db = tmp_path / "ita.duckdb"
    summary = ingest.with_options(task_runner=runner)(
        [str(copy_corpus(rows))], db=str(db), raw_dir=str(tmp_path / "raw"), plan=False
    )
    assert summary.parsed == 4
    statuses = sorted(r.status if r.status not in LOADED else "loaded" for r in summary.results)
    assert statuses == ["loaded", "loaded", "loaded", "quarantined"]
    assert current_parse_pool() is None  # the pool is per run and gone afterwards
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) from assessments").fetchall()[0][0] == 3
    finally:
        con.close()
