"""Where parses run: in this process for a few files, else on a pool of worker processes.

Workers fork from a forkserver that has the parser and its tables loaded
(ingestion/intake/worker_preload.py); a parse crosses back to the single writer as a chunk of
Arrow tables (ingestion/intake/worker.py). Parses that partition runs left in the parse cache are
taken from there first.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING

from ingestion.intake.lifecycle import ParseJob
from ingestion.intake.worker import ParsedChunk, parse_chunk

if TYPE_CHECKING:
    from ingestion.intake.parse_cache import ParseCache

CHUNK_FILES = 32  # most files a pool task parses (chunk_size)
# Fewer files are parsed in this process: a pool starts in ~0.7 s (a process, imports, tables),
# the parse time of ~120 reports, and two workers are ~1.65× one here, so it pays from ~300.
POOL_MIN_FILES = 300


def _pool_context() -> multiprocessing.context.BaseContext:
    # forkserver: a forked child would inherit the parent's open DuckDB connection and threads.
    # The server itself imports the parser and loads its tables once (ingestion/intake/worker_preload.py),
    # so each worker forks ready instead of spending a second on imports and tables.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["ingestion.intake.worker_preload"])
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


def parsed_chunks(jobs: Sequence[ParseJob], version: str, now: datetime, workers: int,
                   cache: ParseCache | None) -> Iterator[ParsedChunk]:
    if cache is not None:
        hits, jobs = cache.split(jobs, version)
        yield from cache.chunks(hits, version)
    if workers <= 1 or len(jobs) < POOL_MIN_FILES:
        for chunk in _chunks(jobs, CHUNK_FILES):
            yield parse_chunk(chunk, version, now)
        return
    yield from _pooled(_chunks(jobs, chunk_size(len(jobs), workers)), version, now, workers)
