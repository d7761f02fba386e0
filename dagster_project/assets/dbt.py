"""dbt models as Dagster assets; dbt tests become asset checks of their models."""

import json
import os
import shutil
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from dagster_project.paths import BUILD_RESULTS
from dagster_project.resources import ReportSiteFolder, Warehouse
from dagster_project.up_to_date import outputs_current
from ingestion.warehouse.build_state import dbt_checksum, last_published, raw_fingerprint

BUILD_JOB = "build_warehouse"
# Warning tests that store their failing rows (dbt `store_failures`): the check lists them.
STORED_FAILURES = {"report_structure_is_complete", "stated_rate_matches_parts"}
FAILURES_SCHEMA = "test_failures"


def dbt_docs_url() -> str:
    """Where the dbt docs are served (`make docs` sets it from DOCS_PORT)."""
    return os.environ.get("DBT_DOCS_URL", "http://127.0.0.1:8080").rstrip("/")


class WarehouseTranslator(DagsterDbtTranslator):
    """Keys follow the warehouse schemas (marts/sections), so the lineage graph reads like
    the SQL users write; every asset links to its page in the dbt docs."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return super().get_asset_key(dbt_resource_props)  # meta.dagster.asset_key → raw/*
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props.get("schema")

    def get_asset_check_spec(self, asset_spec, manifest, unique_id, project):
        """dagster-dbt reads a check's description from meta.description only; ours are the
        tests' own `description:`."""
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None or spec.description:
            return spec
        return spec._replace(description=manifest["nodes"][unique_id].get("description") or None)

    def get_metadata(self, dbt_resource_props: Mapping[str, Any]) -> Mapping[str, Any]:
        page = f"{dbt_docs_url()}/#!/{dbt_resource_props['resource_type']}/{dbt_resource_props['unique_id']}"
        return {**super().get_metadata(dbt_resource_props), "dbt_docs": dg.MetadataValue.url(page)}


def dbt_vars(warehouse: Warehouse) -> list[str]:
    """profiles.yml takes the warehouse from this var, so dbt writes the file the run's
    resource names, whatever the environment says."""
    return ["--vars", json.dumps({"warehouse_path": str(warehouse.path)})]


def failing_rows(conn, check_name: str, limit: int = 50) -> dict[str, dg.MetadataValue]:
    """The rows a warning test stored, as a table in the check's metadata: which reports."""
    exists = conn.execute("select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
                          [FAILURES_SCHEMA, check_name]).fetchone()[0]
    if not exists:
        return {}
    frame = conn.execute(f'select * from "{FAILURES_SCHEMA}"."{check_name}" limit {limit}').fetchdf()
    return {"failing_rows": dg.MetadataValue.md(frame.to_markdown(index=False) if len(frame) else "_none_")}


def build_dbt_models(project: DbtProject) -> dg.AssetsDefinition:
    @dbt_assets(manifest=project.manifest_path, project=project, dagster_dbt_translator=WarehouseTranslator())
    def warehouse_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse,
                             report_site: ReportSiteFolder):
        """`dbt build`: seeds, models and their data tests, in dependency order. In the
        build_warehouse job it is skipped when neither the raw layer nor the dbt project changed
        since the last published build and its docs, snapshot and site are in place; they are
        then skipped with it."""
        checksum = dbt_checksum(project.project_dir)
        with warehouse.get_connection() as conn:
            raw = raw_fingerprint(conn)
            last = last_published(conn)
        unchanged = last is not None and (last.raw_fingerprint, last.dbt_checksum) == (raw, checksum)
        if (unchanged and context.job_name == BUILD_JOB
                and outputs_current(last, warehouse.path, report_site.path, checksum)):
            context.log.info("raw layer and dbt project unchanged since the last published build: nothing to rebuild")
            return
        # dagster-dbt's fetch_row_counts() opens the warehouse inside this process while dbt
        # still writes it from another, and DuckDB allows one writer: count after dbt exits.
        # One fixed target folder (runs are serialised) so docs and summary find run_results.json.
        # An edited dbt project (a macro an incremental model uses, say) rebuilds every model from scratch.
        refresh = ["--full-refresh"] if last is not None and last.dbt_checksum != checksum else []
        invocation = dbt.cli(["build", *refresh, *dbt_vars(warehouse)], context=context,
                             target_path=project.target_path)
        events = list(invocation.stream())
        # `dbt docs generate` overwrites run_results.json; keep the build's for the run summary.
        target = project.project_dir / project.target_path
        shutil.copyfile(target / "run_results.json", target / BUILD_RESULTS)
        with warehouse.get_connection() as conn:
            for event in events:
                if isinstance(event, dg.Output) and event.output_name:
                    key = context.asset_key_for_output(event.output_name)
                    table = ".".join(f'"{part}"' for part in key.path)
                    rows = conn.execute(f"select count(*) from {table}").fetchone()[0]
                    event = event.with_metadata({**event.metadata, "dagster/row_count": rows})
                elif isinstance(event, dg.AssetCheckResult) and event.check_name in STORED_FAILURES:
                    event = event.with_metadata({**event.metadata, **failing_rows(conn, event.check_name)})
                yield event

    return warehouse_dbt_models
