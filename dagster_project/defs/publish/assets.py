"""What users read after a run: the dbt docs site and a read-only copy of the warehouse."""
import os
import shutil

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject

from dagster_project.defs.dbt.assets import warehouse_dbt_models, warehouse_project
from dagster_project.defs.dbt.decisions import dbt_vars
from dagster_project.defs.resources import Warehouse
from dagster_project.published import DOCS_INDEX, DOCS_STAMP, docs_current, docs_source
from ingestion.warehouse.build_state import dbt_checksum


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
            dbt.cli(["docs", "generate", "--static", *dbt_vars(warehouse.path)], manifest=project.manifest_path,
                    target_path=project.target_path).wait()
            (target / DOCS_STAMP).write_text(docs_source(checksum, warehouse.path))
        return dg.MaterializeResult(metadata={"index": dg.MetadataValue.path(str(target / DOCS_INDEX)),
                                              "regenerated": not current,
                                              "serve": dg.MetadataValue.text("make serve")})

    @dg.asset(key=["publish", "warehouse_snapshot"], deps=[dbt_docs.key, *model_keys], group_name="publish",
              kinds={"duckdb"})
    def warehouse_snapshot(warehouse: Warehouse) -> dg.MaterializeResult:
        """A read-only copy of the warehouse for users' SQL sessions.

        DuckDB lets one process write a file and even a read-only session blocks that writer,
        so users query this copy; it is replaced atomically, so a reader never sees half a file.
        """
        with warehouse.get_connection() as conn:
            conn.execute("checkpoint")  # fold the WAL into the file before copying it
        target = warehouse.snapshot_path
        partial = target.with_name(target.name + ".tmp")
        shutil.copyfile(warehouse.path, partial)
        os.replace(partial, target)
        return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(target)),
                                              "size_bytes": target.stat().st_size})

    return [dbt_docs, warehouse_snapshot]


@dg.definitions
def publish_definitions() -> dg.Definitions:
    return dg.Definitions(assets=build_publish_assets(warehouse_project(), warehouse_dbt_models()))
