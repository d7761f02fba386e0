"""What `make run` prints at the end: what the warehouse holds and where to look."""
from __future__ import annotations

import duckdb

from dagster_project.settings import DBT_PROJECT_DIR, snapshot_path, warehouse_path

QUERIES = {
    "reports": "select count(*) from marts.reports",
    "sections": "select count(*) from marts.sections",
    "indicator mentions": "select count(*) from marts.indicators",
    "quarantined files": "select count(*) from marts.quarantine",
}


def dbt_test_counts() -> tuple[int, int]:
    """(passed, not passed) data tests of the last dbt build, from its run_results.json."""
    import json

    results = json.loads((DBT_PROJECT_DIR / "target" / "build_run_results.json").read_text())["results"]
    tests = [r for r in results if r["unique_id"].startswith("test.")]
    passed = sum(r["status"] == "pass" for r in tests)
    return passed, len(tests) - passed


def main() -> None:
    with duckdb.connect(str(snapshot_path()), read_only=True) as conn:
        counts = {label: conn.execute(sql).fetchone()[0] for label, sql in QUERIES.items()}
    print("\nWarehouse built.")
    for label, count in counts.items():
        print(f"  {label:<20} {count}")
    try:
        passed, other = dbt_test_counts()
        print(f"  {'dbt tests passed':<20} {passed} ({other} warned or failed)")
    except (OSError, KeyError, ValueError):
        pass
    print(f"\n  warehouse (written by runs) {warehouse_path()}")
    print(f"  query this read-only copy   {snapshot_path()}")
    print(f"  dbt docs                    {DBT_PROJECT_DIR / 'target' / 'static_index.html'} (or `make docs`)")
    print("  Dagster UI                  make ui  →  http://127.0.0.1:3000")


if __name__ == "__main__":
    main()
