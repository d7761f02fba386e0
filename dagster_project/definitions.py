"""The one code location: raw ingest → dbt models and tests → docs and snapshot.

Built when Dagster loads the code location, not at import: the dbt manifest is read then
(`make manifest` builds it; `dagster dev` prepares it if missing).
"""
from __future__ import annotations

import dagster as dg

from dagster_project.assets.dbt import build_dbt_models
from dagster_project.assets.ingest import raw_tables
from dagster_project.assets.publish import build_publish_assets
from dagster_project.assets.site import report_site
from dagster_project.checks import RAW_CHECKS
from dagster_project.jobs import build_warehouse, nightly_build
from dagster_project.partitioned import inbox_partitions_sensor, parse_cache_partition, parse_partitions
from dagster_project.resources import dbt_project, resources
from dagster_project.run_recovery import abandoned_runs_sensor
from dagster_project.sensors import inbox_sensor


@dg.definitions
def defs() -> dg.Definitions:
    project = dbt_project()
    project.prepare_if_dev()
    dbt_models = build_dbt_models(project)
    return dg.Definitions(
        assets=[raw_tables, dbt_models, *build_publish_assets(project, dbt_models), report_site,
                parse_cache_partition],
        asset_checks=RAW_CHECKS,
        jobs=[build_warehouse, parse_partitions],
        schedules=[nightly_build],
        sensors=[inbox_sensor, abandoned_runs_sensor, inbox_partitions_sensor],
        resources=resources(project),
        # DuckDB takes one writer process: steps run one after another in the run's process
        # (parse_partitions, which writes no warehouse, sets its own executor).
        executor=dg.in_process_executor,
    )
