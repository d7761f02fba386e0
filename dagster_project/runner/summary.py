"""What `make run` prints at the end: what the warehouse holds and where to look."""
from __future__ import annotations

import json
import os
from collections import Counter

import duckdb

from dagster_project.paths import (
    BUILD_RESULTS,
    DBT_TARGET_DIR,
    snapshot_path,
    warehouse_path,
)

QUERIES = {
    "reports": "select count(*) from marts.reports",
    "sections": "select count(*) from marts.sections",
    "indicator mentions": "select count(*) from marts.indicators",
    "quarantined files": "select count(*) from marts.quarantine",
}


def dbt_test_counts() -> Counter:
    """Data tests of the last dbt build by status (pass, warn, fail, error), from its run_results.json."""
    results = json.loads((DBT_TARGET_DIR / BUILD_RESULTS).read_text())["results"]
    return Counter(r["status"] for r in results if r["unique_id"].startswith("test."))


def print_summary() -> None:
    warehouse, snapshot = warehouse_path(), snapshot_path(warehouse_path())
    with duckdb.connect(str(snapshot), read_only=True) as conn:
        counts = {label: conn.execute(sql).fetchone()[0] for label, sql in QUERIES.items()}
    print("\nWarehouse built.")
    for label, count in counts.items():
        print(f"  {label:<20} {count}")
    try:
        tests = dbt_test_counts()
        print(f"  {'dbt tests':<20} {tests['pass']} passed, {tests['warn']} warned, "
              f"{tests['fail'] + tests['error']} failed")
    except (OSError, KeyError, ValueError):
        print("  dbt tests            no results yet")
    port = os.environ.get("UI_PORT", "3000")
    print(f"\n  warehouse (written by runs) {warehouse}")
    print(f"  query this read-only copy   {snapshot}")
    print(f"  dbt docs                    {DBT_TARGET_DIR / 'static_index.html'} (or `make docs`)")
    print(f"  Dagster UI                  make ui  →  http://127.0.0.1:{port}")


if __name__ == "__main__":
    print_summary()
