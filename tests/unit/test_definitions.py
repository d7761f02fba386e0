"""The code location loads from its defs folder with every asset, check, job, sensor and resource."""
from __future__ import annotations

import dagster as dg
import pytest

from dagster_project.definitions import defs

RAW = {f"raw/{t}" for t in ("files", "reports", "sections", "sentences", "tokens", "indicator_mentions",
                            "indicator_links", "quarantine")}


@pytest.fixture(scope="module")
def definitions(dbt_manifest) -> dg.Definitions:
    return defs()


def test_every_concern_contributes_its_assets(definitions):
    keys = {key.to_user_string() for key in definitions.resolve_all_asset_keys()}
    assert RAW <= keys
    assert {"staging/stg_reports", "intermediate/int_section_tree", "marts/reports", "marts/indicator_values",
            "docs/dbt_docs", "publish/warehouse_snapshot", "publish/report_site"} <= keys


def test_dbt_tests_and_raw_checks_are_asset_checks(definitions):
    checks = {(key.asset_key.to_user_string(), key.name) for key in definitions.resolve_asset_graph().asset_check_keys}
    assert ("raw/reports", "every_report_has_organization_and_year") in checks
    assert ("raw/quarantine", "quarantine_share_below_20_percent") in checks
    assert sum(1 for asset, _ in checks if asset.startswith(("staging/", "intermediate/", "marts/"))) > 50


def test_jobs_sensors_schedules_and_resources(definitions):
    assert {job.name for job in definitions.resolve_all_job_defs()} >= {"build_warehouse", "parse_partitions",
                                                                        "maintain_warehouse"}
    assert {sensor.name for sensor in definitions.sensors} == {"inbox_sensor", "inbox_partitions_sensor",
                                                               "abandoned_runs_sensor"}
    assert {schedule.name for schedule in definitions.schedules} == {"nightly_build", "weekly_maintenance"}
    assert set(definitions.resources) == {"warehouse", "inbox", "parse_cache", "report_site", "dbt", "builds_kept"}


def test_the_warehouse_job_runs_every_warehouse_asset_in_one_process(definitions):
    job = definitions.resolve_job_def("build_warehouse")
    planned = {key.to_user_string() for key in job.asset_layer.selected_asset_keys}
    assert RAW | {"marts/reports", "publish/report_site"} <= planned
    assert job.executor_def is dg.in_process_executor


def test_the_lineage_holds_no_partitioned_asset_so_materialize_all_launches_one_run(definitions):
    """The UI's *Materialize all* on the lineage selects every asset; one partitioned asset among
    them makes it a backfill that cannot launch. build_warehouse is that same selection."""
    graph = definitions.resolve_asset_graph()
    assert not [key for key in graph.materializable_asset_keys if graph.get(key).partitions_def]
    job = definitions.resolve_job_def("build_warehouse")
    assert set(job.asset_layer.selected_asset_keys) == set(graph.materializable_asset_keys)
    assert definitions.resolve_job_def("parse_partitions").partitions_def is not None  # the parse is a job of ops


def test_dbt_assets_carry_no_unserializable_metadata(definitions):
    """The UI shows a value it cannot serialise as `(unserializable)`: only plain metadata on dbt assets."""
    key = dg.AssetKey(["marts", "reports"])
    reports = definitions.resolve_assets_def(key).specs_by_key[key]
    assert "dagster_dbt/project" not in reports.metadata and "dagster_dbt/project_id" not in reports.metadata
    assert isinstance(reports.metadata["dbt_docs"], dg.UrlMetadataValue)
