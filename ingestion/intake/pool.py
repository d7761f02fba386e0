"""Where parses run, and within which limits, so that no file stops the others.

Small files (up to SMALL_FILE_BYTES, the usual report) are parsed in this process when there are
few of them: a pool's start costs more than their parse. Their size and the readers' own limits
(inflated bytes, nesting) bound their memory, and an alarm keeps each file's time limit. Larger
files, and any inbox of POOL_MIN_FILES or more, go to a pool of worker processes that fork from a
forkserver with the parser and its tables loaded (ingestion/intake/worker_preload.py); their rows
cross back as a chunk of Arrow tables (ingestion/intake/worker.py). Parses that partition runs
left in the parse cache are taken from there first.

In the pool, a worker keeps each file's time limit with an alarm and refuses the file
(`time_limit`); a watchdog thread here kills a worker whose resident memory passes the limit, and
one stuck past its chunk's deadline in code an alarm cannot interrupt. A killed or crashed worker
takes its pool and the chunks in flight with it: those chunks are parsed again one file per worker
process, where the file that stops its worker again is the one refused (`memory_limit`,
`time_limit`, or `unparseable` for a crash) and the rest load.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ingestion.errors import ParseMemoryLimitError, ParseTimeLimitError
from ingestion.intake.lifecycle import ParseJob
from ingestion.intake.worker import ParsedChunk, parse_chunk, refused_chunk

if TYPE_CHECKING:
    from ingestion.intake.parse_cache import ParseCache

CHUNK_FILES = 32  # most files a pool task parses (chunk_size)
# Fewer files are parsed in this process: a pool starts in ~0.7 s (a process, imports, tables),
# the parse time of ~120 reports, and two workers are ~1.65× one, so it pays from ~300.
POOL_MIN_FILES = 300
# A file this small parses in well under a second and a few hundred MB; past it, in a worker.
SMALL_FILE_BYTES = 2 * 1024 * 1024
# Past its own limits, a chunk's deadline: a worker stuck in C code (a regular expression, an
# inflater) that the alarm cannot interrupt is stopped this much after its files' time is up.
GRACE_SECONDS = 30.0
WATCH_SECONDS = 0.2


@dataclass(frozen=True)
class ParseLimits:
    seconds_per_file: float = 300.0  # a 100 MB PDF of 500 pages parses in about two minutes here
    memory_mb: int = 2048  # resident memory of one worker; a 20 MB text report parses in a few hundred MB


@dataclass
class PoolStats:
    """What the workers of a parse took: for the run's metadata and the tests' memory bounds."""

    workers_started: int = 0
    peak_worker_mb: float = 0.0


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


def resident_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


class _LimitedPool:
    """A ProcessPoolExecutor whose workers a watchdog kills past the memory limit."""

    def __init__(self, workers: int, limits: ParseLimits, stats: PoolStats, *, one_task_per_worker: bool = False):
        self.limits, self.stats = limits, stats
        self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(),
                                            max_tasks_per_child=1 if one_task_per_worker else None)
        try:  # a pool that cannot start a worker is the machine's fault, never a file's
            self.executor.submit(os.getpid).result(timeout=120)
        except (BrokenProcessPool, FutureTimeout) as exc:
            self.executor.shutdown(wait=False, cancel_futures=True)
            raise RuntimeError(f"the parse pool cannot start its worker processes: {exc!r}") from exc
        self.killed_for: str | None = None  # why the watchdog stopped a worker, if it did
        self._stop = threading.Event()
        self._watchdog = threading.Thread(target=self._watch, daemon=True)
        self._watchdog.start()

    def _pids(self) -> list[int]:
        return list(getattr(self.executor, "_processes", None) or {})

    def _watch(self) -> None:
        seen: set[int] = set()
        while not self._stop.wait(WATCH_SECONDS):
            for pid in self._pids():
                seen.add(pid)
                resident = resident_mb(pid)
                self.stats.peak_worker_mb = max(self.stats.peak_worker_mb, resident)
                if resident > self.limits.memory_mb:
                    self.killed_for = ParseMemoryLimitError.reason
                    self.kill()
            self.stats.workers_started = max(self.stats.workers_started, len(seen))

    def kill(self) -> None:
        for pid in self._pids():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def submit(self, chunk: Sequence[ParseJob], version: str, now: datetime) -> Future:
        return self.executor.submit(parse_chunk, chunk, version, now, self.limits.seconds_per_file)

    def deadline(self, chunk: Sequence[ParseJob]) -> float:
        return len(chunk) * self.limits.seconds_per_file + GRACE_SECONDS

    def close(self, finished: bool) -> None:
        """Wait for the workers to exit after a finished parse; kill them when the parse was
        abandoned (the writer failed), so a stuck worker never holds the run."""
        self._stop.set()
        if not finished:
            self.kill()
        self.executor.shutdown(wait=finished, cancel_futures=True)


def _stopped_reason(pool: _LimitedPool, timed_out: bool) -> tuple[str, str]:
    if pool.killed_for == ParseMemoryLimitError.reason:
        return pool.killed_for, f"the parse needed more than the {pool.limits.memory_mb} MB limit per file"
    if timed_out:
        return ParseTimeLimitError.reason, (f"the parse took longer than the {pool.limits.seconds_per_file:g} s "
                                            "limit per file")
    return "unparseable", "the parse process died (a crash in a reader or the parser)"


def _pooled(chunks: Iterator[Sequence[ParseJob]], version: str, now: datetime, workers: int,
            limits: ParseLimits, stats: PoolStats) -> Iterator[ParsedChunk]:
    """parse_chunk on a limited pool, results in order. At most two chunks per worker are in
    flight: the writer loads more slowly than the workers parse, and unread results would pile up."""
    pending = deque(chunks)
    while pending:
        pool = _LimitedPool(workers, limits, stats)
        finished = False
        try:
            in_flight: deque[tuple[Sequence[ParseJob], Future]] = deque()
            while pending or in_flight:
                while pending and len(in_flight) < 2 * workers:
                    chunk = pending.popleft()
                    in_flight.append((chunk, pool.submit(chunk, version, now)))
                chunk, future = in_flight[0]
                try:
                    done = future.result(timeout=pool.deadline(chunk))
                except (BrokenProcessPool, FutureTimeout):
                    pool.kill()
                    yield from _isolated([job for c, _ in in_flight for job in c], version, now, limits, stats)
                    in_flight.clear()
                    break
                in_flight.popleft()
                yield done
            finished = True
        finally:
            pool.close(finished)


def _isolated(jobs: list[ParseJob], version: str, now: datetime, limits: ParseLimits,
              stats: PoolStats) -> Iterator[ParsedChunk]:
    """The jobs of a stopped pool, each in a worker process of its own (nothing one file left in
    memory counts against the next): a file that stops its worker again is refused with the
    reason it was stopped for; every other file loads."""
    queue = deque(jobs)
    while queue:
        pool = _LimitedPool(1, limits, stats, one_task_per_worker=True)
        finished = False
        try:
            while queue:
                job = queue[0]
                try:
                    done = pool.submit([job], version, now).result(timeout=pool.deadline([job]))
                except (BrokenProcessPool, FutureTimeout) as stopped:
                    pool.kill()
                    queue.popleft()
                    yield refused_chunk(job, *_stopped_reason(pool, isinstance(stopped, FutureTimeout)))
                    break
                queue.popleft()
                yield done
            finished = not queue
        finally:
            pool.close(finished)


def _small(job: ParseJob) -> bool:
    return job.primary.size_bytes <= SMALL_FILE_BYTES


def parsed_chunks(jobs: Sequence[ParseJob], version: str, now: datetime, workers: int,
                  cache: ParseCache | None, limits: ParseLimits | None = None,
                  stats: PoolStats | None = None) -> Iterator[ParsedChunk]:
    """Every job parsed (or taken from the cache). With `limits` (what a run of the job asks for)
    every file parses within them: few small files in this process with a time limit, the others
    in a limited pool; without, few files are parsed in this process and many in a plain pool."""
    if cache is not None:
        hits, jobs = cache.split(jobs, version)
        yield from cache.chunks(hits, version)
    stats = stats or PoolStats()
    if limits is None:
        here = list(jobs) if workers <= 1 or len(jobs) < POOL_MIN_FILES else []
    else:
        here = [job for job in jobs if _small(job)] if len(jobs) < POOL_MIN_FILES else []
    chosen = {id(job) for job in here}
    pooled = [job for job in jobs if id(job) not in chosen]
    # The alarm that keeps a file's time limit needs the main thread (a run's steps run there).
    seconds = limits.seconds_per_file if limits and threading.current_thread() is threading.main_thread() else None
    for chunk in _chunks(here, CHUNK_FILES):
        yield parse_chunk(chunk, version, now, seconds)
    if pooled:
        workers = max(1, min(workers, -(-len(pooled) // CHUNK_FILES)))
        yield from _pooled(_chunks(pooled, chunk_size(len(pooled), workers)), version, now, workers,
                           limits or ParseLimits(), stats)
