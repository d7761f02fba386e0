"""`make restore`: the last published build (the read-only snapshot) back in place of the warehouse.

The way out of a damaged warehouse file that keeps the history of removed paths: the snapshot
is a complete copy of the warehouse as it was published, raw layer and build records included,
so the next run ingests only what changed since. The file it replaces is kept beside it.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from ingestion.warehouse.locations import snapshot_path


def restore_published(warehouse: Path) -> Path | None:
    """Copies the snapshot over the warehouse; returns where the replaced file was kept, if any."""
    snapshot = snapshot_path(warehouse)
    if not snapshot.exists():
        raise FileNotFoundError(f"There is no published build to restore: {snapshot} does not exist. Move "
                                f"{warehouse} away and `make run` rebuilds every report from the inbox.")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    while warehouse.with_name(f"{warehouse.name}.replaced-{stamp}").exists():  # two restores in one second
        stamp += "+"
    kept = None
    if warehouse.exists():
        kept = warehouse.with_name(f"{warehouse.name}.replaced-{stamp}")
        os.replace(warehouse, kept)
    wal = warehouse.with_name(warehouse.name + ".wal")
    if wal.exists():  # a write-ahead log of the replaced file must not be replayed onto the restored one
        os.replace(wal, warehouse.with_name(f"{warehouse.name}.replaced-{stamp}.wal"))
    partial = warehouse.with_name(warehouse.name + ".restoring")
    shutil.copyfile(snapshot, partial)
    os.replace(partial, warehouse)
    return kept
