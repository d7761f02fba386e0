"""A cache of parses in Parquet, written per inbox partition by workers anywhere, read by the one loader.

A partition is a top-level sub-folder of the inbox (a province, a year); files directly in the
inbox root form the partition `_root`. Each partition is a folder holding, per batch of parses,
one Parquet file per raw report table (`tokens-00003.parquet`), and `index.parquet`, which says
for each parse its key (file_id, parser_version, source_path), its outcome (the encoding, or a
refusal's reason and message) and the batch holding its rows. Batches bound the memory of a
writer by the batch size, not by the size of the partition.

The cache decides nothing: `ingest_inbox` plans by the file lifecycle rule as always and only
asks the cache for a parse before doing it itself. A key holds the parser version and the path
the report is named by, so a stale or foreign entry is a miss, never a wrong report.
"""
from __future__ import annotations

import itertools
import os
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from ingestion.inbox import Parsed
from ingestion.inventory import InboxFile, Refusal
from ingestion.lifecycle import ParseJob
from ingestion.raw_schema import RAW_TABLES, REPORT_TABLES, Column, RawTable
from ingestion.records import Rows, empty_rows

ROOT_PARTITION = "_root"
INDEX = RawTable("index", "One row per cached parse.", (
    Column("file_id", "VARCHAR", ""), Column("parser_version", "VARCHAR", ""), Column("source_path", "VARCHAR", ""),
    Column("report_id", "VARCHAR", ""), Column("encoding", "VARCHAR", ""), Column("reason", "VARCHAR", ""),
    Column("message", "VARCHAR", ""), Column("part", "INTEGER", ""),
), per_report=False)
# Rows are written ordered by their key, so DuckDB skips row groups of other reports on lookup.
ROW_GROUP_SIZE = 20_000

Outcome = Parsed | Refusal
CacheKey = tuple[str, str, str]  # file_id, parser_version, source_path


def partition_of(path: str) -> str:
    """The partition of an inbox path ('/'-separated, relative to the inbox)."""
    head, sep, _ = path.partition("/")
    return head if sep else ROOT_PARTITION


def partition_folder(cache_dir: Path, partition: str) -> Path:
    return cache_dir / partition


def _frame(table: RawTable, columns: dict[str, list]) -> pd.DataFrame:
    # object dtype keeps None as NULL (a float column would turn it into NaN).
    return pd.DataFrame({c: pd.Series(columns[c], dtype=object) for c in table.column_names})


def _copy_to_parquet(conn: duckdb.DuckDBPyConnection, table: RawTable, columns: dict[str, list], out: Path) -> None:
    """Through a table declared as in the warehouse, so the Parquet has the warehouse's column types."""
    conn.execute(table.ddl().replace("raw.", "", 1))
    conn.register("_frame", _frame(table, columns))
    names = ", ".join(table.column_names)
    conn.execute(f"insert into {table.name} ({names}) select {names} from _frame")
    conn.unregister("_frame")
    conn.execute(f"copy (select * from {table.name} order by {', '.join(table.key_columns)}) to '{out}'"
                 f" (format parquet, row_group_size {ROW_GROUP_SIZE})")
    conn.execute(f"drop table {table.name}")


def _index_row(index: dict[str, list], file: InboxFile, version: str, outcome: Outcome, part: int) -> None:
    parsed = isinstance(outcome, Parsed)
    row = dict(file_id=file.file_id, parser_version=version, source_path=file.path, report_id=file.report_id,
               encoding=outcome.encoding if parsed else None, reason=None if parsed else outcome.reason,
               message=None if parsed else outcome.message, part=part if parsed else None)
    for name, value in row.items():
        index[name].append(value)


def table_file(folder: Path, table: str, part: int) -> Path:
    return folder / f"{table}-{part:05d}.parquet"


def _write_part(conn: duckdb.DuckDBPyConnection, folder: Path, part: int, rows: Rows) -> None:
    for table in REPORT_TABLES:
        _copy_to_parquet(conn, RAW_TABLES[table], rows[table], table_file(folder, table, part))


def write_partition(cache_dir: Path, partition: str, results: Iterable[tuple[InboxFile, Outcome]],
                    version: str, batch_size: int = 200) -> Path:
    """Replace the partition's cache with these parses, taken one at a time; returns its folder.

    One parse per file_id, the first one given (pass them in path order, as the ingest names a
    report by its first path): the same bytes under another path would repeat every row under
    the same report id. Written beside the old folder and swapped in, so a reader sees the old
    partition or the new one, never half of one."""
    target = partition_folder(cache_dir, partition)
    staging = cache_dir / f".{partition}.{uuid.uuid4().hex}"
    staging.mkdir(parents=True)
    index = {c: [] for c in INDEX.column_names}
    seen: set[str] = set()
    rows, in_part, part = empty_rows(), 0, 0
    with duckdb.connect() as conn:
        for file, outcome in results:
            if file.file_id in seen:
                continue
            seen.add(file.file_id)
            _index_row(index, file, version, outcome, part)
            if isinstance(outcome, Parsed):
                for table, columns in outcome.rows.items():
                    for name, values in columns.items():
                        rows[table][name].extend(values)
                in_part += 1
            if in_part >= batch_size:
                _write_part(conn, staging, part, rows)
                rows, in_part, part = empty_rows(), 0, part + 1
        if in_part or part == 0:  # at least one batch, so even an empty partition has typed tables
            _write_part(conn, staging, part, rows)
        _copy_to_parquet(conn, INDEX, index, staging / "index.parquet")
    retired = cache_dir / f".{partition}.{uuid.uuid4().hex}.old"
    if target.exists():
        os.rename(target, retired)
    os.rename(staging, target)
    shutil.rmtree(retired, ignore_errors=True)
    return target


@dataclass(frozen=True)
class _Entry:
    report_id: str
    encoding: str | None
    reason: str | None
    message: str | None
    part: int | None


class ParseCache:
    """Cached parses by key, each partition's index read on its first lookup."""

    def __init__(self, cache_dir: Path):
        self.cache_dir = cache_dir
        self._conn = duckdb.connect()
        self._indexes: dict[str, dict[CacheKey, _Entry]] = {}
        self._batch_key: tuple[str, int] | None = None
        self._batch_rows: dict[str, Rows] = {}

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ParseCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def partitions(self) -> list[str]:
        if not self.cache_dir.is_dir():
            return []
        return sorted(p.name for p in self.cache_dir.iterdir() if (p / "index.parquet").exists())

    def _index(self, partition: str) -> dict[CacheKey, _Entry]:
        if partition not in self._indexes:
            path = partition_folder(self.cache_dir, partition) / "index.parquet"
            rows = self._conn.execute(
                "select file_id, parser_version, source_path, report_id, encoding, reason, message, part"
                " from read_parquet(?)", [str(path)]).fetchall() if path.exists() else []
            self._indexes[partition] = {(f, v, p): _Entry(*rest) for f, v, p, *rest in rows}
        return self._indexes[partition]

    def keys(self, partition: str) -> Iterable[CacheKey]:
        return self._index(partition).keys()

    def lookup(self, job: ParseJob, version: str) -> Outcome | None:
        """The cached parse of this job's primary file by this parser, or None when there is none."""
        file = job.primary
        partition = partition_of(file.path)
        entry = self._index(partition).get((file.file_id, version, file.path))
        if entry is None:
            return None
        if entry.reason is not None:
            return Refusal(file.path, entry.reason, entry.message or "", file.file_id)
        return Parsed(entry.encoding or "", self._rows(partition, entry.report_id, entry.part or 0))

    def _rows(self, partition: str, report_id: str, part: int) -> Rows:
        return self._batch(partition, part).get(report_id) or empty_rows()

    def _batch(self, partition: str, part: int) -> dict[str, Rows]:
        """Every report's rows of one written batch, kept until another batch is asked for: the
        ingest asks in path order, the order they were written in, so each batch is read once."""
        if self._batch_key != (partition, part):
            self._batch_rows = {}  # the old batch goes before the new one arrives
            folder = partition_folder(self.cache_dir, partition)
            by_report: dict[str, Rows] = {}
            for table in REPORT_TABLES:
                names, key = RAW_TABLES[table].column_names, RAW_TABLES[table].key_columns
                # Column arrays cut at report boundaries: a third faster than a tuple per row.
                # tolist() gives Python values, None where null (masked), datetime for TIMESTAMP.
                arrays = self._conn.execute(
                    f"select {', '.join(names)} from read_parquet(?) order by report_id, {', '.join(key)}",
                    [str(table_file(folder, table, part))]).fetchnumpy()
                rids = arrays["report_id"]
                cuts = [0, *(np.flatnonzero(rids[1:] != rids[:-1]) + 1).tolist(), len(rids)]
                for start, end in itertools.pairwise(cuts):
                    if end > start:
                        by_report.setdefault(rids[start], empty_rows())[table] = {
                            name: arrays[name][start:end].tolist() for name in names}
            self._batch_key, self._batch_rows = (partition, part), by_report
        return self._batch_rows
