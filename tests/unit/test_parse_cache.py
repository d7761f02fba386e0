"""The Parquet parse cache: what goes in comes out, key by key, and a miss is None."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from ingestion import inbox as inbox_module
from ingestion.inbox import Parsed, ingest_inbox, process_file
from ingestion.inventory import InboxFile, Refusal, scan_inbox, with_hashes
from ingestion.lifecycle import ParseJob
from ingestion.parse_cache import ROOT_PARTITION, ParseCache, partition_of, write_partition
from ingestion.raw_schema import REPORT_TABLES
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


def _written(tmp_path: Path) -> tuple[Path, list[InboxFile], dict[str, Parsed | Refusal]]:
    files = _files(_inbox(tmp_path))
    results = [(f, process_file(_job(f), VERSION, NOW)) for f in files]
    cache_dir = tmp_path / "cache"
    write_partition(cache_dir, "广东", results, VERSION, batch_size=1)
    return cache_dir, files, {f.path: outcome for f, outcome in results}


def test_partition_is_the_top_level_folder_or_root():
    assert partition_of("广东/2023/a.txt") == "广东"
    assert partition_of("a.txt") == ROOT_PARTITION


def test_every_batch_of_parses_is_its_own_set_of_files(tmp_path):
    cache_dir, _, _ = _written(tmp_path)
    assert sorted(p.name for p in (cache_dir / "广东").glob("reports-*.parquet")) == [
        "reports-00000.parquet", "reports-00001.parquet"]


def test_a_parse_comes_back_with_the_same_rows_values_and_types(tmp_path):
    cache_dir, files, originals = _written(tmp_path)
    a = next(f for f in files if f.path == "广东/a.txt")
    with ParseCache(cache_dir) as cache:
        hit = cache.lookup(_job(a), VERSION)
    original = originals[a.path]
    assert isinstance(hit, Parsed) and isinstance(original, Parsed)
    assert hit.encoding == original.encoding
    assert hit.rows == original.rows
    assert hit.rows["reports"]["parsed_at"] == [NOW]
    assert len(hit.rows["tokens"]["term"]) > 10
    assert set(hit.rows) == set(REPORT_TABLES)


def test_rows_of_one_report_never_include_another_reports(tmp_path):
    cache_dir, files, originals = _written(tmp_path)
    b = next(f for f in files if f.path == "广东/b.txt")
    with ParseCache(cache_dir) as cache:
        hit = cache.lookup(_job(b), VERSION)
    assert isinstance(hit, Parsed)
    assert set(hit.rows["tokens"]["report_id"]) == {b.report_id}
    assert hit.rows["indicator_mentions"]["value"] == originals[b.path].rows["indicator_mentions"]["value"]


def test_a_refusal_comes_back_with_its_reason(tmp_path):
    cache_dir, files, originals = _written(tmp_path)
    noise = next(f for f in files if f.path == "广东/noise.txt")
    with ParseCache(cache_dir) as cache:
        hit = cache.lookup(_job(noise), VERSION)
    assert isinstance(hit, Refusal)
    assert (hit.path, hit.reason, hit.message) == (noise.path, originals[noise.path].reason,
                                                   originals[noise.path].message)


def test_another_parser_version_path_or_partition_is_a_miss(tmp_path):
    cache_dir, files, _ = _written(tmp_path)
    a = next(f for f in files if f.path == "广东/a.txt")
    with ParseCache(cache_dir) as cache:
        assert cache.lookup(_job(a), "another-version") is None
        assert cache.lookup(_job(InboxFile("广东/renamed.txt", a.location, a.size_bytes, a.modified_at, a.file_id)),
                            VERSION) is None
        assert cache.lookup(_job(InboxFile("浙江/a.txt", a.location, a.size_bytes, a.modified_at, a.file_id)),
                            VERSION) is None
    assert ParseCache(tmp_path / "no-cache").lookup(_job(a), VERSION) is None


def test_the_same_bytes_twice_in_a_partition_are_cached_once_under_the_first_path(tmp_path):
    cache_dir, files, _ = _written(tmp_path)
    with ParseCache(cache_dir) as cache:
        paths = sorted(p for _, _, p in cache.keys("广东"))
        copy = next(f for f in files if f.path == "广东/copy_of_a.txt")
        assert cache.lookup(_job(copy), VERSION) is None
        n_reports = cache._conn.execute(
            "select count(*) from read_parquet(?)", [str(cache_dir / "广东" / "reports-*.parquet")]).fetchone()[0]
    assert paths == ["广东/a.txt", "广东/b.txt", "广东/noise.txt"]
    assert n_reports == 2


def test_writing_a_partition_again_replaces_it(tmp_path):
    cache_dir, files, originals = _written(tmp_path)
    b = next(f for f in files if f.path == "广东/b.txt")
    write_partition(cache_dir, "广东", [(b, originals[b.path])], VERSION)
    with ParseCache(cache_dir) as cache:
        assert [p for _, _, p in cache.keys("广东")] == ["广东/b.txt"]
        assert cache.partitions() == ["广东"]
    assert sorted(p.name for p in cache_dir.iterdir()) == ["广东"]


def test_an_empty_partition_writes_typed_empty_tables(tmp_path):
    write_partition(tmp_path, "空", [], VERSION)
    with duckdb.connect() as conn:
        types = dict(conn.execute("select column_name, column_type from (describe select * from read_parquet(?))",
                                  [str(tmp_path / "空" / "reports-00000.parquet")]).fetchall())
    assert (types["report_year"], types["parsed_at"], types["text"]) == ("INTEGER", "TIMESTAMP", "VARCHAR")


def test_ingest_takes_cached_parses_and_loads_what_a_plain_ingest_loads(tmp_path, monkeypatch):
    inbox = _inbox(tmp_path)
    files = _files(inbox)
    version = inbox_module.parser_version()
    write_partition(tmp_path / "cache", "广东", [(f, process_file(_job(f), version, NOW)) for f in files], version)
    with duckdb.connect() as plain:
        expected = ingest_inbox(plain, inbox, NOW)
        plain_rows = plain.execute("select count(*), sum(char_count) from raw.reports").fetchone()

    def no_parse(*_):
        raise AssertionError("parsed although the cache holds the parse")

    monkeypatch.setattr(inbox_module, "process_file", no_parse)
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
