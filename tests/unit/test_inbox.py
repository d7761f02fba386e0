"""Incremental, idempotent loading and the quarantine, against an in-memory DuckDB."""
from __future__ import annotations

from datetime import datetime

import duckdb
import pytest

from ingestion.intake import ingest as inbox_module
from ingestion.intake import pool
from ingestion.intake import worker as parse_job
from ingestion.intake.ingest import ingest_inbox
from tests.texts import SMALL_REPORT

REPORT = SMALL_REPORT
NOW = datetime(2025, 1, 1)


def _counts(conn) -> dict[str, int]:
    return {t: conn.execute(f"select count(*) from raw.{t}").fetchone()[0]
            for t in ("files", "reports", "sections", "indicator_mentions", "tokens", "quarantine")}


@pytest.fixture
def conn():
    with duckdb.connect(":memory:") as c:
        yield c


def test_second_run_skips_unchanged_files_and_adds_no_rows(tmp_path, conn):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    first = ingest_inbox(conn, tmp_path, NOW)
    counts = _counts(conn)
    second = ingest_inbox(conn, tmp_path, NOW)
    assert (first.parsed, second.parsed, second.events["unchanged"]) == (1, 0, 1)
    assert _counts(conn) == counts
    assert counts["reports"] == 1 and counts["sections"] >= 3 and counts["indicator_mentions"] >= 2


def test_new_parser_version_replaces_rows_instead_of_adding(tmp_path, conn, monkeypatch):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    ingest_inbox(conn, tmp_path, NOW)
    counts = _counts(conn)
    monkeypatch.setattr(inbox_module, "parser_version", lambda: "next-version")
    summary = ingest_inbox(conn, tmp_path, NOW)
    assert summary.parsed == 1
    assert _counts(conn) == counts


def test_bad_files_are_quarantined_and_good_ones_still_load(tmp_path, conn):
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "noise.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "same.txt").write_text(REPORT, encoding="utf-8")
    summary = ingest_inbox(conn, tmp_path, NOW)
    reasons = {r.path: r.reason for r in summary.quarantined}
    assert reasons == {"empty.txt": "empty", "noise.txt": "binary"}
    assert _counts(conn)["reports"] == 1
    rows = conn.execute("select file_name, reason from raw.quarantine order by file_name").fetchall()
    assert rows == [("empty.txt", "empty"), ("noise.txt", "binary")]
    # The same bytes under a second name are one report with two paths, not a bad file.
    files = conn.execute("select source_path, status from raw.files order by 1").fetchall()
    assert files == [("empty.txt", "quarantined"), ("good.txt", "parsed"), ("noise.txt", "quarantined"),
                     ("same.txt", "alias")]


def test_a_parser_crash_quarantines_one_file_and_keeps_what_was_loaded(tmp_path, conn, monkeypatch):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    ingest_inbox(conn, tmp_path, NOW)

    def broken_parse(text, *how_read):
        raise ValueError("boom")

    monkeypatch.setattr(parse_job, "parse_text", broken_parse)
    monkeypatch.setattr(inbox_module, "parser_version", lambda: "broken-version")
    summary = ingest_inbox(conn, tmp_path, NOW)
    assert [(r.path, r.reason) for r in summary.quarantined] == [("a.txt", "unparseable")]
    assert "ValueError: boom" in summary.quarantined[0].message
    assert _counts(conn)["reports"] == 1  # the earlier parse stays
    # The path is quarantined but still names the report it last parsed to.
    assert conn.execute("select status, report_id is not null from raw.files").fetchall() == [("quarantined", True)]


def test_a_fixed_file_leaves_the_quarantine(tmp_path, conn):
    (tmp_path / "r.txt").write_bytes(b"")
    ingest_inbox(conn, tmp_path, NOW)
    assert conn.execute("select reason from raw.quarantine").fetchall() == [("empty",)]
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    summary = ingest_inbox(conn, tmp_path, NOW)
    assert summary.parsed == 1
    assert conn.execute("select count(*) from raw.quarantine").fetchone() == (0,)


def _rows(conn) -> dict[str, list[tuple]]:
    return {t: conn.execute(f"select * exclude (parsed_at) from raw.{t} order by all").fetchall() if t == "reports"
            else conn.execute(f"select * from raw.{t} order by all").fetchall()
            for t in ("reports", "sections", "sentences", "tokens", "indicator_mentions")}


def test_a_pool_of_workers_loads_the_same_rows_as_one_process(tmp_path, monkeypatch):
    for i in range(7):
        (tmp_path / f"r{i}.txt").write_text(REPORT.replace("36件", f"{36 + i}件"), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    with duckdb.connect(":memory:") as one:
        ingest_inbox(one, tmp_path, NOW, workers=1)
        expected = _rows(one)
    monkeypatch.setattr(pool, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(pool, "CHUNK_FILES", 2)  # several chunks per worker, as at scale
    with duckdb.connect(":memory:") as pooled:
        summary = ingest_inbox(pooled, tmp_path, NOW, workers=2, batch_size=3)
        assert _rows(pooled) == expected
    assert (summary.parsed, [r.reason for r in summary.quarantined]) == (7, ["empty"])
    assert len(expected["reports"]) == 7 and len(expected["tokens"]) > 7 * 20


def test_a_report_whose_rows_do_not_fit_their_types_is_quarantined_and_the_others_load(tmp_path, conn, monkeypatch):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(REPORT.replace("36件", f"{ord(name)}件"), encoding="utf-8")
    real_rows = parse_job.report_rows

    def rows_with_a_bad_value(source, report, version, now):
        rows = real_rows(source, report, version, now)
        if source.path == "b.txt":
            rows["reports"]["char_count"] = ["many"]  # not an INTEGER
        return rows

    monkeypatch.setattr(parse_job, "report_rows", rows_with_a_bad_value)
    summary = ingest_inbox(conn, tmp_path, NOW)
    assert [(r.path, r.reason) for r in summary.quarantined] == [("b.txt", "unparseable")]
    assert summary.quarantined[0].message.startswith("ArrowInvalid: Could not convert 'many'")
    assert conn.execute("select source_path from raw.reports order by 1").fetchall() == [("a.txt",), ("c.txt",)]
