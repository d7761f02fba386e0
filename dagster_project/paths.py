"""Where things are: the project's folders, and how each configurable location is found.

A location is a resource field (dagster_project/resources.py); left empty it falls back to its
environment variable, then to the project default. The chain is written once, here, without
Dagster, because `make run` answers "is there anything to do?" (dagster_project/up_to_date.py)
before it imports Dagster at all.
"""
import os
from pathlib import Path

# The read-only copy users query while the next run writes the warehouse: named where the
# analytics commands, which read it, name it.
from analytics.snapshot import sibling_snapshot as snapshot_path  # noqa: F401 - re-exported

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DBT_TARGET_DIR = DBT_PROJECT_DIR / "target"
# `dbt docs generate` overwrites run_results.json; the build's own results are kept under this name.
BUILD_RESULTS = "build_run_results.json"


def configured_path(value: str, variable: str, default: Path) -> Path:
    """The field's value, else $variable, else the default; relative paths are taken from
    the working directory at run time, as a shell user would expect."""
    raw = value or os.environ.get(variable) or str(default)
    return Path(raw).expanduser().absolute()


def warehouse_path(value: str = "") -> Path:
    return configured_path(value, "WAREHOUSE_PATH", PROJECT_ROOT / "data" / "warehouse.duckdb")


def inbox_path(value: str = "") -> Path:
    return configured_path(value, "REPORTS_INBOX", PROJECT_ROOT / "data" / "samples")


def parse_cache_path(value: str = "") -> Path:
    return configured_path(value, "PARSE_CACHE_DIR", PROJECT_ROOT / "data" / "parse_cache")


def report_site_path(value: str = "") -> Path:
    return configured_path(value, "REPORT_SITE_DIR", PROJECT_ROOT / "site")
