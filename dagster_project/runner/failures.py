"""What `make run` prints when a run fails: the cause, in one readable paragraph per failure.

Dagster's own step failure says `Error occurred while executing op "raw_tables":` and keeps
the cause in its chain. The user needs the cause: a warehouse held by another run, a damaged
file, a full disk, a wrong inbox (a failed blocking check says why), or, for anything unknown,
its last line and where the full log is.
"""
from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster._utils.error import SerializableErrorInfo

from ingestion.warehouse.faults import classify

# Exceptions written for users: their message is the whole story.
USER_FACING = {"WarehouseLockedError", "WarehouseCorruptError", "DiskFullError", "InboxUnavailableError",
               "RemovalNotConfirmedError"}
# Failures that are only the consequence of a failed blocking check, which says more.
CHECK_FAILED = "DagsterAssetCheckFailedError"


def root_cause(error: SerializableErrorInfo) -> SerializableErrorInfo:
    while error.cause is not None:
        error = error.cause
    return error


def _message_of(error: SerializableErrorInfo) -> str:
    """The exception's own message, without the `module.Class: ` that format_exception_only adds."""
    text = error.message.strip()
    prefix = f"{error.cls_name}: "
    head = text.split(": ", 1)
    if text.startswith(prefix):
        return text[len(prefix):].strip()
    if len(head) == 2 and head[0].rsplit(".", 1)[-1] == error.cls_name:
        return head[1].strip()
    return text


def step_failure_message(step_key: str, error: SerializableErrorInfo | None, warehouse: Path, log: Path) -> str | None:
    """One paragraph for a failed step, or None when a failed check already says it."""
    if error is None:
        return f"{step_key} failed; see the full log: {log}"
    cause = root_cause(error)
    if cause.cls_name == CHECK_FAILED:
        return None
    message = _message_of(cause)
    if cause.cls_name in USER_FACING:
        return message
    fault = classify(Exception(message), warehouse)
    if fault is not None:
        return str(fault)
    last = next((line.strip() for line in reversed(message.splitlines()) if line.strip()), cause.cls_name)
    return f"{step_key} failed: {cause.cls_name}: {last} (the full log: {log})"


def failure_messages(events: list[dg.DagsterEvent], warehouse: Path, log: Path) -> list[str]:
    """The paragraphs to print for a failed run, failed blocking checks first, each once."""
    messages: list[str] = []
    for event in events:
        if event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.asset_check_evaluation_data
            if not evaluation.passed and evaluation.blocking and evaluation.severity == dg.AssetCheckSeverity.ERROR:
                messages.append(evaluation.description or f"the blocking check {evaluation.check_name} failed")
    for event in events:
        if event.event_type == dg.DagsterEventType.STEP_FAILURE:
            data = event.step_failure_data
            message = step_failure_message(event.step_key or "", data.error if data else None, warehouse, log)
            if message:
                messages.append(message)
    return list(dict.fromkeys(messages))


def failed_check_lines(events: list[dg.DagsterEvent]) -> list[str]:
    """The raw-layer checks that failed in a run that went on (WARN, or ERROR but not blocking):
    one line each, with what they counted and the first paths. dbt's warnings are explained by the
    summary from dbt's own results."""
    lines = []
    for event in events:
        if event.event_type != dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            continue
        evaluation = event.asset_check_evaluation_data
        if evaluation.passed or evaluation.blocking or evaluation.asset_key.path[0] != "raw":
            continue
        metadata = {key: value.value for key, value in evaluation.metadata.items()}
        counted = ", ".join(f"{key} {value}" for key, value in metadata.items() if isinstance(value, (int, float)))
        paths = metadata.get("paths") or metadata.get("first_quarantined") or []
        shown = f": {', '.join(map(str, paths[:5]))}{' …' if len(paths) > 5 else ''}" if paths else ""
        lines.append(f"check {evaluation.asset_key.to_user_string()} {evaluation.check_name} failed "
                     f"({evaluation.severity.value}; {counted}){shown}")
    return lines
