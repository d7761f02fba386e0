"""The partitioned parse path of docs/scaling.md, timed: N reports in P inbox sub-folders parsed
by `parse_partitions` (one Dagster run per partition, two at a time, each step in its own
process), then loaded from the Parquet cache by the one writer with parsing disabled, beside a
plain ingest of the same inbox. Everything it writes is in a temp folder.

    .venv/bin/python -m benchmarks.cache_path --n 1000 --partitions 4
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

import dagster as dg
import duckdb

from dagster_project.defs.parse_cache.jobs import inbox_folders, parse_partitions_job
from ingestion.intake import pool
from ingestion.intake.ingest import ingest_inbox
from ingestion.intake.parse_cache import ParseCache
from ingestion.intake.partitions import inbox_partition_keys
from ingestion.warehouse.store import table_counts

NOW = datetime(2026, 1, 1)


def _corpus(inbox: Path, n: int, partitions: int, seed: int) -> None:
    per = n // partitions
    for i in range(partitions):
        subprocess.run([sys.executable, "-m", "benchmarks.corpus", "--seed", str(seed), "--n", str(per),
                        "--start", str(i * per), "--out", str(inbox / f"p{i}")], check=True, capture_output=True)


def _parse_partitions(inbox: Path, cache_dir: Path, home: Path, keys: list[str]) -> float:
    """Every partition's run, two at a time (as the run queue in docs/scaling.md would allow)."""
    instance = dg.DagsterInstance.local_temp(str(home))
    instance.add_dynamic_partitions(inbox_folders.name, keys)
    config = {"resources": {"inbox": {"config": {"folder": str(inbox)}},
                            "parse_cache": {"config": {"folder": str(cache_dir)}}}}
    failed: list[str] = []

    def run(partition: str) -> None:
        result = dg.execute_job(dg.reconstructable(parse_partitions_job), instance=instance, run_config=config,
                                tags={"dagster/partition": partition})
        if not result.success:
            failed.append(partition)

    start = time.perf_counter()
    for pair in (keys[i:i + 2] for i in range(0, len(keys), 2)):
        threads = [threading.Thread(target=run, args=(key,)) for key in pair]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    seconds = time.perf_counter() - start
    instance.dispose()
    if failed:
        raise RuntimeError(f"partition runs failed: {failed}")
    return seconds


def _ingest(inbox: Path, warehouse: Path, cache: ParseCache | None) -> tuple[float, dict[str, int]]:
    start = time.perf_counter()
    with duckdb.connect(str(warehouse)) as conn:
        ingest_inbox(conn, inbox, NOW, cache=cache)
        return time.perf_counter() - start, table_counts(conn)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cache_path_"))
    try:
        inbox, cache_dir = tmp / "inbox", tmp / "cache"
        (tmp / "home").mkdir()
        _corpus(inbox, args.n, args.partitions, args.seed)
        parse_s = _parse_partitions(inbox, cache_dir, tmp / "home", inbox_partition_keys(inbox))
        plain_s, plain = _ingest(inbox, tmp / "plain.duckdb", None)

        def no_parse(*_):
            raise AssertionError("parsed although the cache holds the parse")

        pool.parse_chunk = no_parse
        with ParseCache(cache_dir) as cache:
            cached_s, cached = _ingest(inbox, tmp / "cached.duckdb", cache)
        if cached != plain:
            raise AssertionError(f"the cache path loaded other rows: {cached} != {plain}")
        cache_mb = sum(p.stat().st_size for p in cache_dir.rglob("*.parquet")) / 1e6
        result = {"n_reports": plain["reports"], "partitions": args.partitions,
                  "parse_partitions_s": round(parse_s, 1), "ingest_from_cache_s": round(cached_s, 1),
                  "plain_ingest_s": round(plain_s, 1), "cache_mb": round(cache_mb, 1),
                  "peak_rss_mb_this_process": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
        print(json.dumps(result, indent=1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
