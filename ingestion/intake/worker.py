"""Files to raw rows, as a pool worker runs it: one file (`process_file`), or a chunk of
files whose rows come back as Arrow tables (`parse_chunk`, what the ingest's pool runs).

Imports the parser and pyarrow alone (no DuckDB, no pandas): a worker's start-up is its imports
and tables, so the forkserver preloads ingestion.intake.worker_preload, which imports this module and
warms the tables once, and every worker forks with them in memory. Importing this module
loads no tables: a run with nothing to parse never pays for them.
"""
from __future__ import annotations

import signal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa

from ingestion.chinese import gazetteer
from ingestion.chinese.tokens import token_columns
from ingestion.errors import ParseMemoryLimitError, ParseTimeLimitError, Refusal, ReportError
from ingestion.intake.lifecycle import ParseJob
from ingestion.parser.report import parse_text
from ingestion.readers import read_report_file
from ingestion.rows.arrow_tables import Tables, rows_tables
from ingestion.rows.report_rows import Rows, report_rows


@dataclass(frozen=True)
class Parsed:
    encoding: str
    rows: Rows


def process_file(job: ParseJob, version: str, now: datetime, seconds: float | None = None) -> Parsed | Refusal:
    """Parse one file into rows, or say why it cannot be. Pure; runs in a worker process.
    `seconds`: the file's time limit, kept by an alarm in this process (pool workers only: the
    alarm needs the main thread, which a worker's tasks run in)."""
    path = job.primary.path
    try:
        with _time_limit(seconds):
            text, encoding = read_report_file(job.primary.location)
            return Parsed(encoding, report_rows(job.primary, parse_text(text), version, now))
    except ReportError as exc:
        return Refusal(path, exc.reason, str(exc) or exc.__class__.__name__, job.primary.file_id)
    except OSError as exc:
        return Refusal(path, "unreadable", f"cannot read: {exc}", job.primary.file_id)
    except MemoryError:
        return Refusal(path, ParseMemoryLimitError.reason, "the parse ran out of memory", job.primary.file_id)
    except Exception as exc:  # noqa: BLE001 - any parser bug must quarantine one file, not stop the batch
        return Refusal(path, "unparseable", f"{exc.__class__.__name__}: {exc}", job.primary.file_id)


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    if not seconds:
        yield
        return

    def expire(_signum, _frame):
        raise ParseTimeLimitError(f"the parse took longer than the {seconds:g} s limit per file")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class ParsedChunk:
    """Parses of several files: what each came to, and the rows of those parsed as one Arrow
    table per raw table."""

    outcomes: tuple[tuple[ParseJob, str | Refusal], ...]  # the encoding a parsed file was read with, or its refusal
    tables: Tables

    @property
    def parsed(self) -> list[tuple[ParseJob, str]]:
        return [(job, outcome) for job, outcome in self.outcomes if isinstance(outcome, str)]


def parse_chunk(jobs: Sequence[ParseJob], version: str, now: datetime, seconds: float | None = None) -> ParsedChunk:
    """process_file of each job, the rows converted to Arrow once for the whole chunk."""
    results = [(job, process_file(job, version, now, seconds)) for job in jobs]
    try:
        return _chunk(results)
    except _UNCONVERTIBLE:
        # Some report's values do not fit its declared column types: refuse that report alone.
        return _chunk([(job, _convertible(job, outcome)) for job, outcome in results])


_UNCONVERTIBLE = (pa.ArrowException, TypeError, ValueError, OverflowError)


def _chunk(results: Sequence[tuple[ParseJob, Parsed | Refusal]]) -> ParsedChunk:
    outcomes = tuple((job, outcome.encoding if isinstance(outcome, Parsed) else outcome) for job, outcome in results)
    return ParsedChunk(outcomes, rows_tables([outcome.rows for _, outcome in results if isinstance(outcome, Parsed)]))


def _convertible(job: ParseJob, outcome: Parsed | Refusal) -> Parsed | Refusal:
    if isinstance(outcome, Parsed):
        try:
            rows_tables([outcome.rows])
        except _UNCONVERTIBLE as exc:
            return Refusal(job.primary.path, "unparseable", f"{exc.__class__.__name__}: {exc}", job.primary.file_id)
    return outcome


def warm() -> None:
    """Load what the first parse would: the division tables and the segmenter's dictionary."""
    gazetteer.places_named("")
    gazetteer.townships_named("")
    gazetteer.find_places("天津市")
    gazetteer.find_townships("茶淀街道")
    token_columns("法治政府")


def refused_chunk(job: ParseJob, reason: str, message: str) -> ParsedChunk:
    """The chunk of one file refused without a parse (its worker was stopped)."""
    return _chunk([(job, Refusal(job.primary.path, reason, message, job.primary.file_id))])
