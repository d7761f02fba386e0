"""Where the project's own folders are. Constants only: nothing here reads or writes the
environment; configurable locations are resources (dagster_project/resources.py)."""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
