"""The build_warehouse job run quietly in this process (what `make run` runs when there is
something to do).

The job runs against the instance in DAGSTER_HOME, so the run appears in the Dagster UI's
history like a launched one. The terminal shows one line per step and the summary; every event
of the run goes to a log file beside the instance.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Mapping
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import dagster as dg

from dagster_project.definitions import defs
from dagster_project.defs.runs.location import code_location_tags
from dagster_project.defs.runs.recovery import fail_abandoned_runs
from dagster_project.file_events import file_events_of
from dagster_project.paths import warehouse_path
from dagster_project.runner.failures import failed_check_lines, failure_messages
from dagster_project.runner.summary import print_summary

LOG_NAME = "last_run.log"


# What a step is, for people: the assets it writes, not the op that writes them.
STEP_NAMES = {
    "raw_tables": "raw/* (parse the inbox)",
    "warehouse_dbt_models": "staging/* intermediate/* marts/* (dbt build and tests)",
}


def step_label(step_key: str, check_steps: Mapping[str, str]) -> str:
    """raw_tables → raw/* (parse the inbox); docs__dbt_docs → docs/dbt_docs; a check's step → its name."""
    return STEP_NAMES.get(step_key) or check_steps.get(step_key) or step_key.replace("__", "/")


def check_step_labels(job: dg.JobDefinition) -> dict[str, str]:
    """Step keys of the checks that run as steps of their own: `<asset path>_<check name>`."""
    return {f"{'__'.join(key.asset_key.path)}_{key.name}": f"check {key.asset_key.to_user_string()}: {key.name}"
            for key in job.asset_layer.asset_graph.asset_check_keys}


def _step_lines(instance: dg.DagsterInstance, run_id: str, check_steps: Mapping[str, str]) -> list[str]:
    started: dict[str, float] = {}
    lines = []
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None or not event.step_key:
            continue
        label = step_label(event.step_key, check_steps)
        if event.event_type == dg.DagsterEventType.STEP_START:
            started[event.step_key] = entry.timestamp
        elif event.event_type == dg.DagsterEventType.STEP_SKIPPED:
            lines.append(f"  {'skip':<6} {label:<48}   (nothing upstream changed)")
        elif event.event_type in (dg.DagsterEventType.STEP_SUCCESS, dg.DagsterEventType.STEP_FAILURE):
            seconds = entry.timestamp - started.get(event.step_key, entry.timestamp)
            word = "done" if event.event_type == dg.DagsterEventType.STEP_SUCCESS else "FAILED"
            lines.append(f"  {word:<6} {label:<48} {seconds:6.1f} s")
    return lines


def file_events(result: dg.ExecuteInProcessResult) -> dict[str, int] | None:
    """This run's files by lifecycle event, from the raw layer's materialisation metadata."""
    for event in result.get_asset_materialization_events():
        if event.asset_key == dg.AssetKey(["raw", "files"]):
            return file_events_of(event.materialization.metadata)
    return None


def _write_log(instance: dg.DagsterInstance, run_id: str, path: Path) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n# Dagster events of the run\n")
        for entry in instance.all_logs(run_id):
            stamp = time.strftime("%H:%M:%S", time.localtime(entry.timestamp))
            event = entry.dagster_event
            message = event.message if event and event.message else entry.user_message
            fh.write(f"{stamp} {logging.getLevelName(entry.level):<7} {entry.step_key or '':<30} {message}\n")


def run_build_warehouse() -> int:
    instance = dg.DagsterInstance.get()
    for run_id in fail_abandoned_runs(instance):
        print(f"marked killed run {run_id} failed")
    job = defs().resolve_job_def("build_warehouse")
    print("Building the warehouse (parse the inbox, dbt build, docs, snapshot)…", flush=True)
    log = Path(os.environ.get("DAGSTER_HOME", ".")) / LOG_NAME
    # dagster-dbt echoes every dbt log line to stdout: into the log file with the rest.
    with log.open("w", encoding="utf-8") as fh, redirect_stdout(fh), redirect_stderr(fh):
        result = job.execute_in_process(
            instance=instance, raise_on_error=False, tags=code_location_tags(),
            run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
        )
    _write_log(instance, result.run_id, log)
    print("\n".join(_step_lines(instance, result.run_id, check_step_labels(job))))
    print(f"  full log: {log}   run id: {result.run_id}")
    if not result.success:
        for message in failure_messages(result.all_events, warehouse_path(), log):
            print(f"\n{message}", file=sys.stderr)
        return 1
    print_summary(file_events(result), failed_checks=failed_check_lines(result.all_events))
    return 0
