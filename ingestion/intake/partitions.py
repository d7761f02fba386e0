"""Inbox partitions: the top-level sub-folders of the inbox (a province, a year), each parsed on
its own into the Parquet parse cache, so any number of workers can parse while one writer loads.

Files directly in the inbox root are the partition `_root`. The single-writer ingest then takes
each parse its lifecycle plan asks for from the cache (ingestion/intake/pool.py), so the lifecycle
rule, the transactions and the quarantine stay in one place.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from itertools import chain
from pathlib import Path

from ingestion.chinese.file_names import name_bytes, stored_name
from ingestion.intake.inventory import InboxFile, scan_inbox, with_hashes
from ingestion.intake.lifecycle import ParseJob
from ingestion.intake.parse_cache import (
    ROOT_PARTITION,
    ParseCache,
    partition_of,
    write_partition,
)
from ingestion.intake.pool import ParseLimits, parsed_chunks
from ingestion.intake.worker import ParsedChunk
from ingestion.version import parser_version


def inbox_partition_keys(inbox: Path) -> list[str]:
    """The partitions the inbox holds now: its visible top-level folders, and `_root` if files lie in it."""
    keys = []
    with os.scandir(inbox) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden paths are refused by the ingest; no partition for them
            keys.append(stored_name(entry.name) if entry.is_dir(follow_symlinks=False) else ROOT_PARTITION)
    return sorted(set(keys))


def partition_files(inbox: Path, partition: str) -> list[InboxFile]:
    """The readable files of one partition, paths relative to the inbox root as the ingest names them.

    A sub-folder is scanned on its own, so a link from it into another partition is refused here
    and simply parsed by the ingest."""
    if partition == ROOT_PARTITION:
        files, _ = scan_inbox(inbox)
        return [f for f in files if partition_of(f.path) == ROOT_PARTITION]
    files, _ = scan_inbox(inbox / os.fsdecode(name_bytes(partition)))
    return [InboxFile(f"{partition}/{f.path}", f.location, f.size_bytes, f.modified_at) for f in files]


def first_of_each_content(files: list[InboxFile]) -> list[InboxFile]:
    """The same bytes under several paths are one report, named by its first path (as the ingest names it)."""
    seen: set[str | None] = set()
    firsts = []
    for file in files:
        if file.file_id not in seen:
            seen.add(file.file_id)
            firsts.append(file)
    return firsts


def parse_partition(inbox: Path, partition: str, cache_dir: Path, now: datetime) -> dict[str, int]:
    """Parse every file of the partition not already cached by this parser, and rewrite its cache,
    one batch of parses at a time."""
    version = parser_version()
    files, unreadable = with_hashes(partition_files(inbox, partition), {})
    jobs = [ParseJob(f, (), ()) for f in first_of_each_content(files)]
    counts = Counter(files=len(files), unreadable=len(unreadable))

    def chunks(cache: ParseCache) -> Iterator[ParsedChunk]:
        hits, misses = cache.split(jobs, version)
        counts.update(reused=len(hits), parsed=len(misses))
        # The same per-file limits as the ingest: a partition run must not be stopped by one file either.
        parsed = parsed_chunks(misses, version, now, workers=1, cache=None, limits=ParseLimits())
        for chunk in chain(cache.chunks(hits, version), parsed):
            counts["refused"] += len(chunk.outcomes) - len(chunk.parsed)
            yield chunk

    with ParseCache(cache_dir) as cache:
        write_partition(cache_dir, partition, chunks(cache), version)
    return {key: counts[key] for key in ("files", "parsed", "reused", "refused", "unreadable")}
