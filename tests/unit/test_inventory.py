"""Containment: every path of the inbox is read or refused with its own reason, nothing silently."""
from __future__ import annotations

import os
from datetime import datetime

import duckdb

from ingestion.intake.ingest import ingest_inbox
from ingestion.intake.inventory import scan_inbox

REPORT = "甲县人民政府2022年度法治政府建设情况报告\n一、主要举措和成效\n全年办理行政复议案件36件。\n"


def test_each_containment_case_has_its_reason_and_good_files_still_load(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(REPORT, encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text(REPORT.replace("甲县", "丙县"), encoding="utf-8")
    (inbox / "outside.txt").symlink_to(outside)
    (inbox / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (inbox / "inside-link.txt").symlink_to(inbox / "good.txt")
    (inbox / "..name.txt").write_text(REPORT, encoding="utf-8")
    (inbox / ".git").mkdir()
    (inbox / ".git" / "config").write_text("x")
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "empty.docx").write_bytes(b"")

    files, refusals = scan_inbox(inbox)
    assert [f.path for f in files] == ["good.txt", "inside-link.txt"]
    assert {r.path: r.reason for r in refusals} == {
        "..name.txt": "hidden_path", ".git": "hidden_path", "dangling.txt": "dangling_link",
        "empty.docx": "empty", "outside.txt": "symlink_outside_inbox", "pipe.txt": "not_a_regular_file",
    }

    with duckdb.connect(":memory:") as conn:
        summary = ingest_inbox(conn, inbox, datetime(2025, 1, 1))
        assert conn.execute("select title from raw.reports").fetchall() == [("甲县人民政府2022年度法治政府建设情况报告",)]
        assert summary.events["quarantined"] == 6
        # The outside file was never opened: no report of 丙县 anywhere.
        assert conn.execute("select count(*) from raw.reports where title like '%丙县%'").fetchone() == (0,)


def test_an_unreadable_file_gets_a_quarantine_row(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "locked.txt").write_text(REPORT.replace("甲县", "丁县"), encoding="utf-8")
    from ingestion.intake import inventory

    real = inventory.sha256_of

    def deny(location):
        if location.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(location))
        return real(location)

    monkeypatch.setattr(inventory, "sha256_of", deny)
    with duckdb.connect(":memory:") as conn:
        ingest_inbox(conn, tmp_path, datetime(2025, 1, 1))
        assert conn.execute("select source_path, reason from raw.quarantine").fetchall() == [("locked.txt", "unreadable")]
        assert conn.execute("select count(*) from raw.reports").fetchone() == (1,)


def test_an_oversized_file_is_refused_from_its_size_before_reading(tmp_path, monkeypatch):
    from ingestion.intake import inventory

    monkeypatch.setattr(inventory, "MAX_FILE_BYTES", 10)
    (tmp_path / "big.txt").write_text(REPORT, encoding="utf-8")
    _, refusals = scan_inbox(tmp_path)
    assert [(r.path, r.reason) for r in refusals] == [("big.txt", "too_large")]
