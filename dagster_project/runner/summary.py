"""What `make run` prints at the end: what happened to the files, what the warehouse holds,
what a warning means, and where to look next."""
from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Mapping, Sequence

import duckdb

from dagster_project.file_events import FILE_EVENTS
from dagster_project.paths import BUILD_RESULTS, DBT_TARGET_DIR, report_site_path, snapshot_path, warehouse_path

QUERIES = {
    "reports": "select count(*) from marts.reports",
    "sections": "select count(*) from marts.sections",
    "indicator mentions": "select count(*) from marts.indicators",
    "quarantined files": "select count(*) from marts.quarantine",
}
NEXT_COMMANDS = (
    'make query SQL="select organization, report_year, mention_count from marts.reports"',
    'make search Q="出庭应诉"',
    "make export            (every mart as Parquet, CSV and one Excel workbook, in exports/)",
    "make ui                (the Dagster UI: lineage, runs, checks)",
)


def dbt_results() -> list[dict]:
    return json.loads((DBT_TARGET_DIR / BUILD_RESULTS).read_text())["results"]


def dbt_test_counts(results: list[dict]) -> Counter:
    """Data tests of the last dbt build by status (pass, warn, fail, error)."""
    return Counter(r["status"] for r in results if r["unique_id"].startswith("test."))


def warnings_explained(results: list[dict]) -> list[str]:
    """One line per warned test: its name, how many rows, and what it checks (its description)."""
    manifest_path = DBT_TARGET_DIR / "manifest.json"
    nodes = json.loads(manifest_path.read_text())["nodes"] if manifest_path.exists() else {}
    lines = []
    for result in results:
        if result["unique_id"].startswith("test.") and result["status"] == "warn":
            node = nodes.get(result["unique_id"], {})
            name = node.get("name") or result["unique_id"].split(".")[2]
            what = (node.get("description") or "").strip().split("。")[0].split(". ")[0]
            lines.append(f"{name}: {result.get('failures') or 0} rows. {what}".rstrip(". ") + ".")
    return lines


def file_events_line(events: Mapping[str, int]) -> str:
    return " · ".join(f"{events.get(event, 0)} {event}" for event in FILE_EVENTS)


def print_summary(file_events: Mapping[str, int] | None = None, *, built: bool = True,
                  failed_checks: Sequence[str] = ()) -> None:
    warehouse, snapshot = warehouse_path(), snapshot_path(warehouse_path())
    with duckdb.connect(str(snapshot), read_only=True) as conn:
        counts = {label: conn.execute(sql).fetchone()[0] for label, sql in QUERIES.items()}
    if built:
        print("\nWarehouse built.")
    print()
    if file_events is not None:
        print(f"  {'files this run':<20} {file_events_line(file_events)}")
    for label, count in counts.items():
        print(f"  {label:<20} {count}")
    try:
        results = dbt_results()
        tests = dbt_test_counts(results)
        print(f"  {'dbt tests':<20} {tests['pass']} passed, {tests['warn']} warned, "
              f"{tests['fail'] + tests['error']} failed")
        for line in warnings_explained(results):
            print(f"    warned: {line}")
    except (OSError, KeyError, ValueError):
        print("  dbt tests            no results yet")
    for line in failed_checks:
        print(f"  {line}")
    port = os.environ.get("UI_PORT", "3000")
    site = report_site_path() / "index.html"
    print(f"\n  warehouse (written by runs) {warehouse}")
    print(f"  query this read-only copy   {snapshot}")
    print(f"  report site                 {site}")
    print(f"  dbt docs                    {DBT_TARGET_DIR / 'static_index.html'} (or `make docs`)")
    print(f"  Dagster UI                  make ui  →  http://127.0.0.1:{port}")
    print("\nTry next:")
    for command in NEXT_COMMANDS:
        print(f"  {command}")
