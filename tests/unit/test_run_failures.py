"""What `make run` prints for a failed step: the cause, not Dagster's wrapper."""
from __future__ import annotations

from pathlib import Path

import pytest
from dagster._utils.error import SerializableErrorInfo

from dagster_project.runner.failures import step_failure_message
from ingestion.warehouse.faults import (
    DiskFullError,
    WarehouseCorruptError,
    WarehouseLockedError,
    classify,
    faults_named,
)

WAREHOUSE = Path("/data/warehouse.duckdb")
LOG = Path("/home/.dagster/last_run.log")


def _wrapped(cls_name: str, message: str) -> SerializableErrorInfo:
    """As Dagster reports a user error: its step error, caused by the exception."""
    cause = SerializableErrorInfo(f"{cls_name}: {message}\n", [], cls_name)
    return SerializableErrorInfo('dagster._core.errors.DagsterExecutionStepExecutionError: Error occurred while'
                                 ' executing op "raw_tables":\n', [], "DagsterExecutionStepExecutionError", cause)


def test_a_message_written_for_users_is_printed_whole():
    message = "The warehouse /data/warehouse.duckdb is held by another process (PID 7). Close that session."
    assert step_failure_message("raw_tables", _wrapped("WarehouseLockedError", message), WAREHOUSE, LOG) == message


@pytest.mark.parametrize(("text", "expected"), [
    ('IO Error: Could not set lock on file "/data/warehouse.duckdb": Conflicting lock is held in python (PID 9)',
     "is held by another process (PID 9)"),
    ("IO Error: Could not write file \"/data/warehouse.duckdb.wal\": No space left on device", "The disk is full"),
    ("Corrupt database file: computed checksum 1 does not match stored checksum 2", "is damaged"),
])
def test_duckdb_and_dbt_wording_becomes_the_fault_and_its_way_out(text, expected):
    message = step_failure_message("warehouse_dbt_models", _wrapped("DagsterDbtCliRuntimeError", text), WAREHOUSE, LOG)
    assert expected in message and str(WAREHOUSE) in message


def test_an_unknown_error_gives_its_last_line_and_the_log():
    error = _wrapped("KeyError", "Traceback (most recent call last):\n  File x\nKeyError: 'organization'")
    message = step_failure_message("publish__report_site", error, WAREHOUSE, LOG)
    assert message == f"publish__report_site failed: KeyError: KeyError: 'organization' (the full log: {LOG})"


def test_a_failed_blocking_check_is_left_to_the_check_to_say():
    error = _wrapped("DagsterAssetCheckFailedError", "1 blocking asset check failed with ERROR severity")
    assert step_failure_message("raw_tables", error, WAREHOUSE, LOG) is None


def test_faults_are_classified_once_and_other_errors_pass_through():
    assert isinstance(classify(OSError(28, "No space left on device"), WAREHOUSE), DiskFullError)
    assert isinstance(classify(Exception("not a valid DuckDB database file!"), WAREHOUSE), WarehouseCorruptError)
    assert isinstance(classify(Exception("Could not set lock on file"), WAREHOUSE), WarehouseLockedError)
    assert classify(ValueError("bad value"), WAREHOUSE) is None
    with pytest.raises(WarehouseLockedError), faults_named(WAREHOUSE):
        raise RuntimeError("IO Error: Could not set lock on file \"x\": Conflicting lock is held")
    with pytest.raises(ValueError), faults_named(WAREHOUSE):
        raise ValueError("a bug stays a bug")
