"""What users read after a run: the dbt docs site and a read-only copy of the warehouse."""

import os
import shutil

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, MetadataValue, asset
from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from dagster_project.assets.dbt import warehouse_dbt_models
from dagster_project.dbt_project import dbt_project
from dagster_project.settings import snapshot_path, warehouse_path

DBT_MODEL_KEYS: list[AssetKey] = list(warehouse_dbt_models.keys)


@asset(key=["docs", "dbt_docs"], deps=DBT_MODEL_KEYS, group_name="publish", kinds={"dbt"})
def dbt_docs(context: AssetExecutionContext, dbt: DbtCliResource) -> MaterializeResult:
    """The dbt documentation site (catalog of every model, column and test), regenerated
    from the warehouse just built; `make docs` serves it."""
    dbt.cli(["docs", "generate", "--static"], manifest=dbt_project.manifest_path,
            target_path=dbt_project.target_path).wait()
    index = dbt_project.project_dir / dbt_project.target_path / "static_index.html"
    return MaterializeResult(metadata={"index": MetadataValue.path(str(index)),
                                       "serve": MetadataValue.text("make docs")})


@asset(key=["publish", "warehouse_snapshot"], deps=[dbt_docs.key, *DBT_MODEL_KEYS], group_name="publish",
       kinds={"duckdb"})
def warehouse_snapshot(context: AssetExecutionContext, duckdb: DuckDBResource) -> MaterializeResult:
    """A read-only copy of the warehouse for users' SQL sessions.

    DuckDB lets one process write a file and even a read-only session blocks that writer,
    so users query this copy; it is replaced atomically, so a reader never sees half a file.
    """
    with duckdb.get_connection() as conn:
        conn.execute("checkpoint")  # fold the WAL into the file before copying it
    target = snapshot_path()
    partial = target.with_name(target.name + ".tmp")
    shutil.copyfile(warehouse_path(), partial)
    os.replace(partial, target)
    return MaterializeResult(metadata={"path": MetadataValue.path(str(target)),
                                       "size_bytes": target.stat().st_size})
