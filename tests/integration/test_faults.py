"""`make run` as a user runs it. A run killed with SIGKILL during ingest, then during `dbt
build`: the warehouse and the snapshot stay consistent, and the next `make run` marks the killed
run failed and finishes the work with the exact counts. A `make run` with nothing to do starts no
Dagster run and writes nothing.

The job runs as `make run` runs it (`python -m dagster_project.runner`) in its own process
group, so the kill takes dbt's process with it. dbt writes dbt_project/target (one fixed
folder; runs are serialised): do not run this beside other tests that run dbt.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path

import dagster as dg
import pytest

from ingestion.parser.model import ParsedReport
from ingestion.parser.report import parse_file
from ingestion.rows.schema import RAW_TABLES
from tests.paths import PROJECT_ROOT, SAMPLES
from tests.warehouse import mart_counts, query

pytestmark = pytest.mark.slow

INGEST_STEP = "raw_tables"
DBT_STEP = "warehouse_dbt_models"
VARIANTS = 30  # distinct copies of the samples: the ingest writes ~10 MB of rows in one transaction
INGEST_WAL_BYTES = 64 * 1024  # past the raw tables' DDL: report rows are being written
WAIT_SECONDS = 300  # a guard against a hung run, not a timing assertion


class Build:
    """`python -m dagster_project.runner` on a private warehouse, inbox and Dagster home."""

    def __init__(self, root: Path):
        self.inbox, self.home = root / "inbox", root / "dagster_home"
        self.warehouse = root / "warehouse.duckdb"
        self.snapshot = root / "warehouse_snapshot.duckdb"
        self.home.mkdir()
        shutil.copyfile(PROJECT_ROOT / "dagster_project" / "dagster.yaml", self.home / "dagster.yaml")
        self.env = {**os.environ, "WAREHOUSE_PATH": str(self.warehouse), "REPORTS_INBOX": str(self.inbox),
                    "DAGSTER_HOME": str(self.home)}

    def start(self) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "dagster_project.runner"], cwd=PROJECT_ROOT, env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                start_new_session=True)

    def run(self) -> str:
        process = self.start()
        out, _ = process.communicate(timeout=WAIT_SECONDS)
        assert process.returncode == 0, out
        return out

    def instance(self) -> dg.DagsterInstance:
        return dg.DagsterInstance.from_config(str(self.home))

    def kill_when(self, process: subprocess.Popen, ready) -> str:
        """SIGKILL the run's whole process group as soon as ready(instance, run_id) holds.
        Returns the killed run's id."""
        deadline = time.monotonic() + WAIT_SECONDS
        with self.instance() as instance:
            while time.monotonic() < deadline:
                assert process.poll() is None, f"the run ended before it could be killed:\n{process.stdout.read()}"
                runs = instance.get_runs()
                if runs and ready(instance, runs[0].run_id):
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
                    return runs[0].run_id
                time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("the run never reached the step to kill it in")

    def run_status(self, run_id: str) -> dg.DagsterRunStatus:
        with self.instance() as instance:
            return instance.get_run_by_id(run_id).status

    def steps(self, run_id: str, event_type: dg.DagsterEventType) -> set[str]:
        with self.instance() as instance:
            return {e.step_key for e in instance.all_logs(run_id, of_type=event_type)}


def _step_started(step: str):
    def ready(instance: dg.DagsterInstance, run_id: str) -> bool:
        return any(e.step_key == step for e in instance.all_logs(run_id, of_type=dg.DagsterEventType.STEP_START))
    return ready


def _writing(build: Build, step: str, wal_bytes: int):
    """The step has started and the warehouse's write-ahead log holds more than wal_bytes:
    rows of this run are being written, or are committed but not yet checkpointed."""
    started = _step_started(step)
    wal = build.warehouse.with_name(build.warehouse.name + ".wal")

    def ready(instance: dg.DagsterInstance, run_id: str) -> bool:
        return wal.exists() and wal.stat().st_size > wal_bytes and started(instance, run_id)
    return ready


def _distinct(inbox: Path) -> list[Path]:
    found: dict[str, Path] = {}
    for path in sorted(p for p in inbox.rglob("*") if p.is_file()):
        found.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path)
    return list(found.values())


@lru_cache(maxsize=None)
def _parse(digest: str, path: Path) -> ParsedReport:  # noqa: ARG001 - the digest keys the cache
    return parse_file(path)


def _parse_of(path: Path) -> ParsedReport:
    return _parse(_sha(path), path)


def _expected(inbox: Path) -> dict[str, int]:
    parses = [_parse_of(p) for p in _distinct(inbox)]
    return {"reports": len(parses), "sections": sum(len(p.sections) for p in parses),
            "mentions": sum(len(p.mentions) for p in parses)}


def _assert_raw_consistent(build: Build) -> None:
    """Opening replays the WAL; then every report has all its sections and mentions and no
    row belongs to a report that is not there."""
    warehouse = build.warehouse
    reports = {rid: path for rid, path in query(warehouse, "select report_id, source_path from raw.reports")}
    for table in RAW_TABLES.values():
        if table.per_report and table.name != "reports":
            orphans = query(warehouse, f"select count(*) from raw.{table.name}"
                                        " where report_id not in (select report_id from raw.reports)")
            assert orphans == [(0,)], table.name
    dangling = query(warehouse, "select count(*) from raw.files where status in ('parsed', 'alias')"
                                 " and report_id not in (select report_id from raw.reports)")
    assert dangling == [(0,)]
    sections = dict(query(warehouse, "select report_id, count(*) from raw.sections group by 1"))
    mentions = dict(query(warehouse, "select report_id, count(*) from raw.indicator_mentions group by 1"))
    for rid, path in reports.items():
        parsed = _parse_of(build.inbox / path)
        assert (sections.get(rid, 0), mentions.get(rid, 0)) == (len(parsed.sections), len(parsed.mentions)), path


def _fill_inbox(inbox: Path, variants: int) -> None:
    shutil.copytree(SAMPLES, inbox)
    samples = sorted(SAMPLES.iterdir())
    for i in range(variants):
        sample = samples[i % len(samples)]
        text = sample.read_text(encoding="utf-8") + f"\n本年度新增行政复议案件{i + 1}件。\n"
        (inbox / f"variant_{i:03d}_{sample.name}").write_text(text, encoding="utf-8")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_killed_run_leaves_a_consistent_warehouse_and_the_next_run_recovers(dbt_manifest, tmp_path):
    build = Build(tmp_path)
    _fill_inbox(build.inbox, VARIANTS)

    # (a) Killed during the first ingest: no snapshot was ever published.
    killed = build.kill_when(build.start(), _writing(build, INGEST_STEP, INGEST_WAL_BYTES))
    assert INGEST_STEP not in build.steps(killed, dg.DagsterEventType.STEP_SUCCESS)
    assert build.run_status(killed) == dg.DagsterRunStatus.STARTED  # until someone notices
    assert not build.snapshot.exists()
    _assert_raw_consistent(build)

    out = build.run()
    assert f"marked killed run {killed} failed" in out
    assert build.run_status(killed) == dg.DagsterRunStatus.FAILURE
    expected = _expected(build.inbox)
    assert mart_counts(build.snapshot) == mart_counts(build.warehouse) == expected
    _assert_raw_consistent(build)

    # (b) Killed during `dbt build`, after the ingest committed a changed inbox: the snapshot
    # is still the last good one, the raw layer is the new inbox, the marts catch up next run.
    good_snapshot = _sha(build.snapshot)
    for path in sorted(build.inbox.glob("variant_*"))[:10]:
        path.unlink()
    killed = build.kill_when(build.start(), _writing(build, DBT_STEP, 0))
    assert INGEST_STEP in build.steps(killed, dg.DagsterEventType.STEP_SUCCESS)
    assert DBT_STEP not in build.steps(killed, dg.DagsterEventType.STEP_SUCCESS)
    assert _sha(build.snapshot) == good_snapshot
    assert mart_counts(build.snapshot) == expected
    _assert_raw_consistent(build)
    expected = _expected(build.inbox)
    assert query(build.warehouse, "select count(*) from raw.reports") == [(expected["reports"],)]

    out = build.run()
    assert f"marked killed run {killed} failed" in out
    assert build.run_status(killed) == dg.DagsterRunStatus.FAILURE
    assert mart_counts(build.snapshot) == mart_counts(build.warehouse) == expected
    _assert_raw_consistent(build)
    assert _sha(build.snapshot) != good_snapshot


def test_make_run_with_nothing_changed_starts_no_run_and_a_new_file_starts_one(dbt_manifest, tmp_path):
    build = Build(tmp_path)
    shutil.copytree(SAMPLES, build.inbox)
    build.run()
    with build.instance() as instance:
        assert len(instance.get_runs()) == 1
    files = {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in (build.warehouse, build.snapshot)}

    out = build.run()
    assert "Nothing changed since the last build" in out and "Warehouse built." not in out
    assert "reports              5" in out  # the summary of what the warehouse holds
    assert "report_structure_is_complete: 2 rows" in out  # what the one warning means
    with build.instance() as instance:
        assert len(instance.get_runs()) == 1
    assert {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in files} == files

    sample = next(SAMPLES.glob("*.txt"))
    (build.inbox / "next_year.txt").write_text(sample.read_text(encoding="utf-8") + "\n新增备案规范性文件7件。\n",
                                               encoding="utf-8")
    out = build.run()
    assert "Nothing changed" not in out and "done   raw/* (parse the inbox)" in out
    assert "files this run       1 new · 0 changed · 5 unchanged" in out
    with build.instance() as instance:
        assert len(instance.get_runs()) == 2
    assert mart_counts(build.snapshot)["reports"] == 6
