"""Read-only looks into a built warehouse, shared by the end-to-end tests."""
from __future__ import annotations

from pathlib import Path

import duckdb


def query(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute(sql).fetchall()


def mart_counts(path: Path) -> dict[str, int]:
    """Reports, sections and indicator mentions in the marts."""
    (reports, sections, mentions), = query(path, "select (select count(*) from marts.reports),"
                                                 " (select count(*) from marts.sections),"
                                                 " (select count(*) from marts.indicators)")
    return {"reports": reports, "sections": sections, "mentions": mentions}
