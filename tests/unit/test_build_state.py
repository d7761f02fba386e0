import dataclasses
from datetime import datetime

import duckdb

from ingestion.intake.ingest import ingest_inbox
from ingestion.intake.inventory import inbox_fingerprint
from ingestion.version import parser_version
from ingestion.warehouse import build_state
from tests.paths import PROJECT_ROOT

REPORT = "甲县人民政府2022年度法治政府建设情况报告\n一、主要举措和成效\n全年办理行政复议案件36件。\n"


def test_the_fingerprint_changes_with_the_raw_layer_and_not_otherwise(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    with duckdb.connect(":memory:") as conn:
        ingest_inbox(conn, tmp_path, datetime(2025, 1, 1))
        first = build_state.raw_fingerprint(conn)
        ingest_inbox(conn, tmp_path, datetime(2025, 1, 2))
        assert build_state.raw_fingerprint(conn) == first  # a no-op run
        (tmp_path / "a.txt").rename(tmp_path / "b.txt")
        ingest_inbox(conn, tmp_path, datetime(2025, 1, 3))
        assert build_state.raw_fingerprint(conn) != first  # a move changes source_path in the marts


def test_the_last_published_build_is_one_row_rewritten_only_when_it_differs(tmp_path):
    build = build_state.PublishedBuild("raw", build_state.dbt_checksum(PROJECT_ROOT / "dbt_project"),
                                       "inbox", "parser", "site", str(tmp_path / "site"))
    with duckdb.connect(str(tmp_path / "w.duckdb")) as conn:
        assert build_state.last_published(conn) is None
        build_state.record_published(conn, build)
        stamp = conn.execute("select recorded_at from meta.dbt_builds").fetchone()
        build_state.record_published(conn, build)  # the same build again: nothing written
        assert conn.execute("select recorded_at from meta.dbt_builds").fetchone() == stamp
        assert build_state.last_published(conn) == build
        newer = dataclasses.replace(build, raw_fingerprint="raw2")
        build_state.record_published(conn, newer)
        assert build_state.last_published(conn) == newer
        assert conn.execute("select count(*) from meta.dbt_builds").fetchone() == (1,)


def test_a_record_of_another_shape_counts_as_none(tmp_path):
    with duckdb.connect(":memory:") as conn:
        conn.execute("create schema meta")
        conn.execute("create table meta.dbt_builds (raw_fingerprint VARCHAR, dbt_checksum VARCHAR, built_at TIMESTAMP)")
        conn.execute("insert into meta.dbt_builds values ('raw', 'dbt', current_timestamp)")
        assert build_state.last_published(conn) is None


def test_the_ingest_records_the_listing_it_planned_from(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    with duckdb.connect(":memory:") as conn:
        ingest_inbox(conn, tmp_path, datetime(2025, 1, 1))
        recorded = build_state.last_ingest(conn)
        assert recorded == build_state.Ingest(inbox_fingerprint(tmp_path), parser_version())
        (tmp_path / "b.txt").write_text(REPORT + "二、存在的不足\n", encoding="utf-8")
        assert inbox_fingerprint(tmp_path) != recorded.inbox_fingerprint
        ingest_inbox(conn, tmp_path, datetime(2025, 1, 2))
        assert build_state.last_ingest(conn).inbox_fingerprint == inbox_fingerprint(tmp_path)


def test_the_dbt_checksum_follows_the_project_files(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "a.sql").write_text("select 1")
    before = build_state.dbt_checksum(tmp_path)
    (tmp_path / "models" / "a.sql").write_text("select 2")
    assert build_state.dbt_checksum(tmp_path) != before
