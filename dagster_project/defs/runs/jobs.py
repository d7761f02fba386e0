from __future__ import annotations

import dagster as dg

build_warehouse = dg.define_asset_job(
    "build_warehouse",
    # Not the partitioned parse cache: it would make this job partitioned; parse_partitions fills it.
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups("parse_cache"),
    description="Parse new or changed reports and drop removed ones, dbt build (models and their tests), "
                "regenerate the dbt docs, publish the read-only snapshot. What `make run` runs.",
)

nightly_build = dg.ScheduleDefinition(
    job=build_warehouse, cron_schedule="0 3 * * *", name="nightly_build",
    description="Runs build_warehouse every night at 03:00, for inboxes filled by other tools. Off until "
                "you switch it on.",
)
