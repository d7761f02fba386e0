"""What can go wrong with the warehouse file itself, said so that a user knows what to do.

A run meets these in any step that opens the warehouse (the ingest, dbt, the docs, the snapshot,
the site): another process holds it, the file is damaged, the disk is full. Each becomes one
exception whose message names the file and the way out; `classify` turns DuckDB's and dbt's own
wording into them, so a caller has one place to ask.
"""
from __future__ import annotations

import errno
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ingestion.warehouse.locations import snapshot_path

# DuckDB's wording for a file it cannot read as a database.
_CORRUPT = re.compile(r"Corrupt database file|not a valid DuckDB database file|Could not read enough bytes"
                      r"|checksum .* does not match|Failed to load metadata|INTERNAL Error: .*serializ"
                      r"|WAL does not match database file|Failure while replaying WAL", re.IGNORECASE)
_LOCKED = re.compile(r"Could not set lock on file|Conflicting lock", re.IGNORECASE)
_DISK_FULL = re.compile(r"No space left on device|disk is full|Disk quota exceeded", re.IGNORECASE)


class WarehouseFault(Exception):
    """A fault of the warehouse file, with a message for the user."""


class WarehouseLockedError(WarehouseFault):
    """Another process holds the warehouse: DuckDB allows one writer per file."""


class WarehouseCorruptError(WarehouseFault):
    """The warehouse file cannot be read as a DuckDB database."""


class DiskFullError(WarehouseFault):
    """No space left where the warehouse (or DuckDB's temporary files) are written."""


def lock_message(path: Path, error: Exception | str = "") -> str:
    holder = re.search(r"PID \d+", str(error))
    who = f"another process ({holder.group()})" if holder else "another process"
    return (f"The warehouse {path} is held by {who}. DuckDB allows one writer, and even a"
            f" read-only session blocks it. Close that session (or wait for that run to finish) and start"
            f" the run again; query the snapshot {snapshot_path(path)} instead, which runs never lock.")


def corrupt_message(path: Path, error: Exception | str = "") -> str:
    detail = str(error).strip().splitlines()[0] if str(error).strip() else "it cannot be read"
    return (f"The warehouse file {path} is damaged ({detail}). Nothing was published from it. Two ways out: "
            f"`make restore` puts the last published build back (the snapshot {snapshot_path(path)}; the damaged "
            f"file is kept beside it) and the next `make run` adds what changed since; or move the file away and "
            f"`make run` rebuilds every report from the inbox (the history of removed files is lost).")


def disk_full_message(path: Path, error: Exception | str = "") -> str:
    return (f"The disk is full while writing {path} or DuckDB's temporary files ({str(error).strip()[:120]}). "
            f"Nothing published was changed. Free some space (df -h {path.parent}) and run again.")


def classify(error: BaseException, path: Path) -> WarehouseFault | None:
    """The warehouse fault this error is (DuckDB's, dbt's or the OS's wording), or None."""
    text = str(error)
    if isinstance(error, WarehouseFault):
        return error
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT) or _DISK_FULL.search(text):
        return DiskFullError(disk_full_message(path, error))
    if _LOCKED.search(text):
        return WarehouseLockedError(lock_message(path, error))
    if _CORRUPT.search(text):
        return WarehouseCorruptError(corrupt_message(path, error))
    return None


@contextmanager
def faults_named(path: Path) -> Iterator[None]:
    """Re-raise an error that is a fault of the warehouse at `path` as that fault, message and all."""
    try:
        yield
    except WarehouseFault:
        raise
    except Exception as exc:  # noqa: BLE001 - DuckDB, dbt and the OS each word these faults their own way
        fault = classify(exc, path)
        if fault is None:
            raise
        raise fault from exc
