"""A wrong folder never empties the warehouse: the ingest stops before it writes anything."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from ingestion.intake.guards import (
    InboxUnavailableError,
    RemovalNotConfirmedError,
    RemovalPolicy,
    check_removal,
)
from ingestion.intake.ingest import ingest_inbox
from ingestion.intake.inventory import InboxFile
from ingestion.intake.lifecycle import KnownPath, LoadedReport, plan_inbox, reports_leaving

NOW = datetime(2025, 1, 1)
REPORT = "{place}人民政府2022年度法治政府建设情况报告\n一、主要举措和成效\n全年办理行政复议案件{n}件。\n"
PLACES = ("甲县", "乙县", "丙县", "丁县")


def _inbox(folder: Path, places=PLACES) -> Path:
    folder.mkdir(exist_ok=True)
    for i, place in enumerate(places):
        (folder / f"{i}.txt").write_text(REPORT.format(place=place, n=10 + i), encoding="utf-8")
    return folder


def _dump(conn) -> dict[str, list[tuple]]:
    return {t: conn.execute(f"select * from raw.{t} order by all").fetchall()
            for t in ("files", "reports", "sections", "quarantine")}


@pytest.fixture
def loaded(tmp_path):
    inbox = _inbox(tmp_path / "inbox")
    conn = duckdb.connect(":memory:")
    ingest_inbox(conn, inbox, NOW, workers=1)
    yield conn, inbox
    conn.close()


@pytest.mark.parametrize("problem", ["does not exist", "is a file, not a folder"])
def test_a_missing_inbox_or_a_file_writes_nothing(loaded, tmp_path, problem):
    conn, _ = loaded
    before = _dump(conn)
    folder = tmp_path / "not_there"
    if problem.startswith("is a file"):
        folder.write_text("x")
    with pytest.raises(InboxUnavailableError) as caught:
        ingest_inbox(conn, folder, NOW)
    assert caught.value.problem == problem and str(folder) in str(caught.value)
    assert _dump(conn) == before


def test_an_emptied_inbox_writes_nothing_until_confirmed(loaded, tmp_path):
    conn, inbox = loaded
    before = _dump(conn)
    for path in inbox.iterdir():
        path.unlink()
    with pytest.raises(RemovalNotConfirmedError) as caught:
        ingest_inbox(conn, inbox, NOW)
    assert (caught.value.reports, caught.value.leaving) == (4, 4)
    assert "all of them" in str(caught.value) and "CONFIRM_REMOVAL=1" in str(caught.value)
    assert _dump(conn) == before
    summary = ingest_inbox(conn, inbox, NOW, removal=RemovalPolicy(confirmed=True))
    assert summary.removed_reports == 4 and _dump(conn)["reports"] == []


def test_up_to_half_leaves_unasked_more_needs_a_policy_or_a_confirmation(loaded):
    conn, inbox = loaded
    (inbox / "0.txt").unlink()
    (inbox / "1.txt").unlink()  # 2 of 4: half may go
    assert ingest_inbox(conn, inbox, NOW).removed_reports == 2
    (inbox / "2.txt").unlink()  # 1 of the 2 left: 50%, still allowed
    assert ingest_inbox(conn, inbox, NOW).removed_reports == 1
    (inbox / "3.txt").unlink()  # the last one: never unasked
    with pytest.raises(RemovalNotConfirmedError):
        ingest_inbox(conn, inbox, NOW, removal=RemovalPolicy(max_removed_share=1.0))


def test_renamed_and_changed_files_remove_nothing(loaded):
    conn, inbox = loaded
    for i, path in enumerate(sorted(inbox.iterdir())):
        if i % 2:
            path.rename(inbox / f"renamed_{path.name}")
        else:
            path.write_text(REPORT.format(place=PLACES[i], n=99), encoding="utf-8")
    summary = ingest_inbox(conn, inbox, NOW)  # every path changed or moved, no report leaves
    assert summary.removed_reports == 0 and summary.events["moved"] == 2 and summary.events["changed"] == 2


def test_the_policy_comes_from_the_run_else_the_environment(monkeypatch):
    assert RemovalPolicy.from_settings() == RemovalPolicy(0.5, False)
    monkeypatch.setenv("CONFIRM_REMOVAL", "1")
    monkeypatch.setenv("MAX_REMOVED_SHARE", "0.8")
    assert RemovalPolicy.from_settings() == RemovalPolicy(0.8, True)
    assert RemovalPolicy.from_settings(max_removed_share=0.2).max_removed_share == 0.2


@pytest.mark.parametrize(("reports", "leaving", "policy", "refused"), [
    (10, 5, RemovalPolicy(), False),
    (10, 6, RemovalPolicy(), True),
    (10, 10, RemovalPolicy(max_removed_share=1.0), True),
    (10, 10, RemovalPolicy(confirmed=True), False),
    (0, 0, RemovalPolicy(), False),
])
def test_check_removal(reports, leaving, policy, refused):
    if refused:
        with pytest.raises(RemovalNotConfirmedError):
            check_removal(Path("/inbox"), reports, leaving, policy)
    else:
        check_removal(Path("/inbox"), reports, leaving, policy)


def _file(path: str, file_id: str) -> InboxFile:
    return InboxFile(path, Path(path), 1, NOW, file_id)


def test_reports_leaving_counts_only_reports_no_present_path_holds():
    loaded = {f"{c * 64}": LoadedReport(c * 16, "v", f"{c}.txt") for c in "abcd"}
    known = {f"{c}.txt": KnownPath(c * 64, 1, NOW, "parsed", c * 16) for c in "abcd"}
    files = [_file("a.txt", "a" * 64),  # unchanged
             _file("moved/b.txt", "b" * 64),  # b moved
             _file("c.txt", "e" * 64)]  # c changed: replaced, not removed
    # d.txt is present but its new bytes were refused: it keeps its report
    plan = plan_inbox(files, ["d.txt"], known, loaded, "v")
    assert reports_leaving(plan, loaded, known, ["d.txt"]) == set()
    plan = plan_inbox(files[:1], [], known, loaded, "v")
    assert reports_leaving(plan, loaded, known, []) == {"b" * 16, "c" * 16, "d" * 16}


def test_a_raw_schema_rebuild_over_an_emptied_inbox_writes_nothing(loaded, monkeypatch):
    """A new raw schema rebuilds the raw layer from the inbox: over an empty folder that would
    drop every report before the removal could be counted, so the guard comes first."""
    from ingestion.warehouse import store

    conn, inbox = loaded
    before = _dump(conn)
    for path in inbox.iterdir():
        path.unlink()
    monkeypatch.setattr(store, "schema_version", lambda: "a-newer-schema")
    with pytest.raises(RemovalNotConfirmedError) as caught:
        ingest_inbox(conn, inbox, NOW)
    assert (caught.value.reports, caught.value.leaving) == (4, 4)
    assert _dump(conn) == before
