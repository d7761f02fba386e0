"""Where the warehouse and its read-only snapshot are: the one rule runs, the analyst commands
and any other reader agree on.

A location comes from a setting (a Dagster resource field, a command-line flag), else its
environment variable, else the project default; relative paths are taken from the working
directory, as a shell user would expect.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def configured_path(value: str, variable: str, default: Path) -> Path:
    raw = value or os.environ.get(variable) or str(default)
    return Path(raw).expanduser().absolute()


def warehouse_path(value: str = "") -> Path:
    """The DuckDB file that runs write (WAREHOUSE_PATH)."""
    return configured_path(value, "WAREHOUSE_PATH", PROJECT_ROOT / "data" / "warehouse.duckdb")


def snapshot_path(warehouse: Path) -> Path:
    """The read-only copy users query while the next run writes the warehouse:
    `data/warehouse.duckdb` → `data/warehouse_snapshot.duckdb`."""
    return warehouse.with_name(f"{warehouse.stem}_snapshot{warehouse.suffix}")
