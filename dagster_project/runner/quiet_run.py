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
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import dagster as dg

from dagster_project.definitions import defs
from dagster_project.defs.runs.location import code_location_tags
from dagster_project.defs.runs.recovery import fail_abandoned_runs
from dagster_project.runner.summary import print_summary

LOG_NAME = "last_run.log"


def _step_lines(instance: dg.DagsterInstance, run_id: str) -> list[str]:
    started: dict[str, float] = {}
    lines = []
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None or not event.step_key:
            continue
        if event.event_type == dg.DagsterEventType.STEP_START:
            started[event.step_key] = entry.timestamp
        elif event.event_type == dg.DagsterEventType.STEP_SKIPPED:
            lines.append(f"  {'skip':<6} {event.step_key:<40}   (nothing upstream changed)")
        elif event.event_type in (dg.DagsterEventType.STEP_SUCCESS, dg.DagsterEventType.STEP_FAILURE):
            seconds = entry.timestamp - started.get(event.step_key, entry.timestamp)
            word = "done" if event.event_type == dg.DagsterEventType.STEP_SUCCESS else "FAILED"
            lines.append(f"  {word:<6} {event.step_key:<40} {seconds:6.1f} s")
    return lines


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
    print("\n".join(_step_lines(instance, result.run_id)))
    print(f"  full log: {log}   run id: {result.run_id}")
    if not result.success:
        for event in result.all_events:
            if event.event_type == dg.DagsterEventType.STEP_FAILURE and event.step_failure_data:
                error = event.step_failure_data.error
                print(f"\n{event.step_key} failed: {error.message.strip() if error else ''}", file=sys.stderr)
        return 1
    print_summary()
    return 0
