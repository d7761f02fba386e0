"""`make run`: build the warehouse through Dagster, quietly, unless there is nothing to do.
`make builds`: the published builds kept. `make restore [BUILD=…]`: a kept build (the published
one when none is named) published again and put back in place of the warehouse.

Before anything starts it takes the run lock and checks the inbox and the warehouse file
(dagster_project/runner/preflight.py). When the inbox listing, the parser, the dbt project and
the site code are those of the last published build and its outputs are in place
(dagster_project/runner/up_to_date.py), it says so and stops before importing Dagster: a second
instead of a Dagster run. Otherwise it runs the build_warehouse job in this process
(dagster_project/runner/quiet_run.py).
"""
from __future__ import annotations

import os
import sys
import warnings

from dagster_project.paths import inbox_path, report_site_path, warehouse_path
from dagster_project.runner.preflight import preflight
from dagster_project.runner.summary import print_summary
from dagster_project.runner.up_to_date import nothing_to_do
from ingestion.intake.guards import InboxUnavailableError
from ingestion.warehouse import builds
from ingestion.warehouse.faults import WarehouseFault, faults_named
from ingestion.warehouse.run_lock import run_lock


def build() -> int:
    warehouse = warehouse_path()
    with run_lock(warehouse):
        preflight(warehouse, inbox_path())
        if nothing_to_do(warehouse, inbox_path(), report_site_path()):
            print("Nothing changed since the last build (inbox, parser, dbt project and site code as they were):"
                  " the warehouse is current.")
            print_summary(built=False)
            return 0
        # Dagster 1.13's own @sensor passes `owners` and warns that it is beta on every load:
        # noise on the console of a command whose output is the build's summary.
        warnings.filterwarnings("ignore", message="Parameter `owners`")
        # Only now: Dagster's imports and the dbt manifest take seconds.
        from dagster_project.runner.quiet_run import run_build_warehouse

        return run_build_warehouse()


def restore(build_id: str | None = None) -> int:
    warehouse = warehouse_path()
    with run_lock(warehouse), faults_named(warehouse):
        build, kept = builds.restore(warehouse, build_id)
    what = f"build {build.build_id} ({build.published_at})" if build else "the last published build"
    print(f"Restored {what} into {warehouse}; it is the published build." + (
        f" The file it replaced is kept as {kept}." if kept else "") + " The next `make run` adds what changed"
          " in the inbox since.")
    return 0


def list_kept() -> int:
    kept, published = builds.list_builds(warehouse_path())
    if not kept:
        print("No published build yet: `make run` publishes one.")
        return 0
    print(f"{'':2}{'build':<26}{'published at':<21}{'reports':>8}{'sections':>9}{'mentions':>9}  files changed")
    for build in kept:
        changes = ", ".join(f"{n} {event}" for event, n in build.changes.items() if n and event != "unchanged")
        mark = "* " if build.build_id == published else "  "
        counts = build.counts
        print(f"{mark}{build.build_id:<26}{build.published_at.replace('T', ' '):<21}{counts.get('reports', 0):>8}"
              f"{counts.get('sections', 0):>9}{counts.get('mentions', 0):>9}  {changes or 'none'}")
    print(f"\n* published. Query a build as it was: make query BUILD=<build> SQL=\"…\"; restore it: make restore"
          f" BUILD=<build>. Kept: the last {os.environ.get('BUILDS_KEEP_LAST') or 3} (BUILDS_KEEP_LAST) and the"
          f" published one.")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    name, rest = (args[0], args[1:]) if args else ("build", [])
    commands = {"build": build, "restore": restore, "builds": list_kept}
    if name not in commands or len(rest) > (1 if name == "restore" else 0):
        print("usage: python -m dagster_project.runner [build | builds | restore [BUILD]]", file=sys.stderr)
        return 2
    try:
        return commands[name](*[r for r in rest if r])
    except (WarehouseFault, InboxUnavailableError, OSError) as error:
        print(f"\n{error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
