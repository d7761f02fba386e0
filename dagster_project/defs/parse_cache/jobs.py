"""The parse stage beyond one process: inbox partitions parsed by any number of workers into Parquet.

A partition is a top-level sub-folder of the inbox (a province, a year); files directly in the
root are the partition `_root`. The job `parse_partitions` parses one partition per run into the
parse cache (ingestion/intake/parse_cache.py). The single-writer ingest (`raw_tables`) then
takes each parse its lifecycle plan asks for from the cache and parses only what is missing,
so the lifecycle rule, the transactions and the quarantine stay in one place.

It is a job of ops, not an asset: a partitioned asset in the lineage made the UI's *Materialize
all* a partitioned backfill of every asset that could not launch. The cache is an input of
`raw_tables`, not a table anyone reads, so nothing is lost by keeping it out of the lineage.

Where the parse runs is configuration: the job runs each step in its own process through the
multiprocess executor; on a cluster the same job runs with dagster-k8s's `k8s_job_executor` or
dagster-celery's `celery_executor`, one run per partition (`K8sRunLauncher` or the run queue decide
how many at once), and `PARSE_CACHE_DIR` points at storage every worker and the loader share. See
docs/scaling.md.
"""
import hashlib
import json
from datetime import datetime
from pathlib import Path

import dagster as dg

from dagster_project.defs.resources import ParseCacheFolder, ReportInbox
from ingestion.intake.partitions import (
    inbox_partition_keys,
    parse_partition,
    partition_files,
)
from ingestion.version import parser_version

inbox_folders = dg.DynamicPartitionsDefinition(name="inbox_folders")


@dg.op(tags={"kind": "python"})
def parse_partition_to_cache(context: dg.OpExecutionContext, inbox: ReportInbox,
                             parse_cache: ParseCacheFolder) -> dg.Output[dict[str, int]]:
    """One inbox sub-folder parsed into the Parquet parse cache, for `raw_tables` to load."""
    counts = parse_partition(inbox.path, context.partition_key, parse_cache.path, datetime.now())
    context.log.info(f"partition {context.partition_key}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return dg.Output(counts, metadata={
        **counts, "parser_version": parser_version(),
        "cache": dg.MetadataValue.path(str(parse_cache.path / context.partition_key)),
    })


@dg.job(
    partitions_def=inbox_folders,
    # A step per process: the code path dagster-k8s (k8s_job_executor) and dagster-celery run on a cluster.
    executor_def=dg.multiprocess_executor.configured({"max_concurrent": 2}),
    # Parse runs write no warehouse: a run queue can let them run beside each other and one writer
    # (dagster.yaml `tag_concurrency_limits` on this tag; docs/scaling.md).
    tags={"parse_cache": "partition"},
    description="Parse one inbox partition into the Parquet parse cache; build_warehouse then loads from it.",
)
def parse_partitions():
    parse_partition_to_cache()


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
        jobs=[parse_partitions], resources={"inbox": ReportInbox(), "parse_cache": ParseCacheFolder()},
    ).resolve_job_def("parse_partitions")
