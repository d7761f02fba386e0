"""Is everything build_warehouse writes already current? `make run` asks before it imports Dagster.

When the inbox listing, the parser, the dbt project and the site code are those of the last
published build and its outputs are in place, there is nothing to do, and saying so costs a
second instead of a Dagster run (process, imports, a run record and an event per asset and
check). Inside a run the dbt step asks again about what it reads (dagster_project/defs/dbt/).

No Dagster here, and nothing heavier than DuckDB: this module is the fast path.
"""
from __future__ import annotations

from pathlib import Path

from dagster_project.paths import DBT_PROJECT_DIR
from dagster_project.published import outputs_current, read_published
from ingestion.intake.inventory import inbox_fingerprint
from ingestion.version import parser_version
from ingestion.warehouse.build_state import PublishedBuild, dbt_checksum


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
