from __future__ import annotations

import dagster as dg

build_warehouse = dg.define_asset_job(
    "build_warehouse",
    # Every asset: the lineage's *Materialize all* launches the same selection (the partitioned
    # parse is a job of ops, parse_partitions, outside the lineage).
    selection=dg.AssetSelection.all(),
    description="Parse new or changed reports and drop removed ones, dbt build (models and their tests), "
                "regenerate the dbt docs, publish the read-only snapshot and the report site. What `make run` "
                "runs. Launchpad config `ops: warehouse_dbt_models: config: force: true` rebuilds everything "
                "after dbt even when nothing changed.",
)

nightly_build = dg.ScheduleDefinition(
    job=build_warehouse, cron_schedule="0 3 * * *", name="nightly_build",
    description="Runs build_warehouse every night at 03:00, for inboxes filled by other tools. Off until "
                "you switch it on.",
)
