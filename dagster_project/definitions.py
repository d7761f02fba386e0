"""The one code location: raw ingest → dbt models and tests → docs and snapshot."""
from dagster import Definitions, in_process_executor

from dagster_project.assets.dbt import warehouse_dbt_models
from dagster_project.assets.ingest import raw_tables
from dagster_project.assets.publish import dbt_docs, warehouse_snapshot
from dagster_project.jobs import build_warehouse, nightly_build
from dagster_project.resources import RESOURCES
from dagster_project.sensors import inbox_sensor

defs = Definitions(
    assets=[raw_tables, warehouse_dbt_models, dbt_docs, warehouse_snapshot],
    jobs=[build_warehouse],
    schedules=[nightly_build],
    sensors=[inbox_sensor],
    resources=RESOURCES,
    # DuckDB takes one writer process: steps run one after another in the run's process.
    executor=in_process_executor,
)
