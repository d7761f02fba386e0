"""One stage of the benchmark, run as a child process by benchmarks/harness.py.

    python -m benchmarks.steps segment jieba|rjieba INBOX
    python -m benchmarks.steps parse INBOX WORKERS
    python -m benchmarks.steps ingest INBOX WAREHOUSE WORKERS

The last line printed is `BENCH_RESULT {json}`; "seconds" is the stage's own work, with
imports and dictionary loading left out (the harness keeps the child's wall time too).
"""
from __future__ import annotations

import functools
import inspect
import json
import logging
import sys
import time
from datetime import datetime
from pathlib import Path


def _texts(inbox: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(inbox.glob("*.txt"))]


def segment(name: str, inbox: Path) -> dict:
    """Bare segmentation of the raw texts: no cleaning, no offsets, no filtering."""
    from ingestion.chinese.tokens import USER_DICT, dictionary_entries

    if name == "jieba":
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.load_userdict(str(USER_DICT))
        tokenizer.initialize()
        cut = functools.partial(tokenizer.lcut, HMM=False)
    else:
        import rjieba

        segmenter = rjieba.Jieba()
        for word, freq, tag in dictionary_entries():
            segmenter.add_word(word, freq, tag)
        def cut(text: str) -> list[str]:
            return segmenter.cut(text, False)
    texts = _texts(inbox)
    wall, cpu = time.perf_counter(), time.process_time()
    words = sum(len(cut(text)) for text in texts)
    return {"seconds": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu,
            "texts": len(texts), "words": words}


class _Clock:
    """Wall and CPU seconds spent inside calls, counting only the outermost of nested ones."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.cpu_s = 0.0
        self._depth = 0

    def _add(self, wall: float, cpu: float) -> None:
        self.seconds += time.perf_counter() - wall
        self.cpu_s += time.process_time() - cpu

    def wrap(self, fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            self._depth += 1
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._add(wall, cpu)
        return timed

    def wrap_iterator(self, fn):
        """Time spent waiting for each item of a generator (a pool's results arrive here)."""
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            iterator = iter(fn(*args, **kwargs))
            self._add(wall, cpu)
            while True:
                wall, cpu = time.perf_counter(), time.process_time()
                try:
                    item = next(iterator)
                except StopIteration:
                    self._add(wall, cpu)
                    return
                self._add(wall, cpu)
                yield item
        return timed


def parse(inbox: Path, workers: int) -> dict:
    """The parse stage alone, as ingest_inbox runs it (the pool's results arrive as rows in this
    process), with nothing loaded: inside `ingest` with workers the loader overlaps the pool,
    so the time ingest waits for results understates what parsing costs."""
    import duckdb

    from ingestion.intake.inventory import scan_inbox, with_hashes
    from ingestion.intake.lifecycle import plan_inbox
    from ingestion.intake.pool import parsed_chunks
    from ingestion.version import parser_version
    from ingestion.warehouse import store

    with duckdb.connect(":memory:") as conn:
        store.ensure_raw_schema(conn)
        files, _ = scan_inbox(inbox)
        files, _ = with_hashes(files, {})
        version = parser_version()
        jobs = plan_inbox(files, [], {}, store.loaded_reports(conn), version).parse
    wall, cpu = time.perf_counter(), time.process_time()
    parsed = tokens = 0
    for chunk in parsed_chunks(jobs, version, datetime.now(), workers, None):
        parsed += len(chunk.parsed)
        tokens += chunk.tables["tokens"].num_rows
    return {"seconds": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu, "workers": workers,
            "jobs": len(jobs), "parsed": parsed, "tokens": tokens}


def ingest(inbox: Path, warehouse: Path, workers: int) -> dict:
    """ingest_inbox as the Dagster asset calls it, its time split into parse and load.

    Parse is the time the run waits for parse results (ingestion.intake.pool.parsed_chunks: parse_chunk
    in this process, or the pool's results); load is the time inside ingestion.warehouse.store.
    """
    import duckdb

    from ingestion.intake import ingest as ingest_module
    from ingestion.warehouse import store

    parse, load = _Clock(), _Clock()
    ingest_module.parsed_chunks = parse.wrap_iterator(ingest_module.parsed_chunks)
    for name, fn in inspect.getmembers(store, inspect.isfunction):
        if fn.__module__ == store.__name__ and not name.startswith("_"):
            setattr(store, name, load.wrap(fn))
    wall, cpu = time.perf_counter(), time.process_time()
    with duckdb.connect(str(warehouse)) as conn:
        summary = ingest_module.ingest_inbox(conn, inbox, datetime.now(), workers=workers)
        seconds, cpu_s = time.perf_counter() - wall, time.process_time() - cpu
        counts = {t: conn.execute(f"select count(*) from raw.{t}").fetchone()[0]
                  for (t,) in conn.execute("select table_name from information_schema.tables"
                                           " where table_schema = 'raw' order by 1").fetchall()}
    # CPU seconds are this process's only: with workers > 1 the parse CPU is the workers'.
    return {"seconds": seconds, "cpu_s": cpu_s, "parse_s": parse.seconds, "load_s": load.seconds,
            "parse_cpu_s": parse.cpu_s, "load_cpu_s": load.cpu_s,
            "other_s": seconds - parse.seconds - load.seconds, "workers": workers,
            "parsed": summary.parsed, "quarantined": len(summary.quarantined), "raw_rows": counts}


def main() -> None:
    kind, *args = sys.argv[1:]
    if kind == "segment":
        result = segment(args[0], Path(args[1]))
    elif kind == "parse":
        result = parse(Path(args[0]), int(args[1]))
    elif kind == "ingest":
        result = ingest(Path(args[0]), Path(args[1]), int(args[2]))
    else:
        raise SystemExit(f"unknown step {kind}")
    print("BENCH_RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
