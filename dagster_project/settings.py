"""Where things live. Every path comes from one environment variable with a working default.

Paths are made absolute and written back to the environment at import, because dbt
runs as a subprocess from dbt_project/ and reads WAREHOUSE_PATH itself (profiles.yml):
a relative path would name a different file there.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"

_DEFAULTS = {
    "WAREHOUSE_PATH": PROJECT_ROOT / "data" / "warehouse.duckdb",
    "REPORTS_INBOX": PROJECT_ROOT / "data" / "samples",
    "DAGSTER_HOME": PROJECT_ROOT / ".dagster_home",
}


def _absolute(name: str) -> Path:
    path = Path(os.environ.get(name) or _DEFAULTS[name]).expanduser()
    if not path.is_absolute():
        path = (Path.cwd() / path).resolve()
    os.environ[name] = str(path)
    return path


for _name in _DEFAULTS:
    _absolute(_name)


def warehouse_path() -> Path:
    return _absolute("WAREHOUSE_PATH")


def snapshot_path() -> Path:
    """The read-only copy users query while the next run writes the warehouse."""
    warehouse = warehouse_path()
    return warehouse.with_name(f"{warehouse.stem}_snapshot{warehouse.suffix}")


def inbox_path() -> Path:
    return _absolute("REPORTS_INBOX")


def dbt_docs_url() -> str:
    """Where `make docs` serves the dbt docs; asset pages in Dagster link there."""
    return os.environ.get("DBT_DOCS_URL", "http://localhost:8080")
