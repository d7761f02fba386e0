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
            "docs/dbt_docs", "publish/warehouse_snapshot", "publish/report_site", "parse_cache/partition"} <= keys


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
    assert "parse_cache/partition" not in planned
    assert job.executor_def is dg.in_process_executor
