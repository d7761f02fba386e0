"""One ingest in a process of its own, for tests that bound its time and peak memory.

    python -m tests.ingest_probe INBOX [--seconds S] [--memory-mb M]

Prints one JSON object: the quarantine (path → reason), the loaded reports' paths, the seconds
the ingest took, this process's peak resident memory and the busiest parse worker's.
"""
from __future__ import annotations

import argparse
import json
import resource
import time
from datetime import datetime
from pathlib import Path

import duckdb

from ingestion.intake.ingest import ingest_inbox
from ingestion.intake.pool import ParseLimits


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("inbox", type=Path)
    ap.add_argument("--seconds", type=float, default=ParseLimits.seconds_per_file)
    ap.add_argument("--memory-mb", type=int, default=ParseLimits.memory_mb)
    args = ap.parse_args()
    with duckdb.connect(":memory:") as conn:
        start = time.monotonic()
        summary = ingest_inbox(conn, args.inbox, datetime(2026, 1, 1), workers=2,
                               limits=ParseLimits(args.seconds, args.memory_mb))
        seconds = time.monotonic() - start
        result = {
            "quarantine": dict(conn.execute("select source_path, reason from raw.quarantine").fetchall()),
            "messages": [m for (m,) in conn.execute("select message from raw.quarantine").fetchall()],
            "reports": sorted(p for (p,) in conn.execute("select source_path from raw.reports").fetchall()),
            "seconds": seconds,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "peak_worker_mb": summary.peak_worker_mb,
        }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
