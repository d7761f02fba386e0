"""`make run`: build the warehouse through Dagster, quietly, unless there is nothing to do.
`make restore`: put the last published build back in place of the warehouse.

Before anything starts it takes the run lock and checks the inbox and the warehouse file
(dagster_project/runner/preflight.py). When the inbox listing, the parser, the dbt project and
the site code are those of the last published build and its outputs are in place
(dagster_project/runner/up_to_date.py), it says so and stops before importing Dagster: a second
instead of a Dagster run. Otherwise it runs the build_warehouse job in this process
(dagster_project/runner/quiet_run.py).
"""
from __future__ import annotations

import sys

from dagster_project.paths import inbox_path, report_site_path, warehouse_path
from dagster_project.runner.preflight import preflight, run_lock
from dagster_project.runner.restore import restore_published
from dagster_project.runner.summary import print_summary
from dagster_project.runner.up_to_date import nothing_to_do
from ingestion.intake.guards import InboxUnavailableError
from ingestion.warehouse.faults import WarehouseFault


def build() -> int:
    warehouse = warehouse_path()
    with run_lock(warehouse):
        preflight(warehouse, inbox_path())
        if nothing_to_do(warehouse, inbox_path(), report_site_path()):
            print("Nothing changed since the last build (inbox, parser, dbt project and site code as they were):"
                  " the warehouse is current.")
            print_summary(built=False)
            return 0
        # Only now: Dagster's imports and the dbt manifest take seconds.
        from dagster_project.runner.quiet_run import run_build_warehouse

        return run_build_warehouse()


def restore() -> int:
    warehouse = warehouse_path()
    with run_lock(warehouse):
        kept = restore_published(warehouse)
    print(f"Restored the last published build into {warehouse}" + (f"; the file it replaced is kept as {kept}"
                                                                  if kept else "") + ". The next `make run` adds"
          " what changed in the inbox since.")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = {"build": build, "restore": restore}.get(args[0] if args else "build")
    if command is None:
        print("usage: python -m dagster_project.runner [build|restore]", file=sys.stderr)
        return 2
    try:
        return command()
    except (WarehouseFault, InboxUnavailableError, FileNotFoundError) as error:
        print(f"\n{error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
