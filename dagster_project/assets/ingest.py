"""Raw layer: the inbox parsed into the raw schema of the warehouse."""

from datetime import datetime
from pathlib import Path

from dagster import AssetExecutionContext, AssetSpec, Config, MaterializeResult, MetadataValue, multi_asset
from dagster_duckdb import DuckDBResource

from ingestion.inbox import ingest_inbox, parser_version
from ingestion.records import RAW_COLUMNS
from dagster_project.resources import ReportInbox

RAW_DESCRIPTIONS = {
    "files": "Every file seen in the inbox, its SHA-256 and status (parsed / quarantined).",
    "reports": "One row per parsed report: clean text and metadata.",
    "sections": "Heading tree of each report: level, marker, title, path, parent, body.",
    "sentences": "Sentences of each report with offsets and section.",
    "tokens": "jieba words of each report with section, sentence and position.",
    "indicator_mentions": "Indicator mentions: metric, value, unit, kind, qualifier, exact span, section.",
    "indicator_links": "Stated total, part and rate that must agree.",
    "quarantine": "Files that could not become a report, with the reason.",
}
PREVIEW_COLUMNS = {
    "files": "file_name, status, encoding, size_bytes",
    "reports": "organization, report_year, admin_level, char_count",
    "sections": "path, title, part",
    "sentences": "sentence_id, text",
    "tokens": "position, term",
    "indicator_mentions": "section_path, metric, text, kind",
    "indicator_links": "total_mention_id, part_mention_id, rate_mention_id",
    "quarantine": "file_name, reason, message",
}


class IngestConfig(Config):
    parse_workers: int = 1  # processes that parse in parallel; one writer loads their rows


def _preview(conn, table: str) -> MetadataValue:
    frame = conn.execute(f"select {PREVIEW_COLUMNS[table]} from raw.{table} limit 5").fetchdf()
    for column in frame.columns:
        frame[column] = frame[column].astype(str).str.slice(0, 40)
    return MetadataValue.md(frame.to_markdown(index=False) if len(frame) else "_no rows_")


@multi_asset(
    specs=[AssetSpec(["raw", table], description=RAW_DESCRIPTIONS[table], group_name="raw",
                     kinds={"python", "duckdb"})
           for table in RAW_COLUMNS],
    can_subset=False,
)
def raw_tables(context: AssetExecutionContext, config: IngestConfig, duckdb: DuckDBResource,
               inbox: ReportInbox):
    """Parse every new or changed report file of the inbox; quarantine the ones that fail."""
    with duckdb.get_connection() as conn:
        summary = ingest_inbox(conn, Path(inbox.folder), datetime.now(), workers=config.parse_workers)
        for name, reason, message in summary.quarantined:
            context.log.warning(f"quarantined {name}: {reason}: {message}")
        context.log.info(f"{summary.seen} files: {summary.parsed} parsed, {summary.unchanged} unchanged,"
                         f" {len(summary.quarantined)} quarantined")
        for table in RAW_COLUMNS:
            count = conn.execute(f"select count(*) from raw.{table}").fetchone()[0]
            yield MaterializeResult(
                asset_key=["raw", table],
                metadata={
                    "dagster/row_count": count,
                    "preview": _preview(conn, table),
                    "files_seen": summary.seen,
                    "files_parsed_this_run": summary.parsed,
                    "files_quarantined_this_run": len(summary.quarantined),
                    "parser_version": parser_version(),
                    "inbox": MetadataValue.path(inbox.folder),
                },
            )
