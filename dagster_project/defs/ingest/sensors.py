"""Rebuild the warehouse when the inbox changes."""

import dagster as dg

from dagster_project.defs.resources import ReportInbox
from ingestion.intake.inventory import inbox_fingerprint


@dg.sensor(job_name="build_warehouse", minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED,
           description="Starts build_warehouse when files in the inbox (REPORTS_INBOX) are added, changed, "
                       "renamed or removed. Checks once a minute; off until you switch it on.")
def inbox_sensor(context: dg.SensorEvaluationContext, inbox: ReportInbox):
    folder = inbox.path
    if not folder.is_dir():
        return dg.SkipReason(f"inbox {folder} does not exist")
    fingerprint = inbox_fingerprint(folder)
    if fingerprint == context.cursor:
        return dg.SkipReason("inbox unchanged")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint)
