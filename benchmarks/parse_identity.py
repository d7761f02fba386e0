"""Does a parser change leave every raw row as it was? And what does the parse cost?

    .venv/bin/python -m benchmarks.parse_identity hash FOLDER [FOLDER ...] [--save before.json] [--against before.json]
    .venv/bin/python -m benchmarks.parse_identity cpu FOLDER [FOLDER ...] [--rounds 3] [--profile out.prof]

`hash` parses each report file (decode, `parse_text`, `ingestion.rows.report_rows.report_rows`, with a
fixed parser version and time so only the parse decides the rows) and hashes every row of
every raw table; it prints one digest for the whole corpus and, with --against, the files
and tables whose rows differ from a saved run. A speed-up is only kept when the digest is
unchanged on the samples and on a generated corpus (benchmarks/corpus.py).

`cpu` measures CPU seconds per report of the parse stage (what `ingestion.intake.worker.process_file`
does: decode, clean, metadata, outline, indicators, tokens, rows) in this one process, and of
bare pure-Python `jieba.lcut(text, HMM=False)` with the user dictionary on the same raw texts
(the baseline of issue 9, as benchmarks/steps.py runs it), and their ratio.
"""
from __future__ import annotations

import argparse
import cProfile
import functools
import hashlib
import json
import logging
import time
from datetime import datetime
from pathlib import Path

from ingestion.intake.inventory import InboxFile
from ingestion.parser.report import parse_text
from ingestion.readers import read_report_file
from ingestion.rows.report_rows import Rows, report_rows

_VERSION = "identity"
_NOW = datetime(2026, 1, 1)


def _files(folders: list[Path]) -> list[Path]:
    return [p for folder in folders for p in sorted(folder.glob("*.txt"))]


def _source(path: Path) -> InboxFile:
    data = path.read_bytes()
    return InboxFile(path.name, path, len(data), _NOW, hashlib.sha256(data).hexdigest())


def parse_rows(path: Path) -> Rows:
    text, _encoding = read_report_file(path)
    return report_rows(_source(path), parse_text(text), _VERSION, _NOW)


def row_digests(rows: Rows) -> dict[str, str]:
    """Table → SHA-256 over its rows in order, each row as the repr of its (column, value)s."""
    out = {}
    for table, columns in sorted(rows.items()):
        digest = hashlib.sha256()
        names = sorted(columns)
        # Token columns are Arrow arrays: hashed as the Python values they hold, as lists were.
        values_of = {n: v.to_pylist() if hasattr(v, "to_pylist") else v for n, v in columns.items()}
        for values in zip(*(values_of[n] for n in names), strict=True):
            digest.update(repr(tuple(zip(names, values))).encode())
            digest.update(b"\n")
        out[table] = digest.hexdigest()
    return out


def corpus_digests(folders: list[Path]) -> dict[str, dict[str, str]]:
    return {f"{p.parent.name}/{p.name}": row_digests(parse_rows(p)) for p in _files(folders)}


def _overall(digests: dict[str, dict[str, str]]) -> str:
    return hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()


def _differences(now: dict[str, dict[str, str]], saved: dict[str, dict[str, str]]) -> list[str]:
    out = []
    for path in sorted(set(now) | set(saved)):
        a, b = now.get(path, {}), saved.get(path, {})
        out += [f"{path}: {t}" for t in sorted(set(a) | set(b)) if a.get(t) != b.get(t)]
    return out


def _jieba_cut():
    import jieba

    from ingestion.chinese.tokens import USER_DICT

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(USER_DICT))
    tokenizer.initialize()
    return functools.partial(tokenizer.lcut, HMM=False)


def _cpu(fn, items, repeat: int) -> float:
    start = time.process_time()
    for _ in range(repeat):
        for item in items:
            fn(item)
    return (time.process_time() - start) / repeat


def _print_stages(paths: list[Path], rounds: int) -> None:
    """CPU ms per report of each step of the parse stage, without a profiler's overhead."""
    from ingestion.chinese.tokens import token_columns
    from ingestion.parser.consistency import link_rates
    from ingestion.parser.furniture import clean_text
    from ingestion.parser.indicators import extract_mentions
    from ingestion.parser.metadata import extract_metadata
    from ingestion.parser.outline import segment

    raws = [read_report_file(p)[0] for p in paths]
    texts = [clean_text(r) for r in raws]
    sections = [segment(t) for t in texts]
    mentions = [extract_mentions(t, s) for t, s in zip(texts, sections)]
    reports = [parse_text(r) for r in raws]
    sources = [_source(p) for p in paths]
    steps = {
        "decode": lambda: [read_report_file(p) for p in paths],
        "clean": lambda: [clean_text(r) for r in raws],
        "metadata": lambda: [extract_metadata(r, t) for r, t in zip(raws, texts)],
        "outline": lambda: [segment(t) for t in texts],
        "indicators": lambda: [extract_mentions(t, s) for t, s in zip(texts, sections)],
        "links": lambda: [link_rates(m, t) for m, t in zip(mentions, texts)],
        "tokens (segmenter)": lambda: [token_columns(t) for t in texts],
        "rows (with tokens)": lambda: [report_rows(s, r, _VERSION, _NOW) for s, r in zip(sources, reports)],
    }
    n = len(paths)
    total = 0.0
    for name, step in steps.items():
        ms = 1000 * min(_cpu(lambda _: step(), [None], 1) for _ in range(rounds)) / n
        total += ms if name != "tokens (segmenter)" else 0.0
        print(f"{name:<20} {ms:6.2f} ms/report")
    print(f"{'sum':<20} {total:6.2f} ms/report")


def _print_pool(paths: list[Path], workers: int) -> None:
    """Parse-only throughput of ingestion.intake.pool.parsed_chunks with one worker and with a pool
    (its start-up timed apart, on two reports), and what the results weigh as pickles."""
    import pickle

    from ingestion.intake.lifecycle import ParseJob
    from ingestion.intake.pool import chunk_size
    from ingestion.intake.pool import parsed_chunks as results
    from ingestion.intake.worker import parse_chunk

    jobs = [ParseJob(_source(p), (), ()) for p in paths]

    def wall(js: list[ParseJob], n_workers: int) -> float:
        start = time.perf_counter()
        for _ in results(js, _VERSION, _NOW, n_workers, None):
            pass
        return time.perf_counter() - start

    n = len(jobs)
    wall(jobs[:2], 1)  # warm this process's dictionaries
    one = wall(jobs, 1)
    startup = wall(jobs[:2], workers)
    pooled = wall(jobs, workers)
    size = chunk_size(n, workers)
    outcomes = [parse_chunk(jobs[i:i + size], _VERSION, _NOW) for i in range(0, n, size)]
    start = time.process_time()
    blobs = [pickle.dumps(o, protocol=pickle.HIGHEST_PROTOCOL) for o in outcomes]
    dump_s = time.process_time() - start
    start = time.process_time()
    for b in blobs:
        pickle.loads(b)
    load_s = time.process_time() - start
    print(f"{n} reports, parse only (no load)")
    print(f"workers=1        {one:6.2f} s wall  {n / one:6.1f} reports/s")
    print(f"workers={workers} pool   {pooled:6.2f} s wall  {n / pooled:6.1f} reports/s  ×{one / pooled:.2f}"
          f"  (start-up on 2 reports {startup:.2f} s; without it ×{one / max(pooled - startup, 1e-9):.2f})")
    print(f"results pickled: {sum(map(len, blobs)) / n / 1024:.0f} KiB/report, dump {1000 * dump_s / n:.2f} ms"
          f" + load {1000 * load_s / n:.2f} ms per report (parse alone {1000 * one / n:.2f} ms wall)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["hash", "cpu", "stages", "pool"])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--save", type=Path)
    ap.add_argument("--against", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--profile", type=Path, help="also write a cProfile of the parse loop")
    args = ap.parse_args()
    paths = _files(args.folders)
    if args.mode == "pool":
        _print_pool(paths, args.workers)
        return
    if args.mode == "stages":
        _print_stages(paths, args.rounds)
        return
    if args.mode == "hash":
        digests = corpus_digests(args.folders)
        print(f"{len(digests)} reports, rows digest {_overall(digests)}")
        if args.save:
            args.save.write_text(json.dumps(digests, sort_keys=True, indent=0), encoding="utf-8")
        if args.against:
            diff = _differences(digests, json.loads(args.against.read_text(encoding="utf-8")))
            print(f"DIFFERENT from {args.against} ({len(diff)} tables):" if diff else f"identical to {args.against}")
            for line in diff[:40]:
                print("  ", line)
            raise SystemExit(1 if diff else 0)
        return
    parse_rows(paths[0])  # warm the dictionaries, the gazetteer and the segmenter
    cut = _jieba_cut()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    cut(texts[0])
    # The machine is shared: rounds alternate the two loops, and the least of each is kept.
    rounds = [(_cpu(parse_rows, paths, 1), _cpu(cut, texts, 1)) for _ in range(args.rounds)]
    parse_s, jieba_s = min(r[0] for r in rounds), min(r[1] for r in rounds)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for p in paths:
            parse_rows(p)
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    n = len(paths)
    print(f"{n} reports, {sum(map(len, texts)):,} characters, best of {args.rounds} rounds")
    print(f"parse stage  {parse_s:7.2f} CPU s  {1000 * parse_s / n:6.2f} ms/report")
    print(f"bare jieba   {jieba_s:7.2f} CPU s  {1000 * jieba_s / n:6.2f} ms/report")
    print(f"parse / jieba CPU: {parse_s / jieba_s:.3f}  (jieba / parse throughput ×{jieba_s / parse_s:.2f}); "
          f"per round: {', '.join(f'{a / b:.3f}' for a, b in rounds)}")

if __name__ == "__main__":
    main()
