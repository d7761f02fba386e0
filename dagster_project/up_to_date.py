"""Is everything build_warehouse writes already current?

Asked twice. `make run` asks first, before it imports Dagster: when the inbox listing, the
parser, the dbt project and the site code are those of the last published build and its outputs
are in place, there is nothing to do, and saying so costs a second instead of a Dagster run
(process, imports, a run record and an event per asset and check). Inside a run the dbt step asks
again about what it reads (the raw layer as the ingest left it) and skips dbt, docs, snapshot and
site when they are current.

No Dagster here, and nothing heavier than DuckDB: this module is the fast path.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from analytics.site.build import site_current, site_version
from dagster_project.paths import DBT_PROJECT_DIR, DBT_TARGET_DIR, snapshot_path
from ingestion.warehouse.build_state import PublishedBuild, dbt_checksum, last_published
from ingestion.version import parser_version
from ingestion.intake.inventory import inbox_fingerprint

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


def nothing_to_do(warehouse: Path, inbox: Path, site_dir: Path, project_dir: Path = DBT_PROJECT_DIR
                  ) -> PublishedBuild | None:
    """The published build when a run would change nothing, else None."""
    published = read_published(warehouse)
    checksum = dbt_checksum(project_dir)
    if published is None or published.dbt_checksum != checksum or not outputs_current(
            published, warehouse, site_dir, checksum, project_dir / "target"):
        return None
    if (published.inbox_fingerprint, published.parser_version) != (inbox_fingerprint(inbox), parser_version()):
        return None
    return published
