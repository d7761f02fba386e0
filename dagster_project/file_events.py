"""What happened to the inbox's files in a run, as the raw layer's materialisation metadata
carries it (`files_new`, `files_changed`, …): written by the ingest asset, read back by the
snapshot step (to list the build) and by `make run`'s summary. No Dagster import."""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the no-op path of `make run` imports this module and must not load the parser
    from ingestion.intake.ingest import IngestSummary

FILE_EVENTS = ("new", "changed", "unchanged", "moved", "alias", "removed", "quarantined")


def file_event_metadata(summary: IngestSummary) -> dict[str, int]:
    return {f"files_{event}": summary.events.get(event, 0) for event in FILE_EVENTS} | {
        "files_parsed": summary.parsed, "reports_removed": summary.removed_reports}


def file_events_of(metadata: Mapping[str, Any]) -> dict[str, int]:
    """event → files, from materialisation metadata (values or MetadataValues)."""
    values = {key: getattr(value, "value", value) for key, value in metadata.items()}
    return {event: int(values[f"files_{event}"]) for event in FILE_EVENTS if f"files_{event}" in values}
