"""Writes parses into the raw schema of the DuckDB warehouse.

Every write for a batch of reports happens in one transaction that first deletes the
reports' old rows, so a re-run replaces rather than duplicates, and a failure leaves
what was loaded before untouched.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import duckdb
import pandas as pd

from ingestion.records import RAW_COLUMNS, REPORT_TABLES, Rows, SourceFile


def ensure_raw_schema(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute("create schema if not exists raw")
    for table, columns in RAW_COLUMNS.items():
        cols = ", ".join(f"{name} {sql_type}" for name, sql_type in columns.items())
        conn.execute(f"create table if not exists raw.{table} ({cols})")


def _insert(conn: duckdb.DuckDBPyConnection, table: str, rows: Sequence[tuple]) -> None:
    if not rows:
        return
    # object dtype keeps None as NULL (a float column would turn it into NaN).
    frame = pd.DataFrame(list(rows), columns=list(RAW_COLUMNS[table]), dtype=object)
    conn.register("_rows", frame)
    try:
        conn.execute(f"insert into raw.{table} select * from _rows")
    finally:
        conn.unregister("_rows")


def parsed_versions(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """file_id → parser_version of every file already loaded as a report."""
    return dict(conn.execute(
        "select f.file_id, r.parser_version from raw.files f join raw.reports r using (report_id)"
        " where f.status = 'parsed'"
    ).fetchall())


def file_paths(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(conn.execute("select file_id, source_path from raw.files").fetchall())


def _upsert_files(conn: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    ids = [r[0] for r in rows]
    first_seen = dict(conn.execute(
        "select file_id, first_seen_at from raw.files where list_contains(?, file_id)", [ids]
    ).fetchall())
    conn.execute("delete from raw.files where list_contains(?, file_id)", [ids])
    rows = [r[:7] + (first_seen.get(r[0], r[7]),) + r[8:] for r in rows]
    _insert(conn, "files", rows)


def replace_reports(conn: duckdb.DuckDBPyConnection, batch: Sequence[tuple[SourceFile, str, Rows]],
                    now: datetime) -> None:
    """Load a batch of (source, encoding, rows), replacing any earlier rows of the same reports."""
    if not batch:
        return
    report_ids = [source.report_id for source, _, _ in batch]
    file_ids = [source.file_id for source, _, _ in batch]
    conn.execute("begin transaction")
    try:
        for table in REPORT_TABLES:
            conn.execute(f"delete from raw.{table} where list_contains(?, report_id)", [report_ids])
            _insert(conn, table, [row for _, _, rows in batch for row in rows[table]])
        # These bytes, or a fixed file at the same path, parse now; copies elsewhere in the
        # inbox stay recorded as duplicates.
        paths = [source.path for source, _, _ in batch]
        conn.execute("delete from raw.quarantine where reason <> 'duplicate'"
                     " and (list_contains(?, file_id) or list_contains(?, source_path))", [file_ids, paths])
        _upsert_files(conn, [
            (s.file_id, s.file_name, s.path, s.size_bytes, encoding, "parsed", s.report_id, now, now)
            for s, encoding, _ in batch
        ])
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise


def quarantine(conn: duckdb.DuckDBPyConnection, source: SourceFile, reason: str, message: str,
               now: datetime, keep_loaded: bool) -> None:
    """Record a file that cannot become a report. A report already loaded from the same
    bytes stays (keep_loaded), so a parser regression never deletes data."""
    conn.execute("begin transaction")
    try:
        conn.execute("delete from raw.quarantine where file_id = ? and source_path = ?", [source.file_id, source.path])
        _insert(conn, "quarantine", [(source.file_id, source.file_name, source.path, reason, message, now)])
        if not keep_loaded:
            _upsert_files(conn, [(source.file_id, source.file_name, source.path, source.size_bytes, None,
                                  "quarantined", None, now, now)])
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise


def touch_files(conn: duckdb.DuckDBPyConnection, file_ids: Iterable[str], now: datetime) -> None:
    ids = list(file_ids)
    if ids:
        conn.execute("update raw.files set last_seen_at = ? where list_contains(?, file_id)", [now, ids])


def table_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: conn.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in RAW_COLUMNS}
