"""Writes to the raw schema of the DuckDB warehouse.

Every change to a report happens in one transaction that deletes its old rows first, so a
re-run replaces rather than duplicates, and a failure leaves what was loaded untouched.
Inserts go by column name from the declarations in ingestion/rows/schema.py.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import duckdb
import pyarrow as pa

from ingestion.errors import Refusal
from ingestion.intake.inventory import InboxFile
from ingestion.intake.lifecycle import KnownPath, LoadedReport, ParseJob, PathStatus
from ingestion.rows.arrow_tables import Tables, columns_table
from ingestion.rows.report_rows import TableColumns, empty_rows, row_count
from ingestion.rows.schema import RAW_TABLES, REPORT_TABLES, schema_version


def _raw_state(conn: duckdb.DuckDBPyConnection) -> tuple[str | None, set[str]]:
    """The schema version the raw layer was built with and its tables, read without writing."""
    existing = {name for (name,) in conn.execute(
        "select table_name from duckdb_tables() where schema_name = 'raw'").fetchall()}
    stored = (conn.execute("select max(version) from raw.schema_version").fetchone()[0]
              if "schema_version" in existing else None)
    return stored, existing - {"schema_version"}


def raw_schema_outdated(conn: duckdb.DuckDBPyConnection) -> bool:
    """An existing raw layer of another schema: ensure_raw_schema would drop its every report."""
    stored, existing = _raw_state(conn)
    return bool(existing) and (stored != schema_version() or not existing >= RAW_TABLES.keys())


def loaded_report_count(conn: duckdb.DuckDBPyConnection) -> int:
    tables = _raw_state(conn)[1]
    return conn.execute("select count(*) from raw.reports").fetchone()[0] if "reports" in tables else 0


def ensure_raw_schema(conn: duckdb.DuckDBPyConnection) -> str | None:
    """Create the raw tables, or rebuild them when the declared schema changed.

    Returns a message when it rebuilt: every raw row is derived from the inbox, so the
    rebuild costs one full parse, which the parser change that comes with a schema change
    needs anyway.
    """
    stored, existing = _raw_state(conn)
    current = schema_version()
    if stored == current and existing >= RAW_TABLES.keys():
        return None
    with transaction(conn):
        conn.execute("create schema if not exists raw")
        conn.execute("create table if not exists raw.schema_version (version VARCHAR, applied_at TIMESTAMP)")
        for name in existing:
            conn.execute(f"drop table raw.{name}")
        for table in RAW_TABLES.values():
            conn.execute(table.ddl())
        conn.execute("delete from raw.schema_version")
        conn.execute("insert into raw.schema_version values (?, current_timestamp)", [current])
    if stored is None and not existing:
        return None
    return (f"raw schema changed ({stored or 'unversioned'} → {current}): raw tables rebuilt,"
            " every file of the inbox is parsed again")


class transaction:
    def __init__(self, conn: duckdb.DuckDBPyConnection):
        self.conn = conn

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.conn.execute("begin transaction")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        self.conn.execute("rollback" if exc_type else "commit")


def _insert_table(conn: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    if not rows.num_rows:
        return
    # DuckDB scans the Arrow table in place; a pandas frame of Python objects cost more than
    # the parse for the token table.
    conn.register("_rows", rows)
    names = ", ".join(rows.column_names)
    try:
        conn.execute(f"insert into raw.{table} ({names}) select {names} from _rows")
    finally:
        conn.unregister("_rows")


def _insert(conn: duckdb.DuckDBPyConnection, table: str, columns: TableColumns) -> None:
    if row_count(columns):
        _insert_table(conn, table, columns_table(table, columns))


def known_paths(conn: duckdb.DuckDBPyConnection) -> dict[str, KnownPath]:
    rows = conn.execute(
        "select source_path, file_id, size_bytes, modified_at, status, report_id from raw.files").fetchall()
    return {path: KnownPath(*rest) for path, *rest in rows}


def loaded_reports(conn: duckdb.DuckDBPyConnection) -> dict[str, LoadedReport]:
    """file_id → the report loaded from those bytes."""
    rows = conn.execute("select file_id, report_id, parser_version, source_path from raw.reports").fetchall()
    return {file_id: LoadedReport(*rest) for file_id, *rest in rows}


def _file_row(columns: TableColumns, file: InboxFile | Refusal, status: PathStatus, report_id: str | None,
              encoding: str | None, now: datetime) -> None:
    is_file = isinstance(file, InboxFile)
    values = dict(source_path=file.path, file_name=file.file_name, file_id=file.file_id,
                  size_bytes=file.size_bytes if is_file else None, modified_at=file.modified_at if is_file else None,
                  encoding=encoding, status=status, report_id=report_id, first_seen_at=now, changed_at=now,
                  removed_at=None)
    for name, value in values.items():
        columns[name].append(value)


def _upsert_files(conn: duckdb.DuckDBPyConnection, columns: TableColumns) -> None:
    """Replace the rows of these paths, keeping when each was first seen and, where the
    new row reads nothing, the encoding it was last read with."""
    paths = columns["source_path"]
    if not paths:
        return
    conn.execute("create or replace temp table _old_files as select * from raw.files"
                 " where list_contains(?, source_path)", [paths])
    conn.execute("delete from raw.files where list_contains(?, source_path)", [paths])
    _insert(conn, "files", columns)
    conn.execute("""
        update raw.files f set first_seen_at = o.first_seen_at,
            encoding = coalesce(f.encoding, case when o.file_id = f.file_id then o.encoding end)
        from _old_files o where o.source_path = f.source_path""")
    conn.execute("drop table _old_files")


def _delete_reports(conn: duckdb.DuckDBPyConnection, report_ids: Sequence[str]) -> None:
    # Only ids raw.reports holds can have rows (a report's rows come and go in one transaction):
    # a batch of new reports then skips scanning every growing table, which made loading quadratic.
    present = [rid for (rid,) in conn.execute(
        "select report_id from raw.reports where list_contains(?, report_id)", [list(report_ids)]).fetchall()]
    if present:
        for table in REPORT_TABLES:
            conn.execute(f"delete from raw.{table} where list_contains(?, report_id)", [present])


def _clear_quarantine(conn: duckdb.DuckDBPyConnection, paths: Sequence[str]) -> None:
    if paths:
        conn.execute("delete from raw.quarantine where list_contains(?, source_path)", [list(paths)])


def load_parsed(conn: duckdb.DuckDBPyConnection, parsed: Sequence[tuple[ParseJob, str]], tables: Tables,
                now: datetime) -> None:
    """Load a batch of parses (each job with the encoding its file was read with; their rows in
    `tables`) in one transaction: the reports' old rows and the reports they replace leave, the
    new rows arrive, their paths leave the quarantine."""
    if not parsed:
        return
    files = empty_rows(["files"])["files"]
    gone: list[str] = []
    for job, encoding in parsed:
        gone += [job.primary.report_id, *job.replaces]
        _file_row(files, job.primary, "parsed", job.primary.report_id, encoding, now)
        for alias in job.aliases:
            _file_row(files, alias, "alias", job.primary.report_id, encoding, now)
    with transaction(conn):
        _delete_reports(conn, gone)
        for table in REPORT_TABLES:
            _insert_table(conn, table, tables[table])
        _upsert_files(conn, files)
        _clear_quarantine(conn, files["source_path"])


def record_kept(conn: duckdb.DuckDBPyConnection, kept: Sequence[tuple[InboxFile, PathStatus]],
                moved_reports: dict[str, str], known: dict[str, KnownPath], now: datetime) -> None:
    """Paths whose bytes are loaded already. Only rows that differ are written, so a no-op
    run writes nothing and the warehouse file does not grow."""
    files = empty_rows(["files"])["files"]
    for file, status in kept:
        if _differs(known.get(file.path), file, status, file.report_id):
            _file_row(files, file, status, file.report_id, None, now)
    if not files["source_path"] and not moved_reports:
        return
    with transaction(conn):
        _upsert_files(conn, files)
        _clear_quarantine(conn, files["source_path"])
        for report_id, path in moved_reports.items():
            conn.execute("update raw.reports set source_path = ? where report_id = ?", [path, report_id])


def _differs(before: KnownPath | None, file: InboxFile, status: PathStatus, report_id: str | None) -> bool:
    return before is None or (before.file_id, before.size_bytes, before.modified_at, before.status,
                              before.report_id) != (file.file_id, file.size_bytes, file.modified_at, status, report_id)


def quarantine(conn: duckdb.DuckDBPyConnection, refusals: Sequence[Refusal], known: dict[str, KnownPath],
               now: datetime) -> None:
    """Record paths that cannot become a report. A path that held a good report keeps it
    (its raw.files row still names it), so a bad save or a parser regression deletes nothing.
    A refusal already recorded as it is stays untouched."""
    recorded = set(conn.execute("select source_path, file_id, reason, message from raw.quarantine").fetchall())
    fresh = [r for r in refusals if (r.path, r.file_id, r.reason, r.message) not in recorded]
    if not fresh:
        return
    rows = empty_rows(["quarantine", "files"])
    for r in fresh:
        for name, value in dict(source_path=r.path, file_name=r.file_name, file_id=r.file_id, reason=r.reason,
                                message=r.message, quarantined_at=now).items():
            rows["quarantine"][name].append(value)
        before = known.get(r.path)
        _file_row(rows["files"], r, "quarantined", before.report_id if before else None, None, now)
    with transaction(conn):
        _clear_quarantine(conn, rows["quarantine"]["source_path"])
        _insert(conn, "quarantine", rows["quarantine"])
        _upsert_files(conn, rows["files"])


def remove(conn: duckdb.DuckDBPyConnection, paths: Sequence[str], now: datetime) -> list[str]:
    """Paths gone from the inbox stay as history; reports that no present path holds leave
    every table. Returns the ids of the reports that left."""
    with transaction(conn):
        if paths:
            conn.execute("update raw.files set status = 'removed', removed_at = ?, changed_at = ?, report_id = null"
                         " where list_contains(?, source_path)", [now, now, list(paths)])
            _clear_quarantine(conn, paths)
        orphans = [rid for (rid,) in conn.execute(
            "select report_id from raw.reports except select report_id from raw.files"
            " where status <> 'removed' and report_id is not null").fetchall()]
        _delete_reports(conn, orphans)
    return sorted(orphans)


def table_counts(conn: duckdb.DuckDBPyConnection, tables: Iterable[str] = RAW_TABLES) -> dict[str, int]:
    return {t: conn.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in tables}

