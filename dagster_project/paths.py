"""Where things are: the project's folders, and how each configurable location is found.

A location is a resource field (dagster_project/resources.py); left empty it falls back to its
environment variable, then to the project default. The chain is written once, without Dagster,
because `make run` answers "is there anything to do?" before it imports Dagster at all. The
warehouse and its snapshot are located by ingestion/warehouse/locations.py, which the analyst
commands read too.
"""
from pathlib import Path

from ingestion.warehouse.locations import configured_path, snapshot_path, warehouse_path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DBT_TARGET_DIR = DBT_PROJECT_DIR / "target"
# `dbt docs generate` overwrites run_results.json; the build's own results are kept under this name.
BUILD_RESULTS = "build_run_results.json"

__all__ = ["BUILD_RESULTS", "DBT_PROJECT_DIR", "DBT_TARGET_DIR", "PROJECT_ROOT", "inbox_path", "parse_cache_path",
           "report_site_path", "snapshot_path", "warehouse_path"]


def inbox_path(value: str = "") -> Path:
    return configured_path(value, "REPORTS_INBOX", PROJECT_ROOT / "data" / "samples")


def parse_cache_path(value: str = "") -> Path:
    return configured_path(value, "PARSE_CACHE_DIR", PROJECT_ROOT / "data" / "parse_cache")


def report_site_path(value: str = "") -> Path:
    return configured_path(value, "REPORT_SITE_DIR", PROJECT_ROOT / "site")
