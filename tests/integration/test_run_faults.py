"""`make run` facing a wrong inbox, a held or damaged warehouse, and a second run at once: each
stops with the cause on the console and a non-zero exit, and nothing published changes.

Runs the build as `make run` does (`python -m dagster_project.runner`, see test_faults.Build).
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import time

import pytest

from tests import hostile_inputs as hostile
from tests.integration.test_faults import WAIT_SECONDS, Build
from tests.paths import PROJECT_ROOT, SAMPLES
from tests.warehouse import mart_counts

pytestmark = pytest.mark.slow


def _failed(build: Build, **env: str) -> str:
    process = subprocess.run([sys.executable, "-m", "dagster_project.runner"], cwd=PROJECT_ROOT,
                             env={**build.env, **env}, capture_output=True, text=True, timeout=WAIT_SECONDS)
    assert process.returncode == 1, process.stdout + process.stderr
    assert "Traceback" not in process.stdout + process.stderr
    return process.stderr


def _published(build: Build, site) -> dict[str, str]:
    files = [build.snapshot, *sorted(site.rglob("*.html"))]
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture
def built(dbt_manifest, tmp_path, report_site_in_tmp) -> Build:
    build = Build(tmp_path)
    shutil.copytree(SAMPLES, build.inbox)
    build.run()
    return build


def test_a_wrong_inbox_changes_nothing_until_the_removal_is_confirmed(built, tmp_path, report_site_in_tmp):
    before = _published(built, report_site_in_tmp)
    missing = tmp_path / "not_mounted"
    err = _failed(built, REPORTS_INBOX=str(missing))
    assert f"The inbox {missing} does not exist" in err and "Nothing was changed" in err
    a_file = hostile.inbox_is_a_file(tmp_path / "elsewhere")
    assert "is a file, not a folder" in _failed(built, REPORTS_INBOX=str(a_file))
    empty = hostile.empty_inbox(tmp_path / "empty")
    err = _failed(built, REPORTS_INBOX=str(empty))
    assert "no longer holds 5 of the warehouse's 5 reports" in err and "CONFIRM_REMOVAL=1" in err
    assert _published(built, report_site_in_tmp) == before
    assert mart_counts(built.warehouse)["reports"] == mart_counts(built.snapshot)["reports"] == 5

    built.env.update(REPORTS_INBOX=str(empty), CONFIRM_REMOVAL="1")  # the documented way to mean it
    built.run()
    assert mart_counts(built.snapshot) == {"reports": 0, "sections": 0, "mentions": 0}
    assert (report_site_in_tmp / "index.html").exists()


def test_a_held_warehouse_and_a_second_run_say_who_holds_it(built):
    with hostile.hold_file_lock(built.warehouse) as pid:
        err = _failed(built)
    assert f"is held by another process (PID {pid})" in err and str(built.snapshot) in err

    (built.inbox / "next.txt").write_text(hostile.minimal_report_text("天津市河北区人民政府"), encoding="utf-8")
    first = built.start()
    time.sleep(1)  # the first run has its run lock
    err = _failed(built)
    assert "is held by another process" in err and str(built.warehouse) in err
    out, _ = first.communicate(timeout=WAIT_SECONDS)
    assert first.returncode == 0, out
    assert mart_counts(built.snapshot)["reports"] == 6


def test_a_damaged_warehouse_is_named_and_make_restore_brings_the_published_build_back(built):
    counts = mart_counts(built.snapshot)
    for damage in ("header", "truncate"):
        hostile.corrupt_duckdb_file(built.warehouse, mode=damage)
        err = _failed(built)
        assert f"The warehouse file {built.warehouse} is damaged" in err, damage
        assert "make restore" in err and "rebuilds every report from the inbox" in err

        restored = subprocess.run([sys.executable, "-m", "dagster_project.runner", "restore"], cwd=PROJECT_ROOT,
                                  env=built.env, capture_output=True, text=True, timeout=WAIT_SECONDS)
        assert restored.returncode == 0, restored.stderr
        assert mart_counts(built.warehouse) == counts
    assert len(list(built.warehouse.parent.glob("warehouse.duckdb.replaced-*"))) == 2  # the damaged files, kept
    out = built.run()  # a restored build is published again: docs, snapshot and site for it
    assert "Nothing changed" not in out and "done   publish/report_site" in out
    assert "0 new · 0 changed · 5 unchanged" in out  # and nothing is parsed again
    assert mart_counts(built.warehouse) == mart_counts(built.snapshot) == counts


def _runner(build: Build, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dagster_project.runner", *args], cwd=PROJECT_ROOT,
                          env=build.env, capture_output=True, text=True, timeout=WAIT_SECONDS)


def test_two_published_builds_are_listed_and_the_first_restores_with_its_exact_counts(built):
    first = mart_counts(built.snapshot)
    (built.inbox / "next.txt").write_text(hostile.minimal_report_text("天津市河北区人民政府"), encoding="utf-8")
    built.run()
    second = mart_counts(built.snapshot)
    assert second["reports"] == first["reports"] + 1

    listed = _runner(built, "builds").stdout.splitlines()
    rows = [line for line in listed if line[:2] in ("* ", "  ") and line[2:3].isdigit()]
    assert len(rows) == 2 and rows[1].startswith("* ") and " 1 new" in rows[1]
    first_id = rows[0].split()[0]

    # The first build as it was, by a prefix of its id, while the second stays published.
    out = built.warehouse.parent / "first.json"
    queried = subprocess.run(["make", "--no-print-directory", "query", f"BUILD={first_id[:-4]}", "FORMAT=json",
                              f"OUT={out}", "SQL=select count(*) as reports from marts.reports"],
                             cwd=PROJECT_ROOT, env=built.env, capture_output=True, text=True, timeout=WAIT_SECONDS)
    assert queried.returncode == 0, queried.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == [{"reports": first["reports"]}]
    unknown = subprocess.run([sys.executable, "-m", "analytics", "--build", "19990101", "query", "select 1"],
                             cwd=PROJECT_ROOT, env=built.env, capture_output=True, text=True, timeout=WAIT_SECONDS)
    assert unknown.returncode == 2 and "no single build '19990101'" in unknown.stderr and first_id in unknown.stderr

    restored = _runner(built, "restore", first_id)
    assert restored.returncode == 0, restored.stderr
    assert mart_counts(built.snapshot) == mart_counts(built.warehouse) == first
    assert _runner(built, "builds").stdout.count(f"* {first_id}") == 1
