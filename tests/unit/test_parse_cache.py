"""The Parquet parse cache: what goes in comes out, key by key, and a miss is None."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow.compute as pc
import pytest

from ingestion.errors import Refusal
from ingestion.intake import pool
from ingestion.intake.ingest import ingest_inbox
from ingestion.intake.inventory import InboxFile, scan_inbox, with_hashes
from ingestion.intake.lifecycle import ParseJob
from ingestion.intake.parse_cache import (
    ROOT_PARTITION,
    ParseCache,
    partition_of,
    write_partition,
)
from ingestion.intake.partitions import first_of_each_content
from ingestion.intake.worker import ParsedChunk, parse_chunk
from ingestion.rows.arrow_tables import arrow_schema
from ingestion.rows.schema import REPORT_TABLES
from ingestion.version import parser_version
from tests.texts import SMALL_REPORT

REPORT = SMALL_REPORT
NOW = datetime(2025, 1, 1, 8, 30)
VERSION = "v-test"


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    (inbox / "广东").mkdir(parents=True)
    (inbox / "广东" / "a.txt").write_text(REPORT, encoding="utf-8")
    (inbox / "广东" / "b.txt").write_text(REPORT.replace("某县", "某区").replace("36件", "41件"), encoding="utf-8")
    (inbox / "广东" / "copy_of_a.txt").write_text(REPORT, encoding="utf-8")
    (inbox / "广东" / "noise.txt").write_bytes(bytes(range(256)) * 20)
    return inbox


def _files(inbox: Path) -> list[InboxFile]:
    files, _ = scan_inbox(inbox)
    return with_hashes(files, {})[0]


def _job(file: InboxFile) -> ParseJob:
    return ParseJob(file, (), ())


def _written(tmp_path: Path) -> tuple[Path, list[InboxFile], ParsedChunk]:
    """The partition 广东 cached a report per batch; returns its files and their parses."""
    files = _files(_inbox(tmp_path))
    parsed = parse_chunk([_job(f) for f in first_of_each_content(files)], VERSION, NOW)
    cache_dir = tmp_path / "cache"
    one_per_chunk = [ParsedChunk((outcome,), _rows_of(parsed, outcome[0].primary.report_id))
                     for outcome in parsed.outcomes]
    write_partition(cache_dir, "广东", one_per_chunk, VERSION, batch_size=1)
    return cache_dir, files, parsed


def _rows_of(chunk: ParsedChunk, report_id: str) -> dict:
    return {t: rows.filter(pc.equal(rows["report_id"], report_id)) for t, rows in chunk.tables.items()}


def _take(cache_dir: Path, file: InboxFile, version: str = VERSION) -> ParsedChunk | None:
    """The cached parse of one file, or None on a miss."""
    with ParseCache(cache_dir) as cache:
        hits, _ = cache.split([_job(file)], version)
        return next(cache.chunks(hits, version)) if hits else None


def test_partition_is_the_top_level_folder_or_root():
    assert partition_of("广东/2023/a.txt") == "广东"
    assert partition_of("a.txt") == ROOT_PARTITION


def test_every_batch_of_parses_is_its_own_set_of_files(tmp_path):
    cache_dir, _, _ = _written(tmp_path)
    assert sorted(p.name for p in (cache_dir / "广东").glob("reports-*.parquet")) == [
        "reports-00000.parquet", "reports-00001.parquet"]


def test_a_parse_comes_back_with_the_same_rows_values_and_types(tmp_path):
    cache_dir, files, parsed = _written(tmp_path)
    a = next(f for f in files if f.path == "广东/a.txt")
    hit = _take(cache_dir, a)
    assert hit is not None
    encoding = next(outcome for job, outcome in parsed.outcomes if job.primary.path == a.path)
    assert [(job.primary.path, outcome) for job, outcome in hit.outcomes] == [(a.path, encoding)]
    assert set(hit.tables) == set(REPORT_TABLES)
    for table, rows in hit.tables.items():
        assert rows.schema == arrow_schema(table), table
        assert sorted(rows.to_pylist(), key=repr) == sorted(_rows_of(parsed, a.report_id)[table].to_pylist(),
                                                            key=repr), table
    assert hit.tables["reports"]["parsed_at"].to_pylist() == [NOW]
    assert hit.tables["tokens"].num_rows > 10


def test_rows_of_one_report_never_include_another_reports(tmp_path):
    cache_dir, files, parsed = _written(tmp_path)
    b = next(f for f in files if f.path == "广东/b.txt")
    hit = _take(cache_dir, b)
    assert hit is not None
    assert set(hit.tables["tokens"]["report_id"].to_pylist()) == {b.report_id}
    assert (hit.tables["indicator_mentions"]["value"].to_pylist()
            == _rows_of(parsed, b.report_id)["indicator_mentions"]["value"].to_pylist())


def test_a_refusal_comes_back_with_its_reason(tmp_path):
    cache_dir, files, parsed = _written(tmp_path)
    noise = next(f for f in files if f.path == "广东/noise.txt")
    hit = _take(cache_dir, noise)
    assert hit is not None
    ((_, refusal),) = hit.outcomes
    (original,) = [o for j, o in parsed.outcomes if j.primary.path == noise.path]
    assert isinstance(refusal, Refusal) and isinstance(original, Refusal)
    assert (refusal.path, refusal.reason, refusal.message) == (noise.path, original.reason, original.message)
    assert all(rows.num_rows == 0 for rows in hit.tables.values())


def test_another_parser_version_path_or_partition_is_a_miss(tmp_path):
    cache_dir, files, _ = _written(tmp_path)
    a = next(f for f in files if f.path == "广东/a.txt")
    assert _take(cache_dir, a, "another-version") is None
    assert _take(cache_dir, InboxFile("广东/renamed.txt", a.location, a.size_bytes, a.modified_at, a.file_id)) is None
    assert _take(cache_dir, InboxFile("浙江/a.txt", a.location, a.size_bytes, a.modified_at, a.file_id)) is None
    assert _take(tmp_path / "no-cache", a) is None


def test_the_same_bytes_twice_in_a_partition_are_cached_once_under_the_first_path(tmp_path):
    cache_dir, files, _ = _written(tmp_path)
    copy = next(f for f in files if f.path == "广东/copy_of_a.txt")
    assert _take(cache_dir, copy) is None
    with ParseCache(cache_dir) as cache:
        paths = sorted(p for _, _, p in cache.keys("广东"))
        n_reports = cache._conn.execute(
            "select count(*) from read_parquet(?)", [str(cache_dir / "广东" / "reports-*.parquet")]).fetchone()[0]
    assert paths == ["广东/a.txt", "广东/b.txt", "广东/noise.txt"]
    assert n_reports == 2


def test_writing_the_same_bytes_under_two_paths_is_refused(tmp_path):
    files = _files(_inbox(tmp_path))
    with pytest.raises(ValueError, match="copy_of_a.txt"):
        write_partition(tmp_path / "cache", "广东", [parse_chunk([_job(f) for f in files], VERSION, NOW)], VERSION)
    assert list((tmp_path / "cache").iterdir()) == []  # nothing half-written is left


def test_writing_a_partition_again_replaces_it(tmp_path):
    cache_dir, files, _ = _written(tmp_path)
    b = next(f for f in files if f.path == "广东/b.txt")
    write_partition(cache_dir, "广东", [parse_chunk([_job(b)], VERSION, NOW)], VERSION)
    with ParseCache(cache_dir) as cache:
        assert [p for _, _, p in cache.keys("广东")] == ["广东/b.txt"]
        assert cache.partitions() == ["广东"]
    assert sorted(p.name for p in cache_dir.iterdir() if not p.name.startswith(".")) == ["广东"]


def test_an_empty_partition_writes_typed_empty_tables(tmp_path):
    write_partition(tmp_path, "空", [], VERSION)
    with duckdb.connect() as conn:
        types = dict(conn.execute("select column_name, column_type from (describe select * from read_parquet(?))",
                                  [str(tmp_path / "空" / "reports-00000.parquet")]).fetchall())
    assert (types["report_year"], types["parsed_at"], types["text"]) == ("INTEGER", "TIMESTAMP", "VARCHAR")


def test_ingest_takes_cached_parses_and_loads_what_a_plain_ingest_loads(tmp_path, monkeypatch):
    inbox = _inbox(tmp_path)
    files = _files(inbox)
    version = parser_version()
    write_partition(tmp_path / "cache", "广东",
                    [parse_chunk([_job(f) for f in first_of_each_content(files)], version, NOW)], version)
    with duckdb.connect() as plain:
        expected = ingest_inbox(plain, inbox, NOW)
        plain_rows = plain.execute("select count(*), sum(char_count) from raw.reports").fetchone()

    def no_parse(*_):
        raise AssertionError("parsed although the cache holds the parse")

    monkeypatch.setattr(pool, "parse_chunk", no_parse)
    with duckdb.connect() as conn, ParseCache(tmp_path / "cache") as cache:
        summary = ingest_inbox(conn, inbox, NOW, cache=cache)
        assert conn.execute("select count(*), sum(char_count) from raw.reports").fetchone() == plain_rows
    assert summary.events == expected.events
    assert [r.reason for r in summary.quarantined] == [r.reason for r in expected.quarantined]


def test_a_miss_is_parsed_as_without_a_cache(tmp_path):
    inbox = _inbox(tmp_path)
    with duckdb.connect() as conn, ParseCache(tmp_path / "empty-cache") as cache:
        summary = ingest_inbox(conn, inbox, NOW, cache=cache)
    assert summary.parsed == 2


@pytest.mark.parametrize("name", ["广东", ROOT_PARTITION])
def test_partitions_lists_only_complete_partitions(tmp_path, name):
    write_partition(tmp_path, name, [], VERSION)
    (tmp_path / ".half-written").mkdir()
    assert ParseCache(tmp_path).partitions() == [name]
