from datetime import datetime

import duckdb

from ingestion import build_state
from ingestion.inbox import ingest_inbox
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


def test_the_last_build_is_recorded_in_the_warehouse(tmp_path):
    with duckdb.connect(":memory:") as conn:
        assert build_state.last_build(conn) is None
        inputs = build_state.BuildInputs("raw", build_state.dbt_checksum(PROJECT_ROOT / "dbt_project"))
        build_state.record_build(conn, inputs)
        build_state.record_build(conn, inputs)
        assert build_state.last_build(conn) == inputs
        assert conn.execute("select count(*) from meta.dbt_builds").fetchone() == (1,)


def test_the_dbt_checksum_follows_the_project_files(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "a.sql").write_text("select 1")
    before = build_state.dbt_checksum(tmp_path)
    (tmp_path / "models" / "a.sql").write_text("select 2")
    assert build_state.dbt_checksum(tmp_path) != before
