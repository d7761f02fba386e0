"""Runs whose process was killed are marked failed instead of staying STARTED for ever.

The default run launcher cannot tell Dagster's run monitoring that a run worker died, and
a run executed from the command line has no launcher at all. So each run records its
process id when its first step starts; a run still STARTED whose process is gone from
this machine was killed. `make run` and the `abandoned_runs_sensor` mark such runs failed,
which also frees the one-run-at-a-time queue they held.
"""

import os
import socket
from collections.abc import Callable, Mapping

import dagster as dg

PID_TAG = "warehouse/pid"
HOST_TAG = "warehouse/host"
UNFINISHED = [dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]


def claim_run(context: dg.AssetExecutionContext) -> None:
    """Record which process executes this run (every step calls it; the tags stay the same)."""
    tags = {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}
    if any(context.run.tags.get(k) != v for k, v in tags.items()):
        context.instance.add_run_tags(context.run.run_id, tags)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, someone else's
    return True


def is_abandoned(tags: Mapping[str, str], host: str, alive: Callable[[int], bool] = pid_alive) -> bool:
    """Only runs of this machine with a recorded, dead process: anything else may still be working."""
    pid = tags.get(PID_TAG, "")
    return tags.get(HOST_TAG) == host and pid.isdigit() and not alive(int(pid))


def fail_abandoned_runs(instance: dg.DagsterInstance) -> list[str]:
    host = socket.gethostname()
    failed = []
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=UNFINISHED)):
        if is_abandoned(run.tags, host):
            instance.report_run_failed(run, message=f"the run's process ({run.tags[PID_TAG]}) is gone: it was"
                                                    " killed; the next run completes its work")
            failed.append(run.run_id)
    return failed


@dg.sensor(minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Marks runs whose process was killed as failed (they would stay STARTED and hold "
                       "the run queue). Needs nothing from you; on by default.")
def abandoned_runs_sensor(context: dg.SensorEvaluationContext) -> dg.SkipReason:
    failed = fail_abandoned_runs(context.instance)
    return dg.SkipReason(f"marked {len(failed)} killed run(s) failed: {', '.join(failed)}" if failed
                         else "no killed runs")
