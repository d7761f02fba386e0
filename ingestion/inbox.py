"""Incremental, idempotent load of a folder of report files into the raw schema.

The steps: list the inbox with its containment rules (ingestion/inventory.py), hash what
changed, plan by the file lifecycle rule (ingestion/lifecycle.py), parse what the plan
asks for, and write each outcome in its own transaction (ingestion/store.py). A file
that fails becomes a quarantine record without stopping the others.
"""
from __future__ import annotations

import hashlib
import multiprocessing
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from ingestion import store
from ingestion.inventory import Refusal, scan_inbox, with_hashes
from ingestion.lifecycle import ParseJob, plan_inbox
from ingestion.parse_job import Parsed, process_file
from ingestion.records import Rows

if TYPE_CHECKING:
    from ingestion.parse_cache import ParseCache

PACKAGE_DIR = Path(__file__).parent


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


def _results(jobs: Sequence[ParseJob], version: str, now: datetime, workers: int, cache: ParseCache | None
             ) -> Iterator[tuple[ParseJob, Parsed | Refusal]]:
    if cache is not None:
        misses = []
        for job in jobs:
            hit = cache.lookup(job, version)
            if hit is None:
                misses.append(job)
            else:
                yield job, hit
        jobs = misses
    if workers <= 1 or len(jobs) < 2:
        for job in jobs:
            yield job, process_file(job, version, now)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
        n = len(jobs)
        yield from zip(jobs, pool.map(process_file, jobs, [version] * n, [now] * n, chunksize=8), strict=True)


def ingest_inbox(conn: duckdb.DuckDBPyConnection, folder: Path, now: datetime, *,
                 workers: int = 1, batch_size: int = 200, cache: ParseCache | None = None) -> IngestSummary:
    """`cache`: parses done elsewhere (ingestion/parse_cache.py), taken instead of parsing again."""
    summary = IngestSummary(schema_message=store.ensure_raw_schema(conn))
    version = parser_version()
    known = store.known_paths(conn)
    files, refusals = scan_inbox(folder)
    files, unreadable = with_hashes(files, {p: (k.size_bytes, k.modified_at, k.file_id) for p, k in known.items()})
    refusals += unreadable
    plan = plan_inbox(files, [r.path for r in refusals], known, store.loaded_reports(conn), version)

    store.record_kept(conn, plan.keep, plan.moved_reports, known, now)
    batch: list[tuple[ParseJob, str, Rows]] = []
    for job, outcome in _results(plan.parse, version, now, workers, cache):
        if isinstance(outcome, Refusal):
            # Every path holding these bytes shares their fate.
            refusals += [outcome, *(Refusal(a.path, outcome.reason, outcome.message, a.file_id) for a in job.aliases)]
            continue
        batch.append((job, outcome.encoding, outcome.rows))
        summary.parsed += 1
        if len(batch) >= batch_size:
            store.load_parsed(conn, batch, now)
            batch = []
    store.load_parsed(conn, batch, now)

    store.quarantine(conn, refusals, known, now)
    summary.quarantined = refusals
    events = {**plan.events, **{r.path: "quarantined" for r in refusals}}
    summary.events = Counter(events.values())
    summary.events["removed"] = len(plan.removed_paths)
    summary.removed_reports = len(store.remove(conn, plan.removed_paths, now))
    return summary
