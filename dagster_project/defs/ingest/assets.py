"""Raw layer: the inbox parsed into the raw schema of the warehouse."""

import os
from datetime import datetime

import dagster as dg
from pydantic import Field

from dagster_project.defs.resources import ParseCacheFolder, ReportInbox, Warehouse
from dagster_project.defs.runs.recovery import claim_run
from ingestion.intake.ingest import IngestSummary, ingest_inbox
from ingestion.intake.parse_cache import ParseCache
from ingestion.rows.schema import RAW_TABLES
from ingestion.version import parser_version
from ingestion.warehouse.store import table_counts

PREVIEW_COLUMNS = {
    "files": "source_path, status, encoding, size_bytes",
    "reports": "organization, report_year, admin_level, char_count",
    "sections": "path, title, part",
    "sentences": "sentence_id, text",
    "tokens": "position, term",
    "indicator_mentions": "section_path, metric, text, kind",
    "indicator_links": "total_mention_id, part_mention_id, rate_mention_id",
    "quarantine": "source_path, reason, message",
}
FILE_EVENTS = ("new", "changed", "unchanged", "moved", "alias", "removed", "quarantined")


class IngestConfig(dg.Config):
    parse_workers: int = Field(
        default=0, description="Processes that parse in parallel (one writer loads their rows); 0: one per core. "
                               "On two cores they make a 10,000-report ingest 1.6× as fast; fewer than 300 "
                               "files to parse are parsed in the run's own process.")


def _preview(conn, table: str) -> dg.MetadataValue:
    frame = conn.execute(f"select {PREVIEW_COLUMNS[table]} from raw.{table} limit 5").fetchdf()
    for column in frame.columns:
        frame[column] = frame[column].astype(str).str.slice(0, 40)
    return dg.MetadataValue.md(frame.to_markdown(index=False) if len(frame) else "_no rows_")


def run_metadata(summary: IngestSummary) -> dict[str, int]:
    return {f"files_{event}": summary.events.get(event, 0) for event in FILE_EVENTS} | {
        "files_parsed": summary.parsed, "reports_removed": summary.removed_reports}


@dg.multi_asset(
    specs=[dg.AssetSpec(["raw", name], description=table.description, group_name="raw", kinds={"python", "duckdb"})
           for name, table in RAW_TABLES.items()],
    can_subset=False,
)
def raw_tables(context: dg.AssetExecutionContext, config: IngestConfig, warehouse: Warehouse,
               inbox: ReportInbox, parse_cache: ParseCacheFolder):
    """Parse every new or changed report file of the inbox, drop removed ones, quarantine the
    ones that fail (see the file lifecycle in the README)."""
    claim_run(context)
    with warehouse.get_connection() as conn, ParseCache(parse_cache.path) as cache:
        # Parses that parse_partitions runs left in the cache are loaded, not parsed again.
        summary = ingest_inbox(conn, inbox.path, datetime.now(), workers=config.parse_workers or os.cpu_count() or 1,
                               cache=cache)
        if summary.schema_message:
            context.log.warning(summary.schema_message)
        for refusal in summary.quarantined:
            context.log.warning(f"quarantined {refusal.path}: {refusal.reason}: {refusal.message}")
        context.log.info(", ".join(f"{n} {event}" for event, n in sorted(summary.events.items())))
        counts = table_counts(conn)
        for name in RAW_TABLES:
            yield dg.MaterializeResult(
                asset_key=["raw", name],
                metadata={
                    "dagster/row_count": counts[name],
                    "preview": _preview(conn, name),
                    **run_metadata(summary),
                    "parser_version": parser_version(),
                    "inbox": dg.MetadataValue.path(str(inbox.path)),
                },
            )
