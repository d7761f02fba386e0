"""The last published build and whether what it published is still in place and current.

Asked by `make run` before it imports Dagster (dagster_project/runner/up_to_date.py) and by the
steps of a run (the dbt asset decides whether to build, the docs asset whether to regenerate),
so it uses nothing heavier than DuckDB.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from analytics.site.build import site_current, site_version
from dagster_project.paths import DBT_TARGET_DIR, snapshot_path
from ingestion.warehouse.build_state import PublishedBuild, last_published

DOCS_INDEX = "static_index.html"
# What the docs in the target folder were generated from: the dbt project and the warehouse
# whose catalog they read (the target folder is shared by every WAREHOUSE_PATH).
DOCS_STAMP = "docs_generated_from.txt"


def docs_source(checksum: str, warehouse: Path) -> str:
    return f"{checksum} {warehouse.resolve()}"


def docs_current(checksum: str, warehouse: Path, target: Path = DBT_TARGET_DIR) -> bool:
    stamp = target / DOCS_STAMP
    return ((target / DOCS_INDEX).exists() and (target / "catalog.json").exists() and stamp.exists()
            and stamp.read_text() == docs_source(checksum, warehouse))


def outputs_current(published: PublishedBuild | None, warehouse: Path, site_dir: Path, checksum: str,
                    target: Path = DBT_TARGET_DIR) -> bool:
    """The docs, the snapshot and the report site are those of `published`, built with this code."""
    return (published is not None and snapshot_path(warehouse).exists() and docs_current(checksum, warehouse, target)
            and published.site_dir == str(site_dir) and published.site_version == site_version()
            and site_current(site_dir))


def read_published(warehouse: Path) -> PublishedBuild | None:
    """The last published build, or None when there is none or another process holds the file
    (a run under way: then there is something to do, and the run will say who holds it)."""
    if not warehouse.exists():
        return None
    try:
        with duckdb.connect(str(warehouse), read_only=True) as conn:
            return last_published(conn)
    except duckdb.Error:
        return None
