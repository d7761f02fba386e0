"""What the dbt step of a run does, from what was last published."""
from __future__ import annotations

from pathlib import Path

import pytest

from dagster_project.defs.dbt.decisions import BUILD_JOB, DbtStep, build_args, plan_dbt_step
from ingestion.warehouse.build_state import PublishedBuild

LAST = PublishedBuild(raw_fingerprint="raw-1", dbt_checksum="dbt-1", inbox_fingerprint="inbox", parser_version="p",
                      site_version="s", site_dir="/site")


def test_nothing_changed_and_everything_published_skips():
    step = plan_dbt_step(LAST, "raw-1", "dbt-1", job_name=BUILD_JOB, outputs_current=True)
    assert step.skip and not step.full_refresh


@pytest.mark.parametrize(("raw", "outputs_current", "job"), [
    ("raw-2", True, BUILD_JOB),  # the raw layer changed
    ("raw-1", False, BUILD_JOB),  # the docs, snapshot or site are missing
    ("raw-1", True, "__ASSET_JOB"),  # a materialisation launched from the lineage builds what it was asked to
])
def test_a_change_a_missing_output_or_another_job_builds_incrementally(raw, outputs_current, job):
    step = plan_dbt_step(LAST, raw, "dbt-1", job_name=job, outputs_current=outputs_current)
    assert step == DbtStep(False, False, step.reason)


def test_an_edited_dbt_project_builds_from_scratch():
    step = plan_dbt_step(LAST, "raw-1", "dbt-2", job_name=BUILD_JOB, outputs_current=True)
    assert not step.skip and step.full_refresh
    assert build_args(step, Path("/w.duckdb"))[:2] == ["build", "--full-refresh"]


def test_a_first_build_is_incremental_and_names_the_warehouse():
    step = plan_dbt_step(None, "raw-1", "dbt-1", job_name=BUILD_JOB, outputs_current=False)
    assert not step.skip and not step.full_refresh
    assert build_args(step, Path("/data/w.duckdb")) == ["build", "--vars", '{"warehouse_path": "/data/w.duckdb"}']


def test_force_builds_when_nothing_changed_so_the_publish_steps_run():
    step = plan_dbt_step(LAST, "raw-1", "dbt-1", job_name=BUILD_JOB, outputs_current=True, force=True)
    assert not step.skip and not step.full_refresh
    assert "force" in step.reason


def test_force_after_a_project_edit_still_builds_from_scratch():
    step = plan_dbt_step(LAST, "raw-1", "dbt-2", job_name=BUILD_JOB, outputs_current=True, force=True)
    assert not step.skip and step.full_refresh
