"""Rebuild the warehouse when the inbox changes."""

import hashlib
import os

from dagster import DefaultSensorStatus, RunRequest, SensorEvaluationContext, SkipReason, sensor

from dagster_project.jobs import build_warehouse
from dagster_project.settings import inbox_path
from ingestion.inbox import list_inbox


def inbox_fingerprint() -> str:
    """Names, sizes and modification times: cheap to compute for tens of thousands of files."""
    digest = hashlib.sha256()
    for path in list_inbox(inbox_path()):
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@sensor(job=build_warehouse, minimum_interval_seconds=60, default_status=DefaultSensorStatus.STOPPED)
def inbox_sensor(context: SensorEvaluationContext):
    """Starts `build_warehouse` when files are added to, changed in or removed from REPORTS_INBOX."""
    if not os.path.isdir(inbox_path()):
        return SkipReason(f"inbox {inbox_path()} does not exist")
    fingerprint = inbox_fingerprint()
    if fingerprint == context.cursor:
        return SkipReason("inbox unchanged")
    context.update_cursor(fingerprint)
    return RunRequest(run_key=fingerprint)
