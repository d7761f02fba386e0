"""Where the read-only snapshot is, and a read-only connection to it.

Every analytics command reads the snapshot, never the warehouse itself: even a read-only
session on the warehouse would hold a lock that stops the next run's writer.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from ingestion.warehouse.builds import build_file, find_build
from ingestion.warehouse.locations import PROJECT_ROOT, snapshot_path, warehouse_path

__all__ = ["PROJECT_ROOT", "connect", "default_snapshot_path", "kept_build_path", "table_exists"]


def default_snapshot_path() -> Path:
    return snapshot_path(warehouse_path())


def kept_build_path(build_id: str) -> Path:
    """The file of a kept build (`make builds` lists them; a unique prefix of its id names it):
    the published build as it was, read like the snapshot."""
    warehouse = warehouse_path()
    return build_file(warehouse, find_build(warehouse, build_id).build_id)


# A query may read the published warehouse and nothing else: no file of the machine (read_text,
# read_csv, ATTACH, glob), no file written (COPY … TO: OUT= writes results through Python), no
# extension installed, and no SET that would undo this.
SANDBOX = {"enable_external_access": False, "lock_configuration": True}


def connect(snapshot: Path) -> duckdb.DuckDBPyConnection:
    if not Path(snapshot).exists():
        raise FileNotFoundError(f"no warehouse snapshot at {snapshot}; build it with `make run`")
    return duckdb.connect(str(snapshot), read_only=True, config=SANDBOX)


def table_exists(conn: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return conn.execute("select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
                        [schema, table]).fetchone()[0] > 0
