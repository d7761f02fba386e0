"""Keeping the warehouse's disk in bounds: old published builds pruned, the file compacted.

A job of its own, on a weekly schedule (off until switched on), as the UI user would run
maintenance; `make run` already prunes the builds it publishes past the kept ones.
"""

import dagster as dg
from pydantic import Field

from dagster_project.defs.resources import BuildsKept, Warehouse
from ingestion.warehouse import builds
from ingestion.warehouse.compaction import MIN_FREE_SHARE, compact
from ingestion.warehouse.run_lock import run_lock


class MaintenanceConfig(dg.Config):
    min_free_share: float = Field(default=MIN_FREE_SHARE,
                                  description="Compact the warehouse file when at least this share of it is free.")
    replaced_days: float = Field(default=7.0, description="Delete the warehouse files `make restore` set aside "
                                                          "(warehouse.duckdb.replaced-<time>) after this many days.")


@dg.op(description="Delete the published builds past the kept ones (the published one always stays) and old "
                   "files restore set aside, and compact the warehouse file when enough of it is free. Holds the "
                   "run lock: no run writes meanwhile.")
def maintain(context: dg.OpExecutionContext, config: MaintenanceConfig, warehouse: Warehouse,
             builds_kept: BuildsKept) -> None:
    with run_lock(warehouse.path):
        pruned = builds.prune(warehouse.path, builds_kept.keep_last, builds_kept.keep_days)
        set_aside = builds.prune_replaced(warehouse.path, config.replaced_days)
        done = compact(warehouse.path, config.min_free_share) if warehouse.path.exists() else None
    context.log.info(f"pruned {len(pruned)} build(s): {', '.join(b.build_id for b in pruned) or 'none'}; "
                     f"deleted {len(set_aside)} file(s) restore had set aside")
    if done is not None:
        context.log.info(f"warehouse {done.free_share:.0%} free: {done.size_before} → {done.size_after} bytes")


@dg.job(description="Prune old published builds and compact the warehouse file.")
def maintain_warehouse():
    maintain()


weekly_maintenance = dg.ScheduleDefinition(
    job=maintain_warehouse, cron_schedule="0 4 * * 0", name="weekly_maintenance",
    description="Runs maintain_warehouse on Sundays at 04:00. Off until you switch it on.")
