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

import os
import shutil
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import duckdb
import pyarrow as pa

from ingestion.errors import Refusal
from ingestion.intake.lifecycle import ParseJob
from ingestion.intake.worker import ParsedChunk
from ingestion.rows.arrow_tables import (
    Tables,
    arrow_schema,
    columns_table,
    concat_tables,
    empty_tables,
)
from ingestion.rows.schema import RAW_TABLES, REPORT_TABLES, Column, RawTable

ROOT_PARTITION = "_root"
INDEX = RawTable("index", "One row per cached parse.", (
    Column("file_id", "VARCHAR", ""), Column("parser_version", "VARCHAR", ""), Column("source_path", "VARCHAR", ""),
    Column("report_id", "VARCHAR", ""), Column("encoding", "VARCHAR", ""), Column("reason", "VARCHAR", ""),
    Column("message", "VARCHAR", ""), Column("part", "INTEGER", ""),
), per_report=False)
# Rows are written ordered by their key, so DuckDB skips row groups of other reports on lookup.
ROW_GROUP_SIZE = 20_000

CacheKey = tuple[str, str, str]  # file_id, parser_version, source_path


def partition_of(path: str) -> str:
    """The partition of an inbox path ('/'-separated, relative to the inbox)."""
    head, sep, _ = path.partition("/")
    return head if sep else ROOT_PARTITION


def partition_folder(cache_dir: Path, partition: str) -> Path:
    return cache_dir / partition


def _copy_to_parquet(conn: duckdb.DuckDBPyConnection, rows: pa.Table, key: Sequence[str], out: Path) -> None:
    """Arrow tables carry the warehouse's column types, so the Parquet has them too."""
    conn.register("_rows", rows)
    try:
        conn.execute(f"copy (select * from _rows order by {', '.join(key)}) to '{out}'"
                     f" (format parquet, row_group_size {ROW_GROUP_SIZE})")
    finally:
        conn.unregister("_rows")


def table_file(folder: Path, table: str, part: int) -> Path:
    return folder / f"{table}-{part:05d}.parquet"


def _write_part(conn: duckdb.DuckDBPyConnection, folder: Path, part: int, chunks: list[Tables]) -> None:
    for table, rows in concat_tables(chunks).items():
        _copy_to_parquet(conn, rows, RAW_TABLES[table].key_columns, table_file(folder, table, part))


def _write_parts(folder: Path, chunks: Iterable[ParsedChunk], version: str, batch_size: int) -> None:
    index = {c: [] for c in INDEX.column_names}
    seen: set[str] = set()
    pending: list[Tables] = []
    in_part = part = 0
    with duckdb.connect() as conn:
        for chunk in chunks:
            for job, outcome in chunk.outcomes:
                file = job.primary
                if file.file_id in seen:
                    raise ValueError(f"{file.path}: these bytes are cached under another path already")
                seen.add(file.file_id)
                parsed = isinstance(outcome, str)
                for name, value in dict(
                        file_id=file.file_id, parser_version=version, source_path=file.path,
                        report_id=file.report_id, encoding=outcome if parsed else None,
                        reason=None if parsed else outcome.reason, message=None if parsed else outcome.message,
                        part=part if parsed else None).items():
                    index[name].append(value)
                in_part += parsed
            pending.append(chunk.tables)
            if in_part >= batch_size:
                _write_part(conn, folder, part, pending)
                pending, in_part, part = [], 0, part + 1
        if in_part or part == 0:  # at least one batch, so even an empty partition has typed tables
            _write_part(conn, folder, part, pending)
        _copy_to_parquet(conn, columns_table(INDEX, index), ("file_id",), folder / "index.parquet")


def write_partition(cache_dir: Path, partition: str, chunks: Iterable[ParsedChunk], version: str,
                    batch_size: int = 200) -> Path:
    """Replace the partition's cache with these parses, a chunk at a time; returns its folder.

    One parse per file_id (ParseCache.split finds a parse by its bytes and path): the caller
    parses the same bytes once, under the first path, as the ingest names a report. Written
    beside the old folder and swapped in, so a reader sees the old partition or the new one,
    never half of one."""
    target = partition_folder(cache_dir, partition)
    staging = cache_dir / f".{partition}.{uuid.uuid4().hex}"
    staging.mkdir(parents=True)
    try:
        _write_parts(staging, chunks, version, batch_size)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
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

    def _entry(self, job: ParseJob, version: str) -> _Entry | None:
        file = job.primary
        return self._index(partition_of(file.path)).get((file.file_id, version, file.path))

    def split(self, jobs: Sequence[ParseJob], version: str) -> tuple[list[ParseJob], list[ParseJob]]:
        """(jobs whose parse by this parser is cached, jobs to parse): a key holds the bytes, the
        parser version and the path, so a stale or foreign entry is a miss, never a wrong report."""
        hits, misses = [], []
        for job in jobs:
            (hits if self._entry(job, version) is not None else misses).append(job)
        return hits, misses

    def chunks(self, hits: Sequence[ParseJob], version: str) -> Iterator[ParsedChunk]:
        """The cached parses of `hits` (from split), one chunk per written batch they come from, so
        each batch is read once and memory holds one batch."""
        entries = [(job, self._entry(job, version)) for job in hits]
        entries = [(job, entry) for job, entry in entries if entry is not None]

        def batch(item: tuple[ParseJob, _Entry]) -> tuple[str, int]:
            return partition_of(item[0].primary.path), item[1].part if item[1].part is not None else -1

        for (partition, part), group in groupby(sorted(entries, key=batch), key=batch):
            group = list(group)
            outcomes = tuple((job, entry.encoding or "") if entry.reason is None else
                             (job, Refusal(job.primary.path, entry.reason, entry.message or "", job.primary.file_id))
                             for job, entry in group)
            report_ids = [entry.report_id for _, entry in group if entry.reason is None]
            yield ParsedChunk(outcomes, self._rows(partition, part, report_ids))

    def _rows(self, partition: str, part: int, report_ids: list[str]) -> Tables:
        if not report_ids:
            return empty_tables()
        folder = partition_folder(self.cache_dir, partition)
        tables = {}
        for table in REPORT_TABLES:
            names = ", ".join(RAW_TABLES[table].column_names)
            tables[table] = self._conn.sql(
                f"select {names} from read_parquet(?) where list_contains(?, report_id)",
                params=[str(table_file(folder, table, part)), report_ids]).to_arrow_table().cast(arrow_schema(table))
        return tables
