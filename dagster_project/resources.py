from __future__ import annotations

import shutil
import sys
from pathlib import Path

from dagster import ConfigurableResource, EnvVar
from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from dagster_project.dbt_project import dbt_project
from dagster_project import settings  # noqa: F401 - makes the path variables absolute first


class ReportInbox(ConfigurableResource):
    """The folder of raw report files (REPORTS_INBOX; default the bundled samples)."""

    folder: str


def _dbt_executable() -> str:
    """The dbt installed beside this Python, so a run works without activating the venv."""
    # sys.prefix, not sys.executable: `dagster dev` starts its code server with the
    # resolved interpreter, outside the venv's bin folder.
    beside = Path(sys.prefix) / "bin" / "dbt"
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


RESOURCES = {
    "duckdb": DuckDBResource(database=EnvVar("WAREHOUSE_PATH")),
    "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=_dbt_executable()),
    "inbox": ReportInbox(folder=EnvVar("REPORTS_INBOX")),
}
