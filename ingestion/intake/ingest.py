"""Incremental, idempotent load of a folder of report files into the raw schema.

The steps: list the inbox with its containment rules (ingestion/intake/inventory.py), hash what
changed, plan by the file lifecycle rule (ingestion/intake/lifecycle.py), parse what the plan
asks for, and write each outcome in its own transaction (ingestion/warehouse/store.py). A file
that fails becomes a quarantine record without stopping the others.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from ingestion.errors import Refusal
from ingestion.intake.guards import RemovalPolicy, check_inbox, check_removal
from ingestion.intake.inventory import listing_fingerprint, scan_inbox, with_hashes
from ingestion.intake.lifecycle import ParseJob, plan_inbox, reports_leaving
from ingestion.intake.pool import ParseLimits, PoolStats, parsed_chunks
from ingestion.intake.worker import ParsedChunk
from ingestion.rows.arrow_tables import Tables, concat_tables
from ingestion.version import parser_version
from ingestion.warehouse import store
from ingestion.warehouse.build_state import Ingest, record_ingest

if TYPE_CHECKING:
    from ingestion.intake.parse_cache import ParseCache


@dataclass
class IngestSummary:
    """What one run did, path by path (new, changed, unchanged, moved, alias, removed, quarantined)."""

    events: Counter = field(default_factory=Counter)
    parsed: int = 0  # parses this run: new and changed bytes, and everything after a parser change
    removed_reports: int = 0
    quarantined: list[Refusal] = field(default_factory=list)
    schema_message: str | None = None
    peak_worker_mb: float = 0.0  # resident memory of the busiest parse worker, 0 when none ran

    @property
    def seen(self) -> int:
        return sum(n for event, n in self.events.items() if event != "removed")


def _load(conn: duckdb.DuckDBPyConnection, chunks: Iterable[ParsedChunk], summary: IngestSummary,
          batch_size: int, now: datetime) -> list[Refusal]:
    """Write the parses a batch at a time, each batch in one transaction; returns the refusals."""
    refusals: list[Refusal] = []
    parsed: list[tuple[ParseJob, str]] = []
    pending: list[Tables] = []
    for chunk in chunks:
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
    return refusals


def ingest_inbox(conn: duckdb.DuckDBPyConnection, folder: Path, now: datetime, *,
                 workers: int = 1, batch_size: int = 200, cache: ParseCache | None = None,
                 removal: RemovalPolicy = RemovalPolicy(), limits: ParseLimits | None = None) -> IngestSummary:
    """`cache`: parses done elsewhere (ingestion/intake/parse_cache.py), taken instead of parsing again.
    `limits`: every parse in worker processes with a time and memory limit per file (a run of the
    job asks for them; without, a few files are parsed in this process).

    Raises InboxUnavailableError or RemovalNotConfirmedError (ingestion/intake/guards.py) before
    anything is written when the folder is missing or the plan would drop too many reports."""
    check_inbox(folder)
    files, refusals = scan_inbox(folder)
    if store.raw_schema_outdated(conn):  # the rebuild drops every report before any is parsed again
        before = store.loaded_report_count(conn)
        check_removal(folder, before, max(0, before - len(files)), removal)
    summary = IngestSummary(schema_message=store.ensure_raw_schema(conn))
    version = parser_version()
    known = store.known_paths(conn)
    listing = listing_fingerprint(files, refusals)
    files, unreadable = with_hashes(files, {p: (k.size_bytes, k.modified_at, k.file_id) for p, k in known.items()})
    refusals += unreadable
    loaded = store.loaded_reports(conn)
    refused = [r.path for r in refusals]
    plan = plan_inbox(files, refused, known, loaded, version)
    check_removal(folder, len(loaded), len(reports_leaving(plan, loaded, known, refused)), removal)

    store.record_kept(conn, plan.keep, plan.moved_reports, known, now)
    stats = PoolStats()
    # Closed however the load ends: a writer that fails (a full disk) stops the workers at once.
    with closing(parsed_chunks(plan.parse, version, now, workers, cache, limits, stats)) as chunks:
        refusals += _load(conn, chunks, summary, batch_size, now)
    summary.peak_worker_mb = stats.peak_worker_mb

    store.quarantine(conn, refusals, known, now)
    summary.quarantined = refusals
    events = {**plan.events, **{r.path: "quarantined" for r in refusals}}
    summary.events = Counter(events.values())
    summary.events["removed"] = len(plan.removed_paths)
    summary.removed_reports = len(store.remove(conn, plan.removed_paths, now))
    # Last: an ingest that stops half-way leaves the previous listing, so the next run is not skipped.
    record_ingest(conn, Ingest(listing, version))
    return summary
