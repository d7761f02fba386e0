"""`make run`: build the warehouse through Dagster, quietly, unless there is nothing to do.

When the inbox listing, the parser, the dbt project and the site code are those of the last
published build and its outputs are in place (dagster_project/up_to_date.py), it says so and
stops before importing Dagster: a second instead of a Dagster run. Otherwise it runs the
build_warehouse job in this process (dagster_project/quiet_run.py).
"""
from __future__ import annotations

import sys

from dagster_project.paths import inbox_path, report_site_path, warehouse_path
from dagster_project.runner.summary import print_summary
from dagster_project.runner.up_to_date import nothing_to_do


def main() -> int:
    if nothing_to_do(warehouse_path(), inbox_path(), report_site_path()):
        print("Nothing changed since the last build (inbox, parser, dbt project and site code as they were):"
              " the warehouse is current.")
        print_summary()
        return 0
    # Only now: Dagster's imports and the dbt manifest take seconds.
    from dagster_project.runner.quiet_run import run_build_warehouse

    return run_build_warehouse()


if __name__ == "__main__":
    sys.exit(main())
