"""One warehouse built from the bundled samples for all analytics tests, in a temp folder.

Ingest + `dbt build` + `dbt docs generate`, each writing only under the session's temp
folder (warehouse, dbt target and logs), then the snapshot copy the publish asset makes.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from ingestion.intake.ingest import ingest_inbox
from ingestion.warehouse.locations import snapshot_path
from tests.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS  # noqa: F401 - tests import them from here
from tests.paths import PROJECT_ROOT, SAMPLES


@dataclass(frozen=True)
class BuiltWarehouse:
    warehouse: Path
    snapshot: Path
    dbt_target: Path


def _dbt(args: list[str], warehouse: Path, folder: Path) -> None:
    dbt = Path(sys.executable).parent / "dbt"
    subprocess.run([str(dbt), *args, "--quiet", "--profiles-dir", ".", "--target-path", str(folder / "target"),
                    "--log-path", str(folder / "logs"), "--vars", json.dumps({"warehouse_path": str(warehouse)})],
                   cwd=PROJECT_ROOT / "dbt_project", env={**os.environ, "WAREHOUSE_PATH": str(warehouse)},
                   check=True)


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory) -> BuiltWarehouse:
    folder = tmp_path_factory.mktemp("analytics_warehouse")
    warehouse = folder / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as conn:
        summary = ingest_inbox(conn, SAMPLES, datetime.now())
    assert not summary.quarantined, f"the bundled samples must all parse: {summary.quarantined}"
    _dbt(["build"], warehouse, folder)
    _dbt(["docs", "generate", "--static"], warehouse, folder)
    snapshot = snapshot_path(warehouse)
    shutil.copyfile(warehouse, snapshot)
    return BuiltWarehouse(warehouse, snapshot, folder / "target")


@pytest.fixture
def snapshot_conn(built_warehouse):
    with duckdb.connect(str(built_warehouse.snapshot), read_only=True) as conn:
        yield conn


@pytest.fixture
def page(browser):
    """A desktop page as a Chinese reader opens it (the Dagster UI tests use their own, wider one)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()
