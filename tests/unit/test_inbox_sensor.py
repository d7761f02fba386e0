import dagster as dg

from dagster_project.defs.ingest.sensors import inbox_sensor
from dagster_project.defs.resources import ReportInbox


def _tick(folder, cursor):
    return inbox_sensor(dg.build_sensor_context(cursor=cursor, resources={"inbox": ReportInbox(folder=str(folder))}))


def test_sensor_requests_a_build_only_when_the_inbox_changes(tmp_path):
    (tmp_path / "a.txt").write_text("报告", encoding="utf-8")

    first = _tick(tmp_path, None)
    assert isinstance(first, dg.RunRequest)
    cursor = first.run_key

    assert isinstance(_tick(tmp_path, cursor), dg.SkipReason)

    (tmp_path / "b.txt").write_text("另一份报告", encoding="utf-8")
    again = _tick(tmp_path, cursor)
    assert isinstance(again, dg.RunRequest) and again.run_key != cursor
    (tmp_path / "a.txt").unlink()
    assert isinstance(_tick(tmp_path, again.run_key), dg.RunRequest)


def test_sensor_skips_a_missing_inbox(tmp_path):
    assert isinstance(_tick(tmp_path / "nowhere", None), dg.SkipReason)


def test_the_inbox_resource_falls_back_to_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTS_INBOX", str(tmp_path))
    assert ReportInbox().path == tmp_path
    assert ReportInbox(folder=str(tmp_path / "x")).path == tmp_path / "x"
