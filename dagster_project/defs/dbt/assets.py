"""dbt models as Dagster assets; dbt tests become asset checks of their models."""
import shutil
from functools import cache

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets
from pydantic import Field

from dagster_project.defs.dbt.decisions import build_args, plan_dbt_step
from dagster_project.defs.dbt.translator import WarehouseTranslator
from dagster_project.defs.resources import ReportSiteFolder, Warehouse, dbt_project
from dagster_project.paths import BUILD_RESULTS
from dagster_project.published import outputs_current
from ingestion.warehouse.build_state import (
    dbt_checksum,
    last_published,
    raw_fingerprint,
)
from ingestion.warehouse.faults import faults_named

# Warning tests that store their failing rows (dbt `store_failures`): the check lists them.
STORED_FAILURES = {"report_structure_is_complete", "stated_rate_matches_parts"}
FAILURES_SCHEMA = "test_failures"


def failing_rows(conn, check_name: str, limit: int = 50) -> dict[str, dg.MetadataValue]:
    """The rows a warning test stored, as a table in the check's metadata: which reports."""
    exists = conn.execute("select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
                          [FAILURES_SCHEMA, check_name]).fetchone()[0]
    if not exists:
        return {}
    frame = conn.execute(f'select * from "{FAILURES_SCHEMA}"."{check_name}" limit {limit}').fetchdf()
    return {"failing_rows": dg.MetadataValue.md(frame.to_markdown(index=False) if len(frame) else "_none_")}


class DbtStepConfig(dg.Config):
    force: bool = Field(default=False, description=(
        "Build even when the raw layer and the dbt project are as last published, so the docs, the "
        "snapshot and the report site are rebuilt too instead of being skipped."))


def column_schemas(rows: list[tuple[str, str, str, str, str | None]]) -> dict[tuple[str, str], dg.TableSchema]:
    """(schema, table, column, type, comment) rows of duckdb_columns() → each table's column schema.
    The comments are the dbt column descriptions (persist_docs)."""
    columns: dict[tuple[str, str], list[dg.TableColumn]] = {}
    for schema, table, column, data_type, comment in rows:
        columns.setdefault((schema, table), []).append(
            dg.TableColumn(name=column, type=data_type, description=comment or None))
    return {key: dg.TableSchema(columns=value) for key, value in columns.items()}


def _warehouse_columns(conn) -> dict[tuple[str, str], dg.TableSchema]:
    return column_schemas(conn.execute(
        "select schema_name, table_name, column_name, data_type, comment from duckdb_columns()"
        " where schema_name not in ('raw', 'meta', 'main', 'information_schema', 'pg_catalog')"
        " order by schema_name, table_name, column_index").fetchall())


def build_dbt_models(project: DbtProject) -> dg.AssetsDefinition:
    # No `project=` here: dagster-dbt would put the DbtProject object into every asset's metadata,
    # which the UI shows as `dagster_dbt/project (unserializable)`. It only serves code references.
    @dbt_assets(manifest=project.manifest_path, dagster_dbt_translator=WarehouseTranslator())
    def warehouse_dbt_models(context: dg.AssetExecutionContext, config: DbtStepConfig, dbt: DbtCliResource,
                             warehouse: Warehouse, report_site: ReportSiteFolder):
        """`dbt build`: seeds, models and their data tests, in dependency order. In the
        build_warehouse job it is skipped when neither the raw layer nor the dbt project changed
        since the last published build and its docs, snapshot and site are in place; they are
        then skipped with it."""
        checksum = dbt_checksum(project.project_dir)
        with warehouse.get_connection() as conn:
            raw = raw_fingerprint(conn)
            last = last_published(conn)
        step = plan_dbt_step(last, raw, checksum, job_name=context.job_name, force=config.force,
                             outputs_current=outputs_current(last, warehouse.path, report_site.path, checksum))
        context.log.info(step.reason)
        if step.skip:
            return
        # dagster-dbt's fetch_row_counts() opens the warehouse inside this process while dbt
        # still writes it from another, and DuckDB allows one writer: count after dbt exits.
        # One fixed target folder (runs are serialised) so docs and summary find run_results.json.
        invocation = dbt.cli(build_args(step, warehouse.path), context=context, target_path=project.target_path)
        with faults_named(warehouse.path):  # a lock held by another run, a damaged file, a full disk
            events = list(invocation.stream())
        # `dbt docs generate` overwrites run_results.json; keep the build's for the run summary.
        target = project.project_dir / project.target_path
        shutil.copyfile(target / "run_results.json", target / BUILD_RESULTS)
        with warehouse.get_connection() as conn:
            # Types as DuckDB built them: the manifest has a column's type only where the YAML declares it.
            schemas = _warehouse_columns(conn)
            for event in events:
                if isinstance(event, dg.Output) and event.output_name:
                    key = context.asset_key_for_output(event.output_name)
                    table = ".".join(f'"{part}"' for part in key.path)
                    rows = conn.execute(f"select count(*) from {table}").fetchone()[0]
                    extra = {"dagster/row_count": rows}
                    if tuple(key.path) in schemas:
                        extra["dagster/column_schema"] = schemas[tuple(key.path)]
                    event = event.with_metadata({**event.metadata, **extra})
                elif isinstance(event, dg.AssetCheckResult) and event.check_name in STORED_FAILURES:
                    event = event.with_metadata({**event.metadata, **failing_rows(conn, event.check_name)})
                yield event

    return warehouse_dbt_models


@cache
def warehouse_project() -> DbtProject:
    project = dbt_project()
    project.prepare_if_dev()
    return project


@cache
def warehouse_dbt_models() -> dg.AssetsDefinition:
    """One definition per code location load; the publish assets depend on its keys."""
    return build_dbt_models(warehouse_project())


@dg.definitions
def dbt_definitions() -> dg.Definitions:
    # Built when the Definitions load, never at import: the manifest is read then (`make manifest`
    # builds it; `dagster dev` prepares it if missing).
    return dg.Definitions(assets=[warehouse_dbt_models()])
