"""The parse stage beyond one process: inbox partitions parsed by any number of workers into Parquet.

A partition is a top-level sub-folder of the inbox (a province, a year); files directly in the
root are the partition `_root`. The asset `parse_cache/partition` parses one partition per run
into the parse cache (ingestion/intake/parse_cache.py). The single-writer ingest (`raw_tables`) then
takes each parse its lifecycle plan asks for from the cache and parses only what is missing,
so the lifecycle rule, the transactions and the quarantine stay in one place.

Where the parse runs is configuration: the job `parse_partitions` runs each step in its own
process through the multiprocess executor; on a cluster the same job runs with
dagster-k8s's `k8s_job_executor` or dagster-celery's `celery_executor`, one run per partition
(`K8sRunLauncher` or the run queue decide how many at once), and `PARSE_CACHE_DIR` points at
storage every worker and the loader share. See docs/scaling.md.
"""

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from itertools import chain
from pathlib import Path

import dagster as dg
from dagster_project.resources import ParseCacheFolder, ReportInbox
from ingestion.intake.pool import CHUNK_FILES
from ingestion.version import parser_version
from ingestion.intake.inventory import InboxFile, scan_inbox, with_hashes
from ingestion.intake.lifecycle import ParseJob
from ingestion.intake.worker import ParsedChunk, parse_chunk
from ingestion.intake.parse_cache import ROOT_PARTITION, ParseCache, partition_of, write_partition

inbox_folders = dg.DynamicPartitionsDefinition(name="inbox_folders")


def inbox_partition_keys(inbox: Path) -> list[str]:
    """The partitions the inbox holds now: its visible top-level folders, and `_root` if files lie in it."""
    keys = []
    with os.scandir(inbox) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden paths are refused by the ingest; no partition for them
            keys.append(entry.name if entry.is_dir(follow_symlinks=False) else ROOT_PARTITION)
    return sorted(set(keys))


def partition_files(inbox: Path, partition: str) -> list[InboxFile]:
    """The readable files of one partition, paths relative to the inbox root as the ingest names them.

    A sub-folder is scanned on its own, so a link from it into another partition is refused here
    and simply parsed by the ingest."""
    if partition == ROOT_PARTITION:
        files, _ = scan_inbox(inbox)
        return [f for f in files if partition_of(f.path) == ROOT_PARTITION]
    files, _ = scan_inbox(inbox / partition)
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
        parsed = (parse_chunk(misses[i:i + CHUNK_FILES], version, now) for i in range(0, len(misses), CHUNK_FILES))
        for chunk in chain(cache.chunks(hits, version), parsed):
            counts["refused"] += len(chunk.outcomes) - len(chunk.parsed)
            yield chunk

    with ParseCache(cache_dir) as cache:
        write_partition(cache_dir, partition, chunks(cache), version)
    return {key: counts[key] for key in ("files", "parsed", "reused", "refused", "unreadable")}


@dg.asset(
    key=["parse_cache", "partition"],
    partitions_def=inbox_folders,
    group_name="parse_cache",
    kinds={"python", "parquet"},
)
def parse_cache_partition(context: dg.AssetExecutionContext, inbox: ReportInbox,
                          parse_cache: ParseCacheFolder) -> dg.MaterializeResult:
    """One inbox sub-folder parsed into the Parquet parse cache, for `raw_tables` to load."""
    counts = parse_partition(inbox.path, context.partition_key, parse_cache.path, datetime.now())
    context.log.info(f"partition {context.partition_key}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return dg.MaterializeResult(metadata={
        **counts, "parser_version": parser_version(),
        "cache": dg.MetadataValue.path(str(parse_cache.path / context.partition_key)),
    })


parse_partitions = dg.define_asset_job(
    "parse_partitions",
    selection=[parse_cache_partition],
    # A step per process: the code path dagster-k8s (k8s_job_executor) and dagster-celery run on a cluster.
    executor_def=dg.multiprocess_executor.configured({"max_concurrent": 2}),
    # Parse runs write no warehouse: a run queue can let them run beside each other and one writer
    # (dagster.yaml `tag_concurrency_limits` on this tag; docs/scaling.md).
    tags={"parse_cache": "partition"},
    description="Parse one inbox partition into the Parquet parse cache; build_warehouse then loads from it.",
)


def _fingerprints(inbox: Path, keys: list[str]) -> dict[str, str]:
    """Per partition, what its files look like without reading them: paths, sizes, times."""
    return {key: hashlib.sha256(json.dumps([(f.path, f.size_bytes, f.modified_at.isoformat())
                                            for f in partition_files(inbox, key)]).encode()).hexdigest()[:16]
            for key in keys}


@dg.sensor(job=parse_partitions, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED)
def inbox_partitions_sensor(context: dg.SensorEvaluationContext, inbox: ReportInbox) -> dg.SensorResult:
    """Registers each inbox sub-folder as a partition and parses the partitions whose files changed."""
    keys = inbox_partition_keys(inbox.path)
    known = set(context.instance.get_dynamic_partitions(inbox_folders.name))
    before = json.loads(context.cursor) if context.cursor else {}
    now = _fingerprints(inbox.path, keys)
    changed = [k for k in keys if before.get(k) != now[k]]
    return dg.SensorResult(
        dynamic_partitions_requests=[inbox_folders.build_add_request([k for k in keys if k not in known])],
        run_requests=[dg.RunRequest(partition_key=k, run_key=f"{k}:{now[k]}") for k in changed],
        cursor=json.dumps(now),
    )


def parse_partitions_job() -> dg.JobDefinition:
    """The job with its resources, for `dg.reconstructable` (executors that start processes rebuild it)."""
    return dg.Definitions(
        assets=[parse_cache_partition], jobs=[parse_partitions],
        resources={"inbox": ReportInbox(), "parse_cache": ParseCacheFolder()},
    ).resolve_job_def("parse_partitions")
