"""The file lifecycle rule, through ingest_inbox against an in-memory DuckDB."""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from ingestion.intake.guards import RemovalPolicy
from ingestion.intake.ingest import ingest_inbox
from ingestion.intake.inventory import InboxFile
from ingestion.intake.lifecycle import KnownPath, LoadedReport, plan_inbox

REPORT_A = "甲县人民政府2022年度法治政府建设情况报告\n一、主要举措和成效\n全年办理行政复议案件36件。\n二、存在的不足\n队伍建设仍需加强。\n"
REPORT_B = "乙县人民政府2023年度法治政府建设情况报告\n一、主要举措和成效\n行政机关负责人出庭应诉率100%。\n"
NOW = datetime(2025, 1, 1)


@pytest.fixture
def conn():
    with duckdb.connect(":memory:") as c:
        yield c


def _reports(conn) -> list[tuple[str, str]]:
    return conn.execute("select source_path, title from raw.reports order by 1").fetchall()


def _files(conn) -> dict[str, str]:
    return dict(conn.execute("select source_path, status from raw.files").fetchall())


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_changed_file_replaces_its_report(tmp_path, conn):
    path = _write(tmp_path, "a.txt", REPORT_A)
    ingest_inbox(conn, tmp_path, NOW)
    mentions = conn.execute("select count(*) from raw.indicator_mentions").fetchone()[0]
    path.write_text(REPORT_A + "本年度新增行政复议案件77件。\n", encoding="utf-8")
    summary = ingest_inbox(conn, tmp_path, NOW)
    assert summary.events["changed"] == 1 and summary.parsed == 1
    assert len(_reports(conn)) == 1
    assert conn.execute("select count(*) from raw.indicator_mentions").fetchone()[0] == mentions + 1
    assert _files(conn) == {"a.txt": "parsed"}


def test_a_removed_file_leaves_every_table_and_stays_as_history(tmp_path, conn):
    _write(tmp_path, "a.txt", REPORT_A)
    _write(tmp_path, "b.txt", REPORT_B)
    ingest_inbox(conn, tmp_path, NOW)
    (tmp_path / "a.txt").unlink()
    summary = ingest_inbox(conn, tmp_path, NOW)
    assert (summary.events["removed"], summary.removed_reports) == (1, 1)
    assert [p for p, _ in _reports(conn)] == ["b.txt"]
    for table in ("sections", "sentences", "tokens", "indicator_mentions"):
        assert conn.execute(f"select count(distinct report_id) from raw.{table}").fetchone()[0] == 1, table
    assert conn.execute("select status, removed_at from raw.files where source_path = 'a.txt'").fetchone() == (
        "removed", NOW)


def test_a_renamed_or_moved_file_is_the_same_report_and_is_not_parsed_again(tmp_path, conn):
    _write(tmp_path, "a.txt", REPORT_A)
    ingest_inbox(conn, tmp_path, NOW)
    report_id = conn.execute("select report_id from raw.reports").fetchone()[0]
    (tmp_path / "2022").mkdir()
    os.rename(tmp_path / "a.txt", tmp_path / "2022" / "renamed.txt")
    summary = ingest_inbox(conn, tmp_path, NOW)
    assert (summary.events["moved"], summary.events["removed"], summary.parsed) == (1, 1, 0)
    assert not summary.quarantined
    assert conn.execute("select report_id, source_path from raw.reports").fetchall() == [(report_id, "2022/renamed.txt")]
    assert _files(conn) == {"a.txt": "removed", "2022/renamed.txt": "parsed"}


def test_the_same_bytes_under_two_paths_are_one_report_with_an_alias(tmp_path, conn):
    _write(tmp_path, "a.txt", REPORT_A)
    ingest_inbox(conn, tmp_path, NOW)
    _write(tmp_path, "copy of a.txt", REPORT_A)
    summary = ingest_inbox(conn, tmp_path, NOW)
    assert summary.events["alias"] == 1 and not summary.quarantined
    assert _reports(conn) == [("a.txt", "甲县人民政府2022年度法治政府建设情况报告")]
    assert _files(conn) == {"a.txt": "parsed", "copy of a.txt": "alias"}
    # Removing the original keeps the report: the alias still holds its bytes.
    (tmp_path / "a.txt").unlink()
    summary = ingest_inbox(conn, tmp_path, NOW)
    assert summary.removed_reports == 0
    assert [p for p, _ in _reports(conn)] == ["copy of a.txt"]


def test_moving_the_whole_inbox_changes_nothing(tmp_path, conn):
    _write(tmp_path / "old", "a.txt", REPORT_A)
    _write(tmp_path / "old", "sub/b.txt", REPORT_B)
    ingest_inbox(conn, tmp_path / "old", NOW)
    os.rename(tmp_path / "old", tmp_path / "new")
    summary = ingest_inbox(conn, tmp_path / "new", NOW)
    assert summary.events["unchanged"] == 2 and summary.parsed == 0 and not summary.quarantined


def test_a_bad_save_keeps_the_last_good_report_until_fixed_or_removed(tmp_path, conn):
    path = _write(tmp_path, "a.txt", REPORT_A)
    ingest_inbox(conn, tmp_path, NOW)
    path.write_bytes(bytes(range(256)) * 20)
    summary = ingest_inbox(conn, tmp_path, NOW)
    assert [(r.path, r.reason) for r in summary.quarantined] == [("a.txt", "binary")]
    assert len(_reports(conn)) == 1
    path.unlink()
    ingest_inbox(conn, tmp_path, NOW, removal=RemovalPolicy(confirmed=True))  # the last report leaves: asked for
    assert _reports(conn) == [] and conn.execute("select count(*) from raw.quarantine").fetchone() == (0,)


def test_a_no_op_run_reads_no_file(tmp_path, conn, monkeypatch):
    _write(tmp_path, "a.txt", REPORT_A)
    ingest_inbox(conn, tmp_path, NOW)
    from ingestion.intake import inventory

    def fail(_):
        raise AssertionError("an unchanged file was read")

    monkeypatch.setattr(inventory, "sha256_of", fail)
    assert ingest_inbox(conn, tmp_path, NOW).events["unchanged"] == 1


def _file(path: str, file_id: str) -> InboxFile:
    return InboxFile(path, Path(path), 1, NOW, file_id)


def test_plan_keeps_the_loaded_path_as_primary_and_replaces_only_unheld_reports():
    known = {"a.txt": KnownPath("x" * 64, 1, NOW, "parsed", "x" * 16)}
    loaded = {"x" * 64: LoadedReport("x" * 16, "v1", "a.txt")}
    # a.txt changed to new bytes that b.txt also holds: one parse, b.txt its alias,
    # and the old report leaves when it loads.
    plan = plan_inbox([_file("b.txt", "y" * 64), _file("a.txt", "y" * 64)], [], known, loaded, "v1")
    assert [(j.primary.path, [a.path for a in j.aliases], j.replaces) for j in plan.parse] == [
        ("a.txt", ["b.txt"], ("x" * 16,))]
    assert plan.events == {"a.txt": "changed", "b.txt": "alias"}
    # A refused path is present, not removed.
    assert plan_inbox([], ["a.txt"], known, loaded, "v1").removed_paths == []
