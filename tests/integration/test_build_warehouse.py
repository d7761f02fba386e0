"""The real Definitions, materialised in process into a temporary warehouse."""
from __future__ import annotations

import shutil

import duckdb
import pytest
from dagster import DagsterEventType, DagsterInstance

from tests.paths import SAMPLES

pytestmark = pytest.mark.slow


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    shutil.copytree(SAMPLES, folder)
    return folder


def _run_build(defs, run_config=None):
    result = defs().resolve_job_def("build_warehouse").execute_in_process(instance=DagsterInstance.ephemeral(),
                                                                          run_config=run_config)
    assert result.success
    return result


def _steps(result, event_type):
    return {e.step_key for e in result.all_events if e.event_type == event_type}


def _query(path, sql):
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute(sql).fetchall()


def test_build_warehouse_end_to_end(dbt_manifest, inbox, tmp_path, monkeypatch, report_site_in_tmp):
    warehouse = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse))
    monkeypatch.setenv("REPORTS_INBOX", str(inbox))
    from dagster_project.definitions import defs

    # Bad input beside the good reports: each is quarantined, none stops the others.
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 40)
    shutil.copyfile(inbox / "004_4257578ea403ef7a.txt", inbox / "copy_of_004.txt")

    result = _run_build(defs)
    snapshot = tmp_path / "warehouse_snapshot.duckdb"
    # The warning check names the reports that lack a mandated part, and every check says what it checks.
    checks = {e.asset_check_evaluation_data.check_name: e.asset_check_evaluation_data
              for e in result.all_events if e.event_type == DagsterEventType.ASSET_CHECK_EVALUATION}
    incomplete = checks["report_structure_is_complete"]
    assert not incomplete.passed and "茶淀街" in incomplete.metadata["failing_rows"].value
    specs = [spec for asset in defs().assets for spec in getattr(asset, "check_specs", [])]
    assert len(specs) > 90 and {spec.name for spec in specs} <= set(checks)
    assert all(spec.description for spec in specs)
    assert snapshot.exists()
    # Each dbt model's columns with the types DuckDB built them with, and their descriptions.
    (reports_mat,) = [m for m in result.asset_materializations_for_node("warehouse_dbt_models")
                      if m.asset_key.path == ["marts", "reports"]]
    columns = {c.name: c for c in reports_mat.metadata["dagster/column_schema"].value.columns}
    assert columns["report_year"].type == "INTEGER" and columns["organization"].type == "VARCHAR"
    assert "报告" in (columns["organization"].description or "")
    # The run leaves the report site behind, with one page per report.
    assert (report_site_in_tmp / "index.html").exists()
    assert len(list(report_site_in_tmp.rglob("*.html"))) > 5

    reports = dict(_query(snapshot, "select organization, report_year from marts.reports"))
    assert len(reports) == 5
    assert reports["天津市红桥区人民政府"] == 2023
    assert reports["天津市静海区人民政府"] == 2024

    sections = _query(snapshot, "select count(*), count(distinct report_id), count(*) filter (where level = 1)"
                                " from marts.sections")[0]
    assert sections[0] > 100 and sections[1] == 5 and sections[2] >= 17
    parts = {p for (p,) in _query(snapshot, "select distinct part from marts.sections where level = 1")}
    assert {"measures", "responsibility", "shortcomings", "plans"} <= parts

    mentions, rates_out_of_range = _query(
        snapshot, "select count(*), count(*) filter (where kind = 'rate' and value not between 0 and 100)"
                  " from marts.indicators")[0]
    assert mentions > 200 and rates_out_of_range == 0
    money = _query(snapshot, "select value from marts.indicators where kind = 'money' and text = '245.88亿元'")
    assert money == [(24588000000.0,)]

    quarantined = dict(_query(snapshot, "select file_name, reason from marts.quarantine"))
    assert quarantined == {"empty.txt": "empty", "binary.txt": "binary"}
    # A byte-identical copy is the same report under a second path.
    assert _query(snapshot, "select status from raw.files where source_path = 'copy_of_004.txt'") == [("alias",)]

    # A second run over the same inbox parses nothing again and duplicates no row.
    counts_sql = ("select (select count(*) from marts.reports), (select count(*) from marts.sections),"
                  " (select count(*) from marts.indicators), (select count(*) from raw.tokens),"
                  " (select count(*) from marts.quarantine)")
    before = _query(snapshot, counts_sql)
    second = _run_build(defs)
    assert _query(snapshot, counts_sql) == before
    # Nothing changed: dbt does nothing and the publish steps are skipped with it …
    assert {"docs__dbt_docs", "publish__report_site"} <= _steps(second, DagsterEventType.STEP_SKIPPED)
    # … unless the launchpad asks for it (force): then they run, and still duplicate nothing.
    forced = _run_build(defs, {"ops": {"warehouse_dbt_models": {"config": {"force": True}}}})
    assert {"docs__dbt_docs", "publish__warehouse_snapshot", "publish__report_site"} <= _steps(
        forced, DagsterEventType.STEP_SUCCESS)
    assert _query(snapshot, counts_sql) == before


UNIDENTIFIED_REPORT = """年度工作情况

一、主要举措和成效
我们推进依法行政，全年办理行政复议案件12件，行政机关负责人出庭应诉率100%。
二、存在的不足
基层执法力量仍显不足。
"""


def test_the_whole_job_over_unidentified_reports_and_bad_files(dbt_manifest, inbox, tmp_path, monkeypatch,
                                                              report_site_in_tmp):
    """A report whose body and year the parser cannot find loads and breaks no step: the site,
    the export and the checks show it as unidentified. Bad files beside it are quarantined."""
    from analytics.export import export_all
    from analytics.snapshot import connect
    from dagster_project.definitions import defs
    from tests import hostile_inputs as hostile

    warehouse = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse))
    monkeypatch.setenv("REPORTS_INBOX", str(inbox))
    (inbox / "unidentified.txt").write_text(UNIDENTIFIED_REPORT, encoding="utf-8")
    hostile.one_line_with_figure(inbox)
    hostile.gbk_named_file(inbox)
    hostile.pdf_flate_bomb(inbox)

    result = _run_build(defs)
    checks = {e.asset_check_evaluation_data.check_name: e.asset_check_evaluation_data
              for e in result.all_events if e.event_type == DagsterEventType.ASSET_CHECK_EVALUATION}
    assert not checks["every_report_has_organization_and_year"].passed  # ERROR, not blocking: the run goes on
    snapshot = tmp_path / "warehouse_snapshot.duckdb"
    assert _query(snapshot, "select count(*) from marts.reports where organization is null") == [(1,)]
    assert dict(_query(snapshot, "select reason, count(*) from marts.quarantine group by 1")) == {
        "not_a_report": 1, "archive_too_large": 1}
    assert _query(snapshot, "select count(*) from marts.reports") == [(7,)]  # five samples, GBK-named, unidentified

    index = (report_site_in_tmp / "index.html").read_text(encoding="utf-8")
    assert "未识别" in index and "天津市南开区人民政府" in index
    [unidentified_id] = _query(snapshot, "select report_id from marts.reports where organization is null")[0]
    assert "未识别" in (report_site_in_tmp / "reports" / f"{unidentified_id}.html").read_text(encoding="utf-8")
    with connect(snapshot) as conn:
        written = export_all(conn, tmp_path / "exports")
    assert (tmp_path / "exports" / "warehouse.xlsx") in written
