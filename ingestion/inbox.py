"""Incremental, idempotent load of a folder of report files into the raw schema.

A file is identified by the SHA-256 of its bytes: unchanged files already parsed by
the same parser version are skipped, changed parser code re-parses everything, and a
file that fails becomes a quarantine record without stopping the others.
"""
from __future__ import annotations

import hashlib
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import duckdb

from ingestion import store
from ingestion.decode import read_report_file
from ingestion.errors import ReportError
from ingestion.parse import parse_text
from ingestion.records import Rows, SourceFile, report_rows

PACKAGE_DIR = Path(__file__).parent


@dataclass
class IngestSummary:
    seen: int = 0
    parsed: int = 0
    unchanged: int = 0
    quarantined: list[tuple[str, str, str]] = field(default_factory=list)  # (file name, reason, message)


@lru_cache(maxsize=1)
def parser_version() -> str:
    """Hash of the parser's code and data: a new parser re-parses files it has seen."""
    digest = hashlib.sha256()
    for path in sorted([*PACKAGE_DIR.glob("*.py"), *PACKAGE_DIR.glob("data/*")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def list_inbox(folder: Path) -> list[Path]:
    """Every regular file below the folder, hidden ones (.DS_Store, editor backups) left out."""
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def hash_file(path: Path) -> SourceFile:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return SourceFile(file_id=digest.hexdigest(), path=str(path), size_bytes=size)


def process_file(source: SourceFile, version: str, now: datetime) -> tuple[str, str, Rows | str]:
    """("ok", encoding, rows) or ("error", reason, message). Runs in a worker process."""
    try:
        text, encoding = read_report_file(Path(source.path))
        report = parse_text(text)
        return "ok", encoding, report_rows(source, report, version, now)
    except ReportError as exc:
        return "error", exc.reason, str(exc) or exc.__class__.__name__
    except Exception as exc:  # noqa: BLE001 - any parser bug must quarantine one file, not stop the batch
        return "error", "unparseable", f"{exc.__class__.__name__}: {exc}"


def _results(todo: list[SourceFile], version: str, now: datetime, workers: int) -> Iterator[tuple]:
    if workers <= 1 or len(todo) < 2:
        for source in todo:
            yield source, process_file(source, version, now)
        return
    # forkserver: a forked child would inherit the parent's open DuckDB connection and threads.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver")) as pool:
        n = len(todo)
        yield from zip(todo, pool.map(process_file, todo, [version] * n, [now] * n, chunksize=8), strict=True)


def ingest_inbox(conn: duckdb.DuckDBPyConnection, folder: Path, now: datetime, *,
                 workers: int = 1, batch_size: int = 200) -> IngestSummary:
    store.ensure_raw_schema(conn)
    version = parser_version()
    loaded = store.parsed_versions(conn)
    known_paths = store.file_paths(conn)
    summary = IngestSummary()

    todo: list[SourceFile] = []
    seen_ids: dict[str, str] = {}
    unchanged: list[str] = []
    for path in list_inbox(folder):
        summary.seen += 1
        try:
            source = hash_file(path)
        except OSError as exc:
            summary.quarantined.append((path.name, "unparseable", str(exc)))
            continue
        first_path = seen_ids.get(source.file_id) or known_paths.get(source.file_id)
        if first_path and first_path != source.path and Path(first_path).exists():
            message = f"same bytes as {first_path}"
            store.quarantine(conn, source, "duplicate", message, now, keep_loaded=True)
            summary.quarantined.append((source.file_name, "duplicate", message))
            continue
        seen_ids[source.file_id] = source.path
        if loaded.get(source.file_id) == version:
            unchanged.append(source.file_id)
            summary.unchanged += 1
        else:
            todo.append(source)
    store.touch_files(conn, unchanged, now)

    batch: list[tuple[SourceFile, str, Rows]] = []
    for source, (status, detail, payload) in _results(todo, version, now, workers):
        if status == "ok":
            batch.append((source, detail, payload))
            summary.parsed += 1
            if len(batch) >= batch_size:
                store.replace_reports(conn, batch, now)
                batch = []
        else:
            store.quarantine(conn, source, detail, payload, now, keep_loaded=source.file_id in loaded)
            summary.quarantined.append((source.file_name, detail, payload))
    store.replace_reports(conn, batch, now)
    return summary
