"""dbt models as Dagster assets; dbt tests become asset checks of their models."""

import shutil
from collections.abc import Mapping
from typing import Any

from dagster import AssetExecutionContext, AssetKey, Output
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets
from dagster_duckdb import DuckDBResource

from dagster_project.dbt_project import dbt_project
from dagster_project.settings import dbt_docs_url

BUILD_RESULTS = "build_run_results.json"


class WarehouseTranslator(DagsterDbtTranslator):
    """Keys follow the warehouse schemas (marts/sections), so the lineage graph reads like
    the SQL users write; every asset links to its page in the dbt docs."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return super().get_asset_key(dbt_resource_props)  # meta.dagster.asset_key → raw/*
        return AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props.get("schema")

    def get_metadata(self, dbt_resource_props: Mapping[str, Any]) -> Mapping[str, Any]:
        unique_id = dbt_resource_props["unique_id"]
        page = f"{dbt_docs_url()}/#!/{dbt_resource_props['resource_type']}/{unique_id}"
        return {**super().get_metadata(dbt_resource_props), "dagster/uri": page}


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project,
            dagster_dbt_translator=WarehouseTranslator())
def warehouse_dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, duckdb: DuckDBResource):
    """`dbt build`: seeds, models and their data tests, in dependency order."""
    # dagster-dbt's fetch_row_counts() opens the warehouse inside this process while dbt
    # still writes it from another, and DuckDB allows one writer: count after dbt exits.
    # One fixed target folder (runs are serialised) so docs and summary find run_results.json.
    invocation = dbt.cli(["build"], context=context, target_path=dbt_project.target_path)
    events = list(invocation.stream())
    # `dbt docs generate` overwrites run_results.json; keep the build's for the run summary.
    target = dbt_project.project_dir / dbt_project.target_path
    shutil.copyfile(target / "run_results.json", target / BUILD_RESULTS)
    with duckdb.get_connection() as conn:
        for event in events:
            if isinstance(event, Output) and event.output_name:
                key = context.asset_key_for_output(event.output_name)
                table = ".".join(f'"{part}"' for part in key.path)
                rows = conn.execute(f"select count(*) from {table}").fetchone()[0]
                event = event.with_metadata({**event.metadata, "dagster/row_count": rows})
            yield event
