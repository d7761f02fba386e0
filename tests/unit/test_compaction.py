"""The warehouse file given back its free space, and the maintenance job that does it and prunes."""
from __future__ import annotations

from datetime import datetime, timedelta

import dagster as dg
import duckdb

from dagster_project.defs.resources import BuildsKept, Warehouse
from dagster_project.defs.runs.maintenance import maintain_warehouse
from ingestion.warehouse import builds
from ingestion.warehouse.compaction import compact, free_share


def _shrunk_warehouse(path):
    with duckdb.connect(str(path)) as conn:
        conn.execute("create schema marts")
        conn.execute("create table marts.reports as select range as id, md5(range::varchar) || md5((-range)::varchar)"
                     " as text from range(300000)")
        conn.execute("comment on table marts.reports is '报告表'")
        conn.execute("checkpoint")
        conn.execute("delete from marts.reports where id >= 1000")  # most reports left the warehouse
        conn.execute("checkpoint")
    return path


def test_a_mostly_free_file_is_rewritten_with_its_rows_and_comments(tmp_path):
    warehouse = _shrunk_warehouse(tmp_path / "w.duckdb")
    assert free_share(warehouse) > 0.5
    done = compact(warehouse)
    assert done.size_after < done.size_before / 2
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        assert conn.execute("select count(*) from marts.reports").fetchone() == (1000,)
        assert conn.execute("select comment from duckdb_tables() where table_name = 'reports'").fetchone() == (
            "报告表",)
    again = compact(warehouse)  # nothing free now: left as it is
    assert again.size_after == again.size_before


def test_the_maintenance_job_prunes_old_builds_and_compacts(tmp_path):
    warehouse = _shrunk_warehouse(tmp_path / "w.duckdb")
    made = [builds.publish(warehouse, f"run-{n}", {"reports": 1000}, {}, now=datetime(2026, 1, 1) + timedelta(n))
            for n in range(4)]
    size = warehouse.stat().st_size
    result = maintain_warehouse.execute_in_process(resources={
        "warehouse": Warehouse(database=str(warehouse)), "builds_kept": BuildsKept(last=2, days=0)})
    assert result.success
    assert [b.build_id for b in builds.list_builds(warehouse)[0]] == [made[2].build_id, made[3].build_id]
    assert warehouse.stat().st_size < size


def test_maintenance_waits_for_no_run(tmp_path):
    """It takes the run lock: while a run holds it, maintenance fails at once, naming the holder."""
    import subprocess
    import sys

    warehouse = _shrunk_warehouse(tmp_path / "w.duckdb")
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\n"
                               "from pathlib import Path\n"
                               "from ingestion.warehouse.run_lock import run_lock\n"
                               "with run_lock(Path(sys.argv[1])):\n"
                               "    print('held', flush=True); sys.stdin.read()", str(warehouse)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = maintain_warehouse.execute_in_process(raise_on_error=False, resources={
            "warehouse": Warehouse(database=str(warehouse)), "builds_kept": BuildsKept()})
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert not result.success
    [failure] = [e for e in result.all_events if e.event_type == dg.DagsterEventType.STEP_FAILURE]
    assert f"is held by another process (PID {holder.pid})" in failure.step_failure_data.error.cause.message
