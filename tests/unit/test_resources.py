"""The warehouse resource: where it points, and failing fast when another process holds it."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dagster_project.defs.resources import ReportInbox, Warehouse
from dagster_project.paths import PROJECT_ROOT, configured_path
from ingestion.warehouse.faults import WarehouseCorruptError, WarehouseLockedError

HOLDER = textwrap.dedent("""
    import sys, time, duckdb
    conn = duckdb.connect(sys.argv[1])
    conn.execute("create table if not exists t (x int)")
    print("holding", flush=True)
    time.sleep(120)
""")


@pytest.fixture
def held_warehouse(tmp_path):
    """A DuckDB file another process has open for writing, as a forgotten session would."""
    path = tmp_path / "wh.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        yield path, holder.pid
    finally:
        holder.kill()
        holder.wait()


def test_a_held_warehouse_fails_fast_naming_the_file_the_holder_and_the_snapshot(held_warehouse):
    path, holder_pid = held_warehouse
    warehouse = Warehouse(database=str(path), lock_timeout_seconds=1)
    with pytest.raises(WarehouseLockedError) as caught:
        with warehouse.get_connection():
            pass
    message = str(caught.value)
    assert str(path) in message
    assert str(tmp_snapshot(path)) in message
    assert str(warehouse.snapshot_path) == str(tmp_snapshot(path))
    assert f"PID {holder_pid}" in message


def test_the_warehouse_opens_after_its_holder_exits(tmp_path):
    path = tmp_path / "wh.duckdb"
    subprocess.run([sys.executable, "-c", HOLDER.replace("time.sleep(120)", ""), str(path)], check=True,
                   capture_output=True)
    with Warehouse(database=str(path), lock_timeout_seconds=1).get_connection() as conn:
        assert conn.execute("select count(*) from t").fetchone() == (0,)


def test_a_lock_released_within_the_timeout_is_waited_for(tmp_path):
    path = tmp_path / "wh.duckdb"
    brief = HOLDER.replace("time.sleep(120)", "time.sleep(1)")
    holder = subprocess.Popen([sys.executable, "-c", brief, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with Warehouse(database=str(path), lock_timeout_seconds=30).get_connection() as conn:
            assert conn.execute("select count(*) from t").fetchone() == (0,)
    finally:
        holder.kill()
        holder.wait()


def test_a_damaged_file_is_named_with_both_ways_out_not_called_a_lock(tmp_path):
    not_duckdb = tmp_path / "notes.duckdb"
    not_duckdb.write_bytes(b"this is not a database file" * 200)
    with pytest.raises(WarehouseCorruptError) as caught:
        with Warehouse(database=str(not_duckdb), lock_timeout_seconds=1).get_connection():
            pass
    message = str(caught.value)
    assert str(not_duckdb) in message and "make restore" in message and "rebuilds every report" in message


def tmp_snapshot(path: Path) -> Path:
    return path.with_name(f"{path.stem}_snapshot{path.suffix}")


def test_configured_path_prefers_the_field_then_the_environment_then_the_default(tmp_path, monkeypatch):
    default = tmp_path / "default.duckdb"
    monkeypatch.delenv("WAREHOUSE_PATH", raising=False)
    assert configured_path("", "WAREHOUSE_PATH", default) == default
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "env.duckdb"))
    assert configured_path("", "WAREHOUSE_PATH", default) == tmp_path / "env.duckdb"
    assert configured_path(str(tmp_path / "field.duckdb"), "WAREHOUSE_PATH", default) == tmp_path / "field.duckdb"


def test_configured_path_takes_relative_paths_from_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WAREHOUSE_PATH", "sub/wh.duckdb")
    assert configured_path("", "WAREHOUSE_PATH", Path("/unused")) == tmp_path / "sub" / "wh.duckdb"
    assert configured_path("~/x.duckdb", "WAREHOUSE_PATH", Path("/unused")) == Path.home() / "x.duckdb"


def test_resources_fall_back_to_the_environment_then_the_project_defaults(tmp_path, monkeypatch):
    monkeypatch.delenv("WAREHOUSE_PATH", raising=False)
    monkeypatch.delenv("REPORTS_INBOX", raising=False)
    assert Warehouse().path == PROJECT_ROOT / "data" / "warehouse.duckdb"
    assert Warehouse().snapshot_path == PROJECT_ROOT / "data" / "warehouse_snapshot.duckdb"
    assert ReportInbox().path == PROJECT_ROOT / "data" / "samples"
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "env.duckdb"))
    assert Warehouse().path == tmp_path / "env.duckdb"
    assert Warehouse().snapshot_path == tmp_path / "env_snapshot.duckdb"
    assert Warehouse(database=str(tmp_path / "field.duckdb")).path == tmp_path / "field.duckdb"


def test_the_dbt_resource_skips_start_up_work_with_the_answers_dagster_dbt_would_get():
    from dagster_dbt import DbtCliResource

    from dagster_project.defs.resources import WarehouseDbt, dbt_executable, dbt_project

    for name in ("_cli_version", "_initialize_dbt_core_adapter"):  # the private methods overridden
        assert hasattr(DbtCliResource, name), f"dagster-dbt no longer has {name}: revisit WarehouseDbt"
    dbt = WarehouseDbt(project_dir=dbt_project(), dbt_executable=dbt_executable())
    reported = subprocess.run([dbt_executable(), "--version"], capture_output=True, text=True, check=True).stdout
    assert f"installed: {dbt._cli_version}" in reported
    assert dbt._initialize_dbt_core_adapter(["build"]) is None
