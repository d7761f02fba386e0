"""One writer at a time, for the whole of a run: `make run`, a run launched from the UI or a
schedule, `make restore` and the maintenance job each hold this lock while they work.

DuckDB's own lock covers one connection; a run opens and closes several (the ingest, dbt, the
docs, the snapshot, the site), and another run could slip in between. The lock is the kernel's
(flock on `<warehouse>.run-lock`), released when its process ends, however it ends; a second
holder meets it at once and is told which process has it. A process takes it once: `make run`
takes it before Dagster starts, and the run's steps, in the same process, find it theirs.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ingestion.warehouse.faults import WarehouseLockedError, lock_message

_held: dict[Path, IO[str]] = {}  # lock files this process holds


def run_lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".run-lock")


def _acquire(warehouse: Path) -> IO[str]:
    path = run_lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = path.open("a+")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.seek(0)
        holder = fh.read().strip()
        fh.close()
        raise WarehouseLockedError(lock_message(warehouse, f"PID {holder}" if holder.isdigit() else "")) from None
    fh.seek(0)
    fh.truncate()
    fh.write(str(os.getpid()))
    fh.flush()
    return fh


@contextmanager
def run_lock(warehouse: Path) -> Iterator[None]:
    """Held for the block (by this process already: nothing more to do)."""
    key = warehouse.absolute()
    if key in _held:
        yield
        return
    _held[key] = _acquire(warehouse)
    try:
        yield
    finally:
        fh = _held.pop(key)
        fh.seek(0)
        fh.truncate()
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


def hold_for_this_process(warehouse: Path) -> None:
    """Held until this process ends: a run's steps take it as they open the warehouse."""
    key = warehouse.absolute()
    if key not in _held:
        _held[key] = _acquire(warehouse)
