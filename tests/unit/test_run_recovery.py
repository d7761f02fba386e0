"""Killed runs are marked failed; runs that may still be working are left alone."""
from __future__ import annotations

import os
import socket
import subprocess
import sys

import dagster as dg
import pytest
from dagster._core.test_utils import create_run_for_test

from dagster_project.defs.runs.recovery import (
    HOST_TAG,
    PID_TAG,
    fail_abandoned_runs,
    is_abandoned,
    pid_alive,
)

HOST = socket.gethostname()


@pytest.fixture(scope="module")
def dead_pid() -> int:
    """The pid of a process that has exited and been reaped."""
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True)
    pid = int(finished.stdout)
    assert not pid_alive(pid)
    return pid


def test_pid_alive_tells_a_running_process_from_a_finished_one(dead_pid):
    assert pid_alive(os.getpid())
    assert not pid_alive(dead_pid)
    assert pid_alive(1)  # someone else's process (PermissionError) or ours as root: alive either way


@pytest.mark.parametrize(("tags", "abandoned"), [
    ({PID_TAG: "4242", HOST_TAG: HOST}, True),  # this machine, process gone
    ({PID_TAG: "4243", HOST_TAG: HOST}, False),  # this machine, process alive
    ({PID_TAG: "4242", HOST_TAG: "another-host"}, False),  # cannot see another machine's processes
    ({PID_TAG: "4242"}, False),  # no host recorded
    ({HOST_TAG: HOST}, False),  # no pid recorded: the first step has not started yet
    ({PID_TAG: "", HOST_TAG: HOST}, False),
    ({PID_TAG: "-1", HOST_TAG: HOST}, False),  # not a pid
    ({PID_TAG: "abc", HOST_TAG: HOST}, False),
    ({}, False),
])
def test_is_abandoned(tags, abandoned):
    alive = {4242: False, 4243: True}
    assert is_abandoned(tags, HOST, alive.__getitem__) is abandoned


def _run(instance, status, pid) -> str:
    return create_run_for_test(instance, status=status, tags={PID_TAG: str(pid), HOST_TAG: HOST}).run_id


def test_fail_abandoned_runs_fails_only_unfinished_runs_whose_process_is_gone(dead_pid):
    instance = dg.DagsterInstance.ephemeral()
    killed = _run(instance, dg.DagsterRunStatus.STARTED, dead_pid)
    working = _run(instance, dg.DagsterRunStatus.STARTED, os.getpid())
    finished = _run(instance, dg.DagsterRunStatus.SUCCESS, dead_pid)
    elsewhere = create_run_for_test(instance, status=dg.DagsterRunStatus.STARTED,
                                    tags={PID_TAG: str(dead_pid), HOST_TAG: "another-host"}).run_id
    untagged = create_run_for_test(instance, status=dg.DagsterRunStatus.STARTED).run_id

    assert fail_abandoned_runs(instance) == [killed]

    status = {run_id: instance.get_run_by_id(run_id).status
              for run_id in (killed, working, finished, elsewhere, untagged)}
    assert status == {killed: dg.DagsterRunStatus.FAILURE, working: dg.DagsterRunStatus.STARTED,
                      finished: dg.DagsterRunStatus.SUCCESS, elsewhere: dg.DagsterRunStatus.STARTED,
                      untagged: dg.DagsterRunStatus.STARTED}
    failure = [e for e in instance.all_logs(killed) if e.dagster_event and e.dagster_event.event_type
               == dg.DagsterEventType.RUN_FAILURE]
    assert len(failure) == 1 and str(dead_pid) in failure[0].dagster_event.message
    # Once failed it is finished: a second pass changes nothing.
    assert fail_abandoned_runs(instance) == []


def test_a_starting_or_canceling_run_whose_process_is_gone_is_failed_too(dead_pid):
    instance = dg.DagsterInstance.ephemeral()
    starting = _run(instance, dg.DagsterRunStatus.STARTING, dead_pid)
    canceling = _run(instance, dg.DagsterRunStatus.CANCELING, dead_pid)
    not_started = _run(instance, dg.DagsterRunStatus.NOT_STARTED, dead_pid)
    assert sorted(fail_abandoned_runs(instance)) == sorted([starting, canceling])
    assert instance.get_run_by_id(not_started).status == dg.DagsterRunStatus.NOT_STARTED
