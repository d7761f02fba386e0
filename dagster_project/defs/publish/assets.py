"""What users read after a run: the dbt docs site and a read-only copy of the warehouse."""

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject

from dagster_project.defs.dbt.assets import warehouse_dbt_models, warehouse_project
from dagster_project.defs.dbt.decisions import dbt_vars
from dagster_project.defs.resources import BuildsKept, Warehouse
from dagster_project.file_events import file_events_of
from dagster_project.published import DOCS_INDEX, DOCS_STAMP, docs_current, docs_source
from ingestion.warehouse import builds
from ingestion.warehouse.build_state import dbt_checksum
from ingestion.warehouse.faults import faults_named

# What a published build is listed with (`make builds`).
PUBLISHED_COUNTS = {
    "reports": "select count(*) from marts.reports",
    "sections": "select count(*) from marts.sections",
    "mentions": "select count(*) from marts.indicators",
    "quarantined": "select count(*) from marts.quarantine",
}


def _file_events(context: dg.AssetExecutionContext) -> dict[str, int]:
    """The files of the run by lifecycle event, from the raw layer's materialisation in this run."""
    event = context.instance.get_latest_materialization_event(dg.AssetKey(["raw", "files"]))
    if event is None or event.run_id != context.run_id or event.asset_materialization is None:
        return {}
    return file_events_of(event.asset_materialization.metadata)


def build_publish_assets(project: DbtProject, dbt_models: dg.AssetsDefinition) -> list[dg.AssetsDefinition]:
    model_keys = list(dbt_models.keys)

    @dg.asset(key=["docs", "dbt_docs"], deps=model_keys, group_name="publish", kinds={"dbt"})
    def dbt_docs(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse
                 ) -> dg.MaterializeResult:
        """The dbt documentation site (catalog of every model, column and test); `make serve`
        serves it. Regenerated when the dbt project or the warehouse changed since it was last
        generated: the docs show models, columns, types and tests, never row counts (dbt-duckdb's
        catalog has no statistics), so new reports alone leave them as they are."""
        target = project.project_dir / project.target_path
        checksum = dbt_checksum(project.project_dir)
        current = docs_current(checksum, warehouse.path, target)
        if current:
            context.log.info("dbt project and warehouse unchanged since the docs were generated: docs kept")
        else:
            with faults_named(warehouse.path):
                dbt.cli(["docs", "generate", "--static", *dbt_vars(warehouse.path)], manifest=project.manifest_path,
                        target_path=project.target_path).wait()
            (target / DOCS_STAMP).write_text(docs_source(checksum, warehouse.path))
        return dg.MaterializeResult(metadata={"index": dg.MetadataValue.path(str(target / DOCS_INDEX)),
                                              "regenerated": not current,
                                              "serve": dg.MetadataValue.text("make serve")})

    @dg.asset(key=["publish", "warehouse_snapshot"], deps=[dbt_docs.key, *model_keys], group_name="publish",
              kinds={"duckdb"})
    def warehouse_snapshot(context: dg.AssetExecutionContext, warehouse: Warehouse,
                           builds_kept: BuildsKept) -> dg.MaterializeResult:
        """The published build: a copy of the warehouse for users' SQL sessions, kept with the
        builds before it (`make builds`, `make restore BUILD=…`).

        DuckDB lets one process write a file and even a read-only session blocks that writer,
        so users query this copy; the snapshot path is swapped atomically for it, so a reader never
        sees half a file, and one holding the previous build reads it until it reconnects.
        """
        with warehouse.get_connection() as conn:
            conn.execute("checkpoint")  # fold the WAL into the file before copying it
            counts = {name: conn.execute(sql).fetchone()[0] for name, sql in PUBLISHED_COUNTS.items()}
        with faults_named(warehouse.path):
            build = builds.publish(warehouse.path, context.run_id, counts, _file_events(context))
            pruned = builds.prune(warehouse.path, builds_kept.keep_last, builds_kept.keep_days)
        target = warehouse.snapshot_path
        return dg.MaterializeResult(metadata={
            "path": dg.MetadataValue.path(str(target)), "size_bytes": target.stat().st_size,
            "build_id": build.build_id, "builds_pruned": len(pruned), **counts})

    return [dbt_docs, warehouse_snapshot]


@dg.definitions
def publish_definitions() -> dg.Definitions:
    return dg.Definitions(assets=build_publish_assets(warehouse_project(), warehouse_dbt_models()))
