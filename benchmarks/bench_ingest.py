"""Ingest throughput, reported as ratios measured in one run (not a timed test). Quick check of
the ingest alone on copies of the samples; `make bench` (benchmarks/harness.py) times every stage.

    .venv/bin/python benchmarks/bench_ingest.py [--copies 40]

Builds an inbox of N distinct reports (the bundled samples with a unique closing line,
so every file has its own hash), then measures in one process:
  - parse + load, one worker          (reports per second: the baseline)
  - parse + load, all cores           (ratio to the baseline: what the pool buys)
  - a re-run over the unchanged inbox (ratio to the baseline: what incrementality buys)
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import datetime
from pathlib import Path

import duckdb

from ingestion.intake.ingest import ingest_inbox

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


def make_inbox(folder: Path, copies: int) -> int:
    samples = sorted(SAMPLES.glob("*.txt"))
    for i in range(copies):
        for sample in samples:
            text = sample.read_text(encoding="utf-8") + f"\n（副本{i}）\n"
            (folder / f"{sample.stem}_{i:04d}.txt").write_text(text, encoding="utf-8")
    return copies * len(samples)


def timed_ingest(db: Path, inbox: Path, workers: int) -> tuple[float, int]:
    start = time.perf_counter()
    with duckdb.connect(str(db)) as conn:
        summary = ingest_inbox(conn, inbox, datetime.now(), workers=workers)
    return time.perf_counter() - start, summary.parsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=40)
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        inbox = tmp / "inbox"
        inbox.mkdir()
        n = make_inbox(inbox, args.copies)
        serial, parsed = timed_ingest(tmp / "serial.duckdb", inbox, workers=1)
        parallel, _ = timed_ingest(tmp / "parallel.duckdb", inbox, workers=cores)
        rerun, reparsed = timed_ingest(tmp / "serial.duckdb", inbox, workers=1)
    print(f"reports: {n} (parsed {parsed}, re-parsed on re-run {reparsed})")
    print(f"one worker:        {n / serial:8.1f} reports/s  (baseline)")
    print(f"{cores} workers:         {n / parallel:8.1f} reports/s  speed-up ×{serial / parallel:.2f}")
    print(f"unchanged re-run:  {n / rerun:8.1f} reports/s  speed-up ×{serial / rerun:.1f}")


if __name__ == "__main__":
    main()
