"""Where the read-only snapshot is, and a read-only connection to it.

Every analytics command reads the snapshot, never the warehouse itself: even a read-only
session on the warehouse would hold a lock that stops the next run's writer.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def sibling_snapshot(warehouse: Path) -> Path:
    """`data/warehouse.duckdb` → `data/warehouse_snapshot.duckdb`, as the publish asset names it."""
    return warehouse.with_name(f"{warehouse.stem}_snapshot{warehouse.suffix}")


def default_snapshot_path() -> Path:
    warehouse = os.environ.get("WAREHOUSE_PATH")
    if warehouse:
        return sibling_snapshot(Path(warehouse).expanduser().resolve())
    return PROJECT_ROOT / "data" / "warehouse_snapshot.duckdb"


def connect(snapshot: Path) -> duckdb.DuckDBPyConnection:
    if not Path(snapshot).exists():
        raise FileNotFoundError(f"no warehouse snapshot at {snapshot}; build it with `make run`")
    return duckdb.connect(str(snapshot), read_only=True)


def table_exists(conn: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return conn.execute("select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
                        [schema, table]).fetchone()[0] > 0
