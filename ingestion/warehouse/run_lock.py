"""One writer at a time, for the whole of a run: `make run`, `make restore` and the maintenance job
each hold this lock while they work on the warehouse.

DuckDB's own lock covers one connection; a run opens and closes several (the ingest, dbt, the
docs, the snapshot, the site), and another run could slip in between. A second holder meets
this lock at once and is told which process has it. The lock is the kernel's (flock), released
when its process ends, however it ends.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ingestion.warehouse.faults import WarehouseLockedError, lock_message


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
