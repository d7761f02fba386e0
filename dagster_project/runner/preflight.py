"""What `make run` checks before it starts a run, in a second and without Dagster.

A damaged warehouse file and a wrong inbox are named before anything is started; the run lock
(ingestion/warehouse/run_lock.py) keeps a second run from starting beside the first.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from ingestion.intake.guards import check_inbox
from ingestion.warehouse.faults import (
    WarehouseCorruptError,
    classify,
)


def check_warehouse(warehouse: Path) -> None:
    """Raises WarehouseCorruptError when the file exists but DuckDB cannot read it. A file held by
    another process is no fault here: the run waits for it, then says who holds it."""
    if not warehouse.exists():
        return
    try:
        with duckdb.connect(str(warehouse), read_only=True) as conn:
            conn.execute("select count(*) from duckdb_tables()").fetchone()
    except (duckdb.Error, OSError) as exc:
        fault = classify(exc, warehouse)
        if isinstance(fault, WarehouseCorruptError):
            raise fault from exc


def preflight(warehouse: Path, inbox: Path) -> None:
    """Raises the fault that would stop the run: a wrong inbox or a damaged warehouse."""
    check_inbox(inbox)
    check_warehouse(warehouse)

