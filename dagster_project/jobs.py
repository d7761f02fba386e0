from dagster import AssetSelection, ScheduleDefinition, define_asset_job

# Every asset: parse the inbox, build and test the dbt models, publish docs and snapshot.
build_warehouse = define_asset_job(
    "build_warehouse",
    selection=AssetSelection.all(),
    description="Parse new or changed reports, dbt build (models + tests), regenerate docs, publish the snapshot.",
)

nightly_build = ScheduleDefinition(job=build_warehouse, cron_schedule="0 3 * * *", name="nightly_build")
