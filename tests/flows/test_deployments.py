"""Every flow module imports, and the served deployments have the schedules the users were
promised (inbox hourly, URL manifest nightly, tracking at 07:00 Asia/Bangkok)."""

from __future__ import annotations

import importlib
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from flows.deployments import (
    INBOX_DEPLOYMENT,
    MANIFEST_DEPLOYMENT,
    TRACK_DEPLOYMENT,
    ServePlan,
    build_deployments,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "module", ["flows.ingest", "flows.plan", "flows.track", "flows.deployments", "flows.demo"]
)
def test_flow_modules_import(module: str) -> None:
    importlib.import_module(module)


def _schedules(deployment) -> list:
    return [getattr(s, "schedule", s) for s in deployment.schedules]


def test_deployments_and_their_schedules(tmp_path) -> None:
    manifest = tmp_path / "urls.csv"
    manifest.write_text("url\n", encoding="utf-8")
    plan = ServePlan(db=tmp_path / "ita.duckdb", inbox=tmp_path / "inbox", manifest=manifest)
    by_name = {d.name: d for d in build_deployments(plan)}
    assert set(by_name) == {INBOX_DEPLOYMENT, MANIFEST_DEPLOYMENT, TRACK_DEPLOYMENT}

    (inbox,) = _schedules(by_name[INBOX_DEPLOYMENT])
    assert inbox.interval == timedelta(hours=1)
    (track,) = _schedules(by_name[TRACK_DEPLOYMENT])
    assert (track.cron, track.timezone) == ("0 7 * * *", "Asia/Bangkok")
    (nightly,) = _schedules(by_name[MANIFEST_DEPLOYMENT])
    assert nightly.timezone == "Asia/Bangkok"
    assert by_name[INBOX_DEPLOYMENT].parameters["sources"] == [str(plan.inbox)]
    assert by_name[MANIFEST_DEPLOYMENT].parameters["sources"] == [str(manifest)]


def test_without_a_manifest_the_nightly_deployment_is_left_out(tmp_path) -> None:
    plan = ServePlan(db=tmp_path / "ita.duckdb", inbox=tmp_path / "inbox", manifest=None)
    assert MANIFEST_DEPLOYMENT not in {d.name for d in build_deployments(plan)}


def test_prefect_yaml_matches_the_served_deployments() -> None:
    spec = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    by_name = {d["name"]: d for d in spec["deployments"]}
    assert set(by_name) == {INBOX_DEPLOYMENT, MANIFEST_DEPLOYMENT, TRACK_DEPLOYMENT}
    for deployment in spec["deployments"]:
        module, _, name = deployment["entrypoint"].partition(":")
        flow = getattr(importlib.import_module(module.removesuffix(".py").replace("/", ".")), name)
        assert hasattr(flow, "to_deployment")
    track = by_name[TRACK_DEPLOYMENT]["schedules"][0]
    assert (track["cron"], track["timezone"]) == ("0 7 * * *", "Asia/Bangkok")
