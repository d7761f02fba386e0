"""Raw layer: the inbox parsed into the raw schema of the warehouse."""

import os
from datetime import datetime

import dagster as dg
from pydantic import Field

from dagster_project.defs.resources import ParseCacheFolder, ReportInbox, Warehouse
from dagster_project.defs.runs.recovery import claim_run
from dagster_project.file_events import file_event_metadata
from ingestion.intake.guards import (
    MAX_REMOVED_SHARE,
    InboxUnavailableError,
    RemovalNotConfirmedError,
    RemovalPolicy,
)
from ingestion.intake.ingest import ingest_inbox
from ingestion.intake.parse_cache import ParseCache
from ingestion.intake.pool import ParseLimits
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
# Blocking: when one fails the ingest has written nothing, and dbt, docs, snapshot and site do not run.
INBOX_CHECK = dg.AssetCheckSpec(
    "inbox_is_a_folder", asset=["raw", "files"], blocking=True,
    description="The inbox (REPORTS_INBOX) exists and is a folder. A missing folder (an unmounted share, a "
                "typo) would look like an inbox whose files were all deleted; the run stops before it changes "
                "anything.")
REMOVAL_CHECK = dg.AssetCheckSpec(
    "no_unconfirmed_removal", asset=["raw", "reports"], blocking=True,
    description=f"The run removes at most {MAX_REMOVED_SHARE:.0%} of the warehouse's reports, and never all of "
                "them, unless it is told to (run config confirm_removal, or CONFIRM_REMOVAL=1). Otherwise it "
                "stops before it changes anything: the warehouse, snapshot and site stay as they were.")


class IngestConfig(dg.Config):
    confirm_removal: bool = Field(
        default=False, description="Let this run remove more than max_removed_share of the warehouse's reports, or "
                                   "all of them (the inbox emptied on purpose). Also: CONFIRM_REMOVAL=1.")
    max_removed_share: float | None = Field(
        default=None, description=f"The share of the warehouse's reports a run may remove unasked; empty: "
                                  f"$MAX_REMOVED_SHARE, else {MAX_REMOVED_SHARE}.")
    parse_workers: int = Field(
        default=0, description="Processes that parse in parallel (one writer loads their rows); 0: one per core. "
                               "On two cores they make a 10,000-report ingest 1.6× as fast.")
    parse_seconds_per_file: float = Field(
        default=ParseLimits.seconds_per_file,
        description="A file whose parse takes longer is stopped and quarantined (time_limit); the rest load.")
    parse_memory_mb: int = Field(
        default=ParseLimits.memory_mb,
        description="A file whose parse needs more memory (resident, per worker) is stopped and quarantined "
                    "(memory_limit); the rest load.")


def _preview(conn, table: str) -> dg.MetadataValue:
    frame = conn.execute(f"select {PREVIEW_COLUMNS[table]} from raw.{table} limit 5").fetchdf()
    for column in frame.columns:
        frame[column] = frame[column].astype(str).str.slice(0, 40)
    return dg.MetadataValue.md(frame.to_markdown(index=False) if len(frame) else "_no rows_")


def _held_back(error: InboxUnavailableError | RemovalNotConfirmedError) -> list[dg.AssetCheckResult]:
    """The blocking checks that say why nothing was written. A missing folder fails both: read
    as an inbox, it would remove every report."""
    metadata = {"inbox": dg.MetadataValue.path(str(error.folder))}
    if isinstance(error, InboxUnavailableError):
        return [dg.AssetCheckResult(check_name=spec.name, asset_key=spec.asset_key, passed=False,
                                    description=str(error), metadata={**metadata, "problem": error.problem})
                for spec in (INBOX_CHECK, REMOVAL_CHECK)]
    return [dg.AssetCheckResult(check_name=INBOX_CHECK.name, asset_key=INBOX_CHECK.asset_key, passed=True,
                                metadata=metadata),
            dg.AssetCheckResult(check_name=REMOVAL_CHECK.name, asset_key=REMOVAL_CHECK.asset_key, passed=False,
                                description=str(error),
                                metadata={**metadata, "reports": error.reports, "reports_leaving": error.leaving,
                                          "max_removed_share": error.policy.max_removed_share})]


@dg.multi_asset(
    specs=[dg.AssetSpec(["raw", name], description=table.description, group_name="raw", kinds={"python", "duckdb"},
                        skippable=True)
           for name, table in RAW_TABLES.items()],
    check_specs=[INBOX_CHECK, REMOVAL_CHECK],
    can_subset=False,
)
def raw_tables(context: dg.AssetExecutionContext, config: IngestConfig, warehouse: Warehouse,
               inbox: ReportInbox, parse_cache: ParseCacheFolder):
    """Parse every new or changed report file of the inbox, drop removed ones, quarantine the
    ones that fail (see the file lifecycle in the README). A missing inbox, or one that would
    remove too many reports unasked, writes nothing and fails its blocking check."""
    claim_run(context)
    policy = RemovalPolicy.from_settings(config.confirm_removal, config.max_removed_share)
    with warehouse.get_connection() as conn, ParseCache(parse_cache.path) as cache:
        try:
            # Parses that parse_partitions runs left in the cache are loaded, not parsed again.
            summary = ingest_inbox(conn, inbox.path, datetime.now(), cache=cache, removal=policy,
                                   workers=config.parse_workers or os.cpu_count() or 1,
                                   limits=ParseLimits(config.parse_seconds_per_file, config.parse_memory_mb))
        except (InboxUnavailableError, RemovalNotConfirmedError) as error:
            context.log.error(str(error))
            yield from _held_back(error)
            return
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
                    **file_event_metadata(summary),
                    "parser_version": parser_version(),
                    "inbox": dg.MetadataValue.path(str(inbox.path)),
                },
            )
        yield dg.AssetCheckResult(check_name=INBOX_CHECK.name, asset_key=INBOX_CHECK.asset_key, passed=True)
        yield dg.AssetCheckResult(check_name=REMOVAL_CHECK.name, asset_key=REMOVAL_CHECK.asset_key, passed=True,
                                  metadata={"reports_removed": summary.removed_reports})
