"""Hostile input, one class a case, beside good reports: what the warehouse holds afterwards.

Each case writes the five bundled samples and one hostile input into an inbox and ingests it as a
run of the job does (with the per-file limits), in a process of its own (tests/ingest_probe.py).
It asserts the quarantine row of the hostile path (or the report it loaded), that every sample
loaded, and bounds on the time and on the peak memory of that ingest: its own process and its
busiest parse worker, each measured in the run.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from ingestion.intake.ingest import ingest_inbox
from ingestion.intake.pool import ParseLimits
from tests import hostile_inputs as hostile
from tests.paths import PROJECT_ROOT, SAMPLES

pytestmark = pytest.mark.slow

NOW = datetime(2026, 1, 1)
SAMPLE_COUNT = len(list(SAMPLES.iterdir()))
MAX_SECONDS = 120  # the whole ingest of six files, pool start included, on a loaded 2-core machine
MAX_PEAK_MB = 1024

# generator → the reason its path is quarantined with
QUARANTINED = {
    "symlink_escaping_inbox": "symlink_outside_inbox",
    "dangling_link": "dangling_link",
    "fifo": "not_a_regular_file",
    "empty_file": "empty",
    "hidden_file": "hidden_path",
    "oversized_sparse_file": "too_large",
    "binary_junk_txt": "binary",
    "one_line_with_figure": "not_a_report",
    "pdf_flate_bomb": "archive_too_large",
    "zip_bomb_docx": "archive_too_large",
    "deep_nested_tables_docx": "too_deep",
    "xxe_external_entity_docx": "corrupt",
    "billion_laughs_docx": "corrupt",
    "late_internal_entity_docx": "corrupt",
}


def _probe(inbox: Path, **limits) -> dict:
    args = [f"--{name.replace('_', '-')}={value}" for name, value in limits.items()]
    done = subprocess.run([sys.executable, "-m", "tests.ingest_probe", str(inbox), *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=10 * MAX_SECONDS)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _ingest(inbox: Path) -> tuple[duckdb.DuckDBPyConnection, object, float]:
    conn = duckdb.connect(":memory:")
    start = time.monotonic()
    summary = ingest_inbox(conn, inbox, NOW, workers=2, limits=ParseLimits())
    return conn, summary, time.monotonic() - start


@pytest.fixture
def inbox(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    shutil.copytree(SAMPLES, folder)
    return folder


def _samples_loaded(conn) -> int:
    return conn.execute("select count(*) from raw.reports where source_path in (select unnest(?))",
                        [[p.name for p in SAMPLES.iterdir()]]).fetchone()[0]


@pytest.mark.parametrize("generator", sorted(QUARANTINED))
def test_a_hostile_file_is_quarantined_and_the_rest_load(inbox, generator):
    made = getattr(hostile, generator)(inbox)
    path = (made[0] if isinstance(made, list) else made).relative_to(inbox).as_posix()
    result = _probe(inbox)
    assert result["quarantine"] == {path: QUARANTINED[generator]}
    assert result["messages"][0] and "\n" not in result["messages"][0]
    assert result["reports"] == sorted(p.name for p in SAMPLES.iterdir())
    assert result["seconds"] < MAX_SECONDS, result
    assert result["peak_mb"] < MAX_PEAK_MB and result["peak_worker_mb"] < MAX_PEAK_MB, result


def test_a_gbk_file_name_loads_with_its_bytes_kept_and_its_name_shown(inbox):
    hostile.gbk_named_file(inbox)
    conn, _summary, _ = _ingest(inbox)
    [(stored, shown, status)] = conn.execute(
        "select source_path, file_name, status from raw.files where source_path like '%\\x%'").fetchall()
    assert status == "parsed" and shown == "法治政府报告.txt"
    assert stored == "\\xb7\\xa8\\xd6\\xce\\xd5\\xfe\\xb8\\xae\\xb1\\xa8\\xb8\\xe6.txt"
    assert conn.execute("select organization from raw.reports where source_path = ?", [stored]).fetchone() == (
        "天津市南开区人民政府",)
    # The next run sees the same path, unchanged: nothing is stuck.
    again = ingest_inbox(conn, inbox, NOW, workers=2, limits=ParseLimits())
    assert again.events["unchanged"] == SAMPLE_COUNT + 1 and again.parsed == 0


def test_reports_with_script_or_markup_in_their_titles_load_and_keep_no_script(inbox):
    hostile.script_tag_title_report(inbox)
    hostile.rich_markup_title_report(inbox)
    conn, _summary, _ = _ingest(inbox)
    organizations = {o for (o,) in conn.execute("select organization from raw.reports").fetchall()}
    assert {"天津市河东区人民政府", "天津市和平区人民政府"} <= organizations
    # A text file with a script tag reads as a web page: the script is dropped, never stored.
    assert conn.execute("select count(*) from raw.reports where text like '%<script%' or title like '%<script%'"
                        ).fetchone() == (0,)
    # Markup is text: kept as written, for `make query` to show as written (tests/analytics/test_query.py).
    assert conn.execute("select title from raw.reports where organization = '天津市和平区人民政府'").fetchone()[0].endswith(
        "[bold]x[/bold]:x:[/注释]")


def test_three_thousand_one_line_files_are_not_three_thousand_reports(inbox):
    hostile.many_one_liners(inbox, n=3000)
    conn, summary, seconds = _ingest(inbox)
    reasons = conn.execute("select reason, count(*) from raw.quarantine group by reason").fetchall()
    assert reasons == [("not_a_report", 3000)]
    assert conn.execute("select count(*) from raw.reports").fetchone()[0] == SAMPLE_COUNT
    assert seconds < 4 * MAX_SECONDS


def _repeated_report(path: Path, times: int) -> None:
    """A sample's body written `times` over under one title: a report that takes long and much to parse."""
    body = "\n".join((SAMPLES / "001_aae1e5a32df4a0a7.txt").read_text(encoding="utf-8").splitlines()[1:])
    path.write_text("某县人民政府2022年度法治政府建设情况报告\n" + (body + "\n") * times, encoding="utf-8")


def test_a_file_past_the_time_limit_is_stopped_and_the_rest_load(inbox):
    _repeated_report(inbox / "long.txt", 150)
    conn = duckdb.connect(":memory:")
    summary = ingest_inbox(conn, inbox, NOW, workers=2, limits=ParseLimits(seconds_per_file=1.0))
    assert [(r.path, r.reason) for r in summary.quarantined] == [("long.txt", "time_limit")]
    assert _samples_loaded(conn) == SAMPLE_COUNT


def test_a_file_past_the_memory_limit_is_stopped_and_the_rest_load(inbox):
    _repeated_report(inbox / "huge.txt", 300)
    conn = duckdb.connect(":memory:")
    # A worker holds ~170 MB once its tables are loaded; this file's parse needs twice that.
    summary = ingest_inbox(conn, inbox, NOW, workers=2, limits=ParseLimits(memory_mb=260))
    assert [(r.path, r.reason) for r in summary.quarantined] == [("huge.txt", "memory_limit")]
    assert _samples_loaded(conn) == SAMPLE_COUNT
