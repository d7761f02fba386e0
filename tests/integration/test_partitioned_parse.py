"""Two inbox partitions parsed at once through the multiprocess executor, then loaded from the cache."""
import os
import shutil
import threading
from datetime import datetime

import dagster as dg
import duckdb
import pytest

from dagster_project.defs.parse_cache.jobs import (
    inbox_folders,
    inbox_partitions_sensor,
    parse_partitions_job,
)
from dagster_project.defs.resources import ReportInbox
from ingestion.intake import pool
from ingestion.intake.ingest import ingest_inbox
from ingestion.intake.parse_cache import ParseCache
from ingestion.intake.partitions import inbox_partition_keys
from ingestion.warehouse.store import table_counts
from tests.paths import SAMPLES

NOW = datetime(2025, 3, 1)
PARTITIONS = ["广东", "浙江"]


@pytest.fixture
def inbox(tmp_path):
    """Two sub-folders with distinct reports, and one file that cannot become a report."""
    folder = tmp_path / "inbox"
    samples = sorted(SAMPLES.iterdir())
    for partition, chosen in zip(PARTITIONS, (samples[:2], samples[2:4]), strict=True):
        (folder / partition / "2023").mkdir(parents=True)
        for sample in chosen:
            shutil.copy(sample, folder / partition / "2023" / sample.name)
    (folder / "浙江" / "noise.txt").write_bytes(bytes(range(256)) * 20)
    return folder


def _run_config(inbox, cache_dir) -> dict:
    return {"resources": {"inbox": {"config": {"folder": str(inbox)}},
                          "parse_cache": {"config": {"folder": str(cache_dir)}}}}


@pytest.mark.slow
def test_two_partitions_parse_in_parallel_processes_and_the_ingest_loads_them_from_the_cache(
        tmp_path, inbox, monkeypatch):
    cache_dir = tmp_path / "parse_cache"
    (tmp_path / "dagster_home").mkdir()
    instance = dg.DagsterInstance.local_temp(str(tmp_path / "dagster_home"))
    instance.add_dynamic_partitions(inbox_folders.name, inbox_partition_keys(inbox))
    assert sorted(instance.get_dynamic_partitions(inbox_folders.name)) == PARTITIONS

    results: dict[str, dg.ExecutionResult] = {}

    def run(partition: str) -> None:
        results[partition] = dg.execute_job(
            dg.reconstructable(parse_partitions_job), instance=instance,
            run_config=_run_config(inbox, cache_dir), tags={"dagster/partition": partition})

    threads = [threading.Thread(target=run, args=(p,)) for p in PARTITIONS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    for partition in PARTITIONS:
        result = results[partition]
        assert result.success, partition
        assert result.dagster_run.tags["dagster/partition"] == partition
        (output,) = [e.event_specific_data.metadata for e in result.all_events if e.event_type_value == "STEP_OUTPUT"]
        assert output["parsed"].value - output["refused"].value == 2  # two reports each; 浙江 also holds the noise file
        # The step ran in a process the multiprocess executor started, not in this one.
        step_pids = {e.dagster_event.pid for e in instance.all_logs(result.run_id)
                     if e.dagster_event and e.dagster_event.event_type_value == "STEP_START"}
        assert step_pids and os.getpid() not in step_pids
        assert (cache_dir / partition / "tokens-00000.parquet").exists()
        assert (cache_dir / partition / "index.parquet").exists()
    instance.dispose()

    with duckdb.connect(str(tmp_path / "plain.duckdb")) as plain:
        plain_summary = ingest_inbox(plain, inbox, NOW)
        expected = table_counts(plain)

    def no_parse(*_):
        raise AssertionError("parsed in the loader although a partition run had cached the parse")

    monkeypatch.setattr(pool, "parse_chunk", no_parse)
    with duckdb.connect(str(tmp_path / "cached.duckdb")) as conn, ParseCache(cache_dir) as cache:
        summary = ingest_inbox(conn, inbox, NOW, cache=cache)
        counts = table_counts(conn)
        paths = [p for (p,) in conn.execute("select source_path from raw.reports order by 1").fetchall()]
    assert counts == expected
    assert counts["reports"] == 4 and counts["quarantine"] == 1 and counts["tokens"] > 1000
    assert summary.events == plain_summary.events
    assert paths == sorted(str(f.relative_to(inbox)) for f in inbox.glob("*/2023/*.txt"))


def test_the_sensor_registers_sub_folders_and_asks_again_only_for_a_changed_one(tmp_path, inbox):
    (inbox / "loose.txt").write_text("一、主要举措和成效\n", encoding="utf-8")
    (inbox / ".hidden").mkdir()
    with dg.instance_for_test() as instance:
        context = dg.build_sensor_context(instance=instance, resources={"inbox": ReportInbox(folder=str(inbox))})
        first = inbox_partitions_sensor(context)
        (request,) = first.dynamic_partitions_requests
        assert sorted(request.partition_keys) == ["_root", *PARTITIONS]
        assert sorted(r.partition_key for r in first.run_requests) == ["_root", *PARTITIONS]

        (inbox / "浙江" / "2023" / "new.txt").write_text("二、存在的不足\n", encoding="utf-8")
        context = dg.build_sensor_context(instance=instance, cursor=first.cursor,
                                          resources={"inbox": ReportInbox(folder=str(inbox))})
        second = inbox_partitions_sensor(context)
    assert [r.partition_key for r in second.run_requests] == ["浙江"]
