"""What `make run` checks before it starts a run, in a second and without Dagster.

One run at a time writes the warehouse: a second `make run` meets the first's run lock and says
who holds it, instead of failing half-way with DuckDB's lock error from whichever step met it.
A damaged warehouse file and a wrong inbox are named here too, before anything is started.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ingestion.intake.guards import InboxUnavailableError, check_inbox
from ingestion.warehouse.faults import (
    WarehouseCorruptError,
    WarehouseFault,
    WarehouseLockedError,
    classify,
    lock_message,
)


def run_lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".run-lock")


@contextmanager
def run_lock(warehouse: Path) -> Iterator[None]:
    """Held for the whole run; released when the process ends, however it ends (kill -9 included)."""
    path = run_lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip()
            raise WarehouseLockedError(lock_message(warehouse, f"PID {holder}" if holder.isdigit() else "")) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)


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


__all__ = ["InboxUnavailableError", "WarehouseFault", "check_warehouse", "preflight", "run_lock", "run_lock_path"]
