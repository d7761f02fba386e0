"""The ingest asset and the raw-layer checks alone, materialised in process (no dbt)."""
from __future__ import annotations

import shutil

import dagster as dg
import duckdb
import pytest

from dagster_project.defs.ingest import checks
from dagster_project.defs.ingest.assets import raw_tables
from dagster_project.defs.resources import ParseCacheFolder, ReportInbox, Warehouse
from ingestion.parser.report import parse_file
from tests.paths import SAMPLES

NO_ORGANIZATION = """年度工作情况

一、主要举措和成效
我们推进依法行政，行政复议案件办结率100%。
二、存在的不足
工作仍有差距。
"""


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    shutil.copytree(SAMPLES, folder)
    return folder


def _materialize(inbox, warehouse) -> dg.ExecuteInProcessResult:
    return dg.materialize([raw_tables, *dg.load_asset_checks_from_modules([checks])], resources={
        "warehouse": Warehouse(database=str(warehouse)), "inbox": ReportInbox(folder=str(inbox)),
        "parse_cache": ParseCacheFolder(folder=str(warehouse.parent / "parse_cache"))})


def _raw_counts(warehouse) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return {t: conn.execute(f"select count(*) from raw.{t}").fetchone()[0]
                for t in ("files", "reports", "sections", "indicator_mentions", "quarantine")}


def _expected(paths) -> dict[str, int]:
    parses = [parse_file(p) for p in paths]
    return {"reports": len(parses), "sections": sum(len(p.sections) for p in parses),
            "indicator_mentions": sum(len(p.mentions) for p in parses)}


def _metadata(result: dg.ExecuteInProcessResult, table: str) -> dict:
    [materialization] = [m for m in result.get_asset_materialization_events()
                         if m.asset_key == dg.AssetKey(["raw", table])]
    return {k: v.value for k, v in materialization.materialization.metadata.items()}


def _checks(result: dg.ExecuteInProcessResult) -> dict[str, tuple[bool, dg.AssetCheckSeverity]]:
    return {e.check_name: (e.passed, e.severity) for e in result.get_asset_check_evaluations()}


def test_ingest_loads_the_inbox_and_a_second_run_parses_nothing(inbox, tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    expected = _expected(sorted(inbox.iterdir())) | {"files": 5, "quarantine": 0}

    first = _materialize(inbox, warehouse)
    assert first.success
    assert _raw_counts(warehouse) == expected
    meta = _metadata(first, "reports")
    assert (meta["files_new"], meta["files_parsed"], meta["files_unchanged"], meta["files_quarantined"]) == (5, 5, 0, 0)
    assert meta["dagster/row_count"] == 5
    assert _metadata(first, "sections")["dagster/row_count"] == expected["sections"]
    assert all(passed for passed, _ in _checks(first).values())
    assert set(_checks(first)) == {"quarantine_share_below_20_percent", "every_report_has_an_outline",
                                   "every_report_has_organization_and_year", "inbox_is_a_folder",
                                   "no_unconfirmed_removal"}

    again = _materialize(inbox, warehouse)
    assert again.success
    assert _raw_counts(warehouse) == expected
    meta = _metadata(again, "files")
    assert (meta["files_new"], meta["files_parsed"], meta["files_unchanged"]) == (0, 0, 5)


def test_raw_checks_fail_on_a_report_without_organization_or_outline_and_on_many_quarantined(inbox, tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    (inbox / "no_organization.txt").write_text(NO_ORGANIZATION, encoding="utf-8")
    (inbox / "flat.txt").write_text("天津市某区人民政府\n2023年法治政府建设情况报告\n全年办理行政复议案件12件。\n",
                                    encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 40)
    good = [p for p in sorted(inbox.iterdir()) if p.stat().st_size and p.name != "binary.txt"]

    result = _materialize(inbox, warehouse)
    # Failed checks report; they do not fail the run (none is blocking).
    assert result.success
    assert _raw_counts(warehouse) == _expected(good) | {"files": 9, "quarantine": 2}
    meta = _metadata(result, "quarantine")
    assert (meta["files_new"], meta["files_quarantined"], meta["files_parsed"]) == (7, 2, 7)

    checks = _checks(result)
    assert checks == {
        "inbox_is_a_folder": (True, dg.AssetCheckSeverity.ERROR),
        "no_unconfirmed_removal": (True, dg.AssetCheckSeverity.ERROR),
        "quarantine_share_below_20_percent": (False, dg.AssetCheckSeverity.WARN),  # 2 of 9
        "every_report_has_an_outline": (False, dg.AssetCheckSeverity.WARN),
        "every_report_has_organization_and_year": (False, dg.AssetCheckSeverity.ERROR),
    }
    evaluations = {e.check_name: {k: v.value for k, v in e.metadata.items()}
                   for e in result.get_asset_check_evaluations()}
    assert evaluations["every_report_has_organization_and_year"]["paths"] == ["no_organization.txt"]
    assert evaluations["every_report_has_an_outline"]["paths"] == ["flat.txt"]
    assert evaluations["quarantine_share_below_20_percent"]["quarantined"] == 2


@pytest.mark.parametrize("make_inbox", [
    lambda inbox: [p.unlink() for p in inbox.iterdir()],  # an emptied folder, or a share mounted empty
    lambda inbox: shutil.rmtree(inbox),  # the folder is gone (a typo, an unmounted share)
    lambda inbox: (shutil.rmtree(inbox), inbox.write_text("not a folder")),  # a file where the folder was
])
def test_a_wrong_folder_changes_nothing_and_fails_its_blocking_check(inbox, tmp_path, make_inbox):
    warehouse = tmp_path / "wh.duckdb"
    assert _materialize(inbox, warehouse).success
    before = _raw_counts(warehouse)
    make_inbox(inbox)

    result = dg.materialize([raw_tables], raise_on_error=False, resources={
        "warehouse": Warehouse(database=str(warehouse)), "inbox": ReportInbox(folder=str(inbox)),
        "parse_cache": ParseCacheFolder(folder=str(tmp_path / "parse_cache"))})
    assert not result.success
    assert _raw_counts(warehouse) == before
    failed = [e for e in result.get_asset_check_evaluations() if not e.passed]
    assert failed and all(e.blocking and e.severity == dg.AssetCheckSeverity.ERROR for e in failed)
    assert "no_unconfirmed_removal" in {e.check_name for e in failed}
    assert all(str(inbox) in e.description and "Nothing was changed" in e.description for e in failed)
    assert not result.get_asset_materialization_events()


def test_a_confirmed_run_removes_what_the_folder_no_longer_holds(inbox, tmp_path, monkeypatch):
    warehouse = tmp_path / "wh.duckdb"
    assert _materialize(inbox, warehouse).success
    for path in sorted(inbox.iterdir())[:3]:  # 3 of 5 leave: more than half
        path.unlink()
    assert not dg.materialize([raw_tables], raise_on_error=False, resources={
        "warehouse": Warehouse(database=str(warehouse)), "inbox": ReportInbox(folder=str(inbox)),
        "parse_cache": ParseCacheFolder(folder=str(tmp_path / "parse_cache"))}).success
    monkeypatch.setenv("CONFIRM_REMOVAL", "1")
    assert _materialize(inbox, warehouse).success
    assert _raw_counts(warehouse)["reports"] == 2
