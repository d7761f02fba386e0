from dagster import RunRequest, SkipReason, build_sensor_context

from dagster_project.sensors import inbox_sensor


def test_sensor_requests_a_build_only_when_the_inbox_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTS_INBOX", str(tmp_path))
    (tmp_path / "a.txt").write_text("报告", encoding="utf-8")

    first = inbox_sensor(build_sensor_context(cursor=None))
    assert isinstance(first, RunRequest)
    cursor = first.run_key

    assert isinstance(inbox_sensor(build_sensor_context(cursor=cursor)), SkipReason)

    (tmp_path / "b.txt").write_text("另一份报告", encoding="utf-8")
    again = inbox_sensor(build_sensor_context(cursor=cursor))
    assert isinstance(again, RunRequest) and again.run_key != cursor


def test_sensor_skips_a_missing_inbox(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTS_INBOX", str(tmp_path / "nowhere"))
    assert isinstance(inbox_sensor(build_sensor_context(cursor=None)), SkipReason)
