"""The configurable locations and connections, read when a run uses them, never at import.

Each location is a resource field; left empty it falls back to its environment variable,
then to the project default, so `make run`, `dagster dev`, tests and the launchpad all
take one way in.
"""
from __future__ import annotations

import importlib.metadata
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource, DbtProject
from dagster_duckdb import DuckDBResource
from packaging import version
from pydantic import Field

from dagster_project.paths import (
    DBT_PROJECT_DIR,
    inbox_path,
    parse_cache_path,
    report_site_path,
    snapshot_path,
    warehouse_path,
)
from ingestion.warehouse.faults import WarehouseLockedError, classify, faults_named
from ingestion.warehouse.run_lock import hold_for_this_process

# DuckDB takes 80% of the machine's memory by default; under this limit (the one dbt's profile sets)
# the run's own connection spills instead, so a huge report's rows cannot take the machine.
INGEST_SETTINGS = {"memory_limit": os.environ.get("DBT_DUCKDB_MEMORY_LIMIT", "1500MB")}


class Warehouse(DuckDBResource):
    """The DuckDB file that runs write (WAREHOUSE_PATH) and the read-only snapshot beside it."""

    database: str = Field(default="", description="DuckDB file; empty: $WAREHOUSE_PATH, else data/warehouse.duckdb")
    lock_timeout_seconds: float = Field(default=5.0, description="How long to wait for another writer to finish")

    @property
    def path(self) -> Path:
        return warehouse_path(self.database)

    @property
    def snapshot_path(self) -> Path:
        """The read-only copy users query while the next run writes the warehouse."""
        return snapshot_path(self.path)

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        # dagster-duckdb's own retry waits minutes on a lock with no word; fail in seconds instead,
        # and say what a damaged file or a full disk means rather than DuckDB's bare error.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        hold_for_this_process(self.path)  # the run's steps, and only they, write until the run ends
        deadline = time.monotonic() + self.lock_timeout_seconds
        while True:
            try:
                conn = duckdb.connect(str(self.path), config={**INGEST_SETTINGS, **self.connection_config})
                break
            except (duckdb.Error, OSError) as exc:
                fault = classify(exc, self.path)
                if fault is None:
                    raise
                if not isinstance(fault, WarehouseLockedError) or time.monotonic() >= deadline:
                    raise fault from exc
                time.sleep(0.25)
        try:
            with faults_named(self.path):
                yield conn
        finally:
            conn.close()


class BuildsKept(dg.ConfigurableResource):
    """How many published builds are kept (`make builds`); the published one always is."""

    last: int | None = Field(default=None, description="The last builds kept; empty: $BUILDS_KEEP_LAST, else 3")
    days: float | None = Field(default=None, description="Builds younger than this many days are kept too; "
                                                         "empty: $BUILDS_KEEP_DAYS, else 0")

    @property
    def keep_last(self) -> int:
        return self.last if self.last is not None else int(os.environ.get("BUILDS_KEEP_LAST") or 3)

    @property
    def keep_days(self) -> float:
        return self.days if self.days is not None else float(os.environ.get("BUILDS_KEEP_DAYS") or 0)


class ReportInbox(dg.ConfigurableResource):
    """The folder of raw report files (REPORTS_INBOX), searched recursively."""

    folder: str = Field(default="", description="Inbox folder; empty: $REPORTS_INBOX, else the bundled samples")

    @property
    def path(self) -> Path:
        return inbox_path(self.folder)


class ParseCacheFolder(dg.ConfigurableResource):
    """Where partition parses are written as Parquet and the ingest looks them up (PARSE_CACHE_DIR)."""

    folder: str = Field(default="", description="Parse cache folder; empty: $PARSE_CACHE_DIR, else data/parse_cache")

    @property
    def path(self) -> Path:
        return parse_cache_path(self.folder)


class ReportSiteFolder(dg.ConfigurableResource):
    """Where the report site is written (REPORT_SITE_DIR)."""

    folder: str = Field(default="", description="Site folder; empty: $REPORT_SITE_DIR, else site/")

    @property
    def path(self) -> Path:
        return report_site_path(self.folder)


def dbt_project() -> DbtProject:
    return DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def dbt_executable() -> str:
    """The dbt installed beside this Python, so a run works without activating the venv."""
    # sys.prefix, not sys.executable: `dagster dev` starts its code server with the
    # resolved interpreter, outside the venv's bin folder.
    beside = Path(sys.prefix) / "bin" / "dbt"
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


class WarehouseDbt(DbtCliResource):
    """dagster-dbt's resource without two start-up costs this project does not use, about 4 s of
    every dbt step: `dbt --version` in a subprocess (the dbt beside this Python is the dbt-core
    installed with it) and an in-process dbt adapter, which only `fetch_row_counts()` and
    `fetch_column_metadata()` need (the dbt asset counts rows itself, after dbt exits).
    Both override private methods of the pinned dagster-dbt; tests/unit/test_resources.py
    fails if an upgrade removes them."""

    @property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):  # noqa: ARG002 - the library's signature
        return None


@dg.definitions
def warehouse_resources() -> dg.Definitions:
    """Every resource, bound once for all the definitions of the defs folder."""
    return dg.Definitions(resources={
        "warehouse": Warehouse(),
        "inbox": ReportInbox(),
        "parse_cache": ParseCacheFolder(),
        "report_site": ReportSiteFolder(),
        "builds_kept": BuildsKept(),
        "dbt": WarehouseDbt(project_dir=dbt_project(), dbt_executable=dbt_executable()),
    })
