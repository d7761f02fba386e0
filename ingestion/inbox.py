"""Incremental, idempotent load of a folder of report files into the raw schema.

The steps: list the inbox with its containment rules (ingestion/inventory.py), hash what
changed, plan by the file lifecycle rule (ingestion/lifecycle.py), parse what the plan
asks for, and write each outcome in its own transaction (ingestion/store.py). A file
that fails becomes a quarantine record without stopping the others.
"""
from __future__ import annotations

import hashlib
import multiprocessing
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from ingestion import store
from ingestion.build_state import Ingest, record_ingest
from ingestion.inventory import Refusal, listing_fingerprint, scan_inbox, with_hashes
from ingestion.lifecycle import ParseJob, plan_inbox
from ingestion.parse_job import ParsedChunk, parse_chunk
from ingestion.row_tables import Tables, concat_tables

if TYPE_CHECKING:
    from ingestion.parse_cache import ParseCache

PACKAGE_DIR = Path(__file__).parent
CHUNK_FILES = 32  # most files a pool task parses (chunk_size)
# Fewer files are parsed in this process: a pool starts in ~0.7 s (a process, imports, tables),
# the parse time of ~120 reports, and two workers are ~1.65× one here, so it pays from ~300.
POOL_MIN_FILES = 300


@dataclass
class IngestSummary:
    """What one run did, path by path (new, changed, unchanged, moved, alias, removed, quarantined)."""

    events: Counter = field(default_factory=Counter)
    parsed: int = 0  # parses this run: new and changed bytes, and everything after a parser change
    removed_reports: int = 0
    quarantined: list[Refusal] = field(default_factory=list)
    schema_message: str | None = None

    @property
    def seen(self) -> int:
        return sum(n for event, n in self.events.items() if event != "removed")


@lru_cache(maxsize=1)
def parser_version() -> str:
    """Hash of the parser's code and data: a new parser re-parses files it has seen."""
    digest = hashlib.sha256()
    for path in sorted([*PACKAGE_DIR.rglob("*.py"), *PACKAGE_DIR.glob("data/*")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _pool_context() -> multiprocessing.context.BaseContext:
    # forkserver: a forked child would inherit the parent's open DuckDB connection and threads.
    # The server itself imports the parser and loads its tables once (ingestion/parse_worker.py),
    # so each worker forks ready instead of spending a second on imports and tables.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["ingestion.parse_worker"])
    return context


def chunk_size(n_jobs: int, workers: int) -> int:
    """Files a pool task parses: enough that the rows' Arrow conversion is paid per chunk, few
    enough that every worker gets several chunks (a slow file holds up one chunk, not a worker's share)."""
    return max(1, min(CHUNK_FILES, -(-n_jobs // (workers * 4))))


def _chunks(jobs: Sequence[ParseJob], size: int) -> Iterator[Sequence[ParseJob]]:
    for start in range(0, len(jobs), size):
        yield jobs[start:start + size]


def _pooled(chunks: Iterator[Sequence[ParseJob]], version: str, now: datetime, workers: int
            ) -> Iterator[ParsedChunk]:
    """parse_chunk on a pool, results in order. At most two chunks per worker are in flight: the
    writer loads more slowly than the workers parse, and unread results would pile up in memory."""
    with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
        in_flight = deque(pool.submit(parse_chunk, chunk, version, now) for chunk in islice(chunks, 2 * workers))
        while in_flight:
            done = in_flight.popleft().result()
            in_flight.extend(pool.submit(parse_chunk, chunk, version, now) for chunk in islice(chunks, 1))
            yield done


def _parsed_chunks(jobs: Sequence[ParseJob], version: str, now: datetime, workers: int,
                   cache: ParseCache | None) -> Iterator[ParsedChunk]:
    if cache is not None:
        hits, jobs = cache.split(jobs, version)
        yield from cache.chunks(hits, version)
    if workers <= 1 or len(jobs) < POOL_MIN_FILES:
        for chunk in _chunks(jobs, CHUNK_FILES):
            yield parse_chunk(chunk, version, now)
        return
    yield from _pooled(_chunks(jobs, chunk_size(len(jobs), workers)), version, now, workers)


def ingest_inbox(conn: duckdb.DuckDBPyConnection, folder: Path, now: datetime, *,
                 workers: int = 1, batch_size: int = 200, cache: ParseCache | None = None) -> IngestSummary:
    """`cache`: parses done elsewhere (ingestion/parse_cache.py), taken instead of parsing again."""
    summary = IngestSummary(schema_message=store.ensure_raw_schema(conn))
    version = parser_version()
    known = store.known_paths(conn)
    files, refusals = scan_inbox(folder)
    listing = listing_fingerprint(files, refusals)
    files, unreadable = with_hashes(files, {p: (k.size_bytes, k.modified_at, k.file_id) for p, k in known.items()})
    refusals += unreadable
    plan = plan_inbox(files, [r.path for r in refusals], known, store.loaded_reports(conn), version)

    store.record_kept(conn, plan.keep, plan.moved_reports, known, now)
    parsed: list[tuple[ParseJob, str]] = []
    pending: list[Tables] = []
    for chunk in _parsed_chunks(plan.parse, version, now, workers, cache):
        for job, outcome in chunk.outcomes:
            if isinstance(outcome, Refusal):
                # Every path holding these bytes shares their fate.
                refusals += [outcome, *(Refusal(a.path, outcome.reason, outcome.message, a.file_id)
                                        for a in job.aliases)]
        parsed += chunk.parsed
        pending.append(chunk.tables)
        if len(parsed) >= batch_size:
            summary.parsed += len(parsed)
            store.load_parsed(conn, parsed, concat_tables(pending), now)
            parsed, pending = [], []
    summary.parsed += len(parsed)
    store.load_parsed(conn, parsed, concat_tables(pending), now)

    store.quarantine(conn, refusals, known, now)
    summary.quarantined = refusals
    events = {**plan.events, **{r.path: "quarantined" for r in refusals}}
    summary.events = Counter(events.values())
    summary.events["removed"] = len(plan.removed_paths)
    summary.removed_reports = len(store.remove(conn, plan.removed_paths, now))
    # Last: an ingest that stops half-way leaves the previous listing, so the next run is not skipped.
    record_ingest(conn, Ingest(listing, version))
    return summary
