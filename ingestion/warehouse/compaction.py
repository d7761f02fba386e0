"""The warehouse file rewritten without its free space, when enough of it is free.

DuckDB reuses the blocks that deleted rows leave, but never gives them back: a warehouse that
lost many reports (or was rebuilt from scratch) keeps its largest size. Rewriting it into a new
file (COPY FROM DATABASE: tables, views, macros and comments) and swapping it in gives the space
back; it holds the run lock, so no run writes meanwhile.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

MIN_FREE_SHARE = 0.3  # compacting rewrites the whole file: worth it when a third of it is free


@dataclass(frozen=True)
class Compaction:
    free_share: float
    size_before: int
    size_after: int  # the same as before when the file was not rewritten


def free_share(warehouse: Path) -> float:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        _, _, _, total, _, free, *_ = conn.execute("pragma database_size").fetchone()
    return free / total if total else 0.0


def compact(warehouse: Path, min_free_share: float = MIN_FREE_SHARE) -> Compaction:
    """Rewrite the warehouse when at least `min_free_share` of its blocks are free."""
    with duckdb.connect(str(warehouse)) as conn:  # a write-ahead log left by a killed run, folded in first
        conn.execute("checkpoint")
    share, before = free_share(warehouse), warehouse.stat().st_size
    if share < min_free_share:
        return Compaction(share, before, before)
    partial = warehouse.with_name(warehouse.name + ".compacting")
    partial.unlink(missing_ok=True)
    try:
        with duckdb.connect() as conn:
            conn.execute("attach ? as old (read_only)", [str(warehouse)])
            conn.execute("attach ? as new", [str(partial)])
            conn.execute("copy from database old to new")
        os.replace(partial, warehouse)
    finally:
        partial.unlink(missing_ok=True)
    return Compaction(share, before, warehouse.stat().st_size)
