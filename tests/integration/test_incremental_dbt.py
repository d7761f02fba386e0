"""An incremental `dbt build` leaves the warehouse exactly as a build from scratch would.

The samples are built once; then the inbox changes in every way a run meets: one report is
added (the 天津市红桥区 2023 sample rewritten as the body's 2024 report, so governments,
trends, keyword IDF and the indicator matrix all see a new year of an existing body), one is
changed (a figure edited: a new report_id), one removed, one moved into a sub-folder (the
same report under a new source_path, not parsed again), and one re-parsed as a new parser
version would (the same report_id, a new parsed_at, here no figures). Then the warehouse
is copied; the original is built incrementally, the copy with `--full-refresh`, and every
table of marts and intermediate must hold the same rows in both (`except all` both ways).
Five reports changed of five is past the keyword reference's drift threshold, so keywords are
counted again; below it (the last test) a new report is scored against the reference.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest

from ingestion.intake.ingest import ingest_inbox
from tests.integration.test_governments_trends import (
    HONGQIAO_2023,
    second_year_editions,
)
from tests.paths import PROJECT_ROOT, SAMPLES

DBT = Path(sys.executable).parent / "dbt"
INCREMENTAL_MODELS = ("int_section_tree", "int_section_dimensions", "int_mention_indicator_codes",
                      "int_stated_rate_checks", "int_report_terms", "reports", "sections", "indicators",
                      "indicator_value_candidates", "indicator_values", "report_structure",
                      "int_scorecard_sentences", "int_scorecard_plan_terms", "int_scorecard_compliance",
                      "int_scorecard_candour", "int_scorecard_content", "int_scorecard_indicators")
CHANGED = "001_aae1e5a32df4a0a7.txt"
REMOVED = "002_a8395baeb6e86de4.txt"
MOVED = "003_479a9fd2c989504f.txt"
REPARSED = "000_ab50ccf233cec6b6.txt"


def dbt_build(warehouse: Path, work: Path, *flags: str, **dbt_vars) -> subprocess.CompletedProcess:
    build = subprocess.run(
        [str(DBT), "build", *flags, "--profiles-dir", ".",
         "--vars", json.dumps({"warehouse_path": str(warehouse), **dbt_vars}),
         "--target-path", str(work / "target"), "--log-path", str(work / "logs")],
        cwd=PROJECT_ROOT / "dbt_project", capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-4000:]
    return build


def ingest(inbox: Path, warehouse: Path, now: datetime):
    with duckdb.connect(str(warehouse)) as conn:
        summary = ingest_inbox(conn, inbox, now)
    assert not summary.quarantined
    return summary


def with_one_figure_changed(text: str) -> str:
    """The first count of cases (…N件) one higher: other bytes, so a new report_id."""
    match = re.search(r"(\d+)件", text)
    assert match, "the sample states no count of cases"
    return text[:match.start(1)] + str(int(match.group(1)) + 1) + text[match.end(1):]


def reparse_without_figures(conn: duckdb.DuckDBPyConnection, source_path: str) -> None:
    """What a new parser version does to a report: the same report_id, a new parsed_at, other
    rows. Here the new parse finds no figures, so the report has no rows left in the indicator
    models, which delete+insert by itself would never clear."""
    [(report_id,)] = conn.execute("select report_id from raw.reports where source_path = ?", [source_path]).fetchall()
    conn.execute("delete from raw.indicator_links where report_id = ?", [report_id])
    conn.execute("delete from raw.indicator_mentions where report_id = ?", [report_id])
    conn.execute("update raw.reports set parsed_at = parsed_at + interval 1 day where report_id = ?", [report_id])


def built_tables(conn: duckdb.DuckDBPyConnection, catalog: str) -> list[tuple[str, str]]:
    return conn.execute("select schema_name, table_name from duckdb_tables()"
                        " where database_name = ? and schema_name in ('marts', 'intermediate')"
                        " order by 1, 2", [catalog]).fetchall()


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path, Path]:
    root = tmp_path_factory.mktemp("incremental")
    inbox = root / "inbox"
    shutil.copytree(SAMPLES, inbox)
    incremental = root / "incremental.duckdb"
    ingest(inbox, incremental, datetime(2026, 1, 1, tzinfo=timezone.utc))
    dbt_build(incremental, root / "first")

    _, reissue = second_year_editions(HONGQIAO_2023.read_text(encoding="utf-8"))
    (inbox / "hongqiao_2024.txt").write_text(reissue, encoding="utf-8")
    changed = inbox / CHANGED
    changed.write_text(with_one_figure_changed(changed.read_text(encoding="utf-8")), encoding="utf-8")
    (inbox / REMOVED).unlink()
    (inbox / "moved").mkdir()
    (inbox / MOVED).rename(inbox / "moved" / MOVED)
    summary = ingest(inbox, incremental, datetime(2026, 1, 2, tzinfo=timezone.utc))
    assert (summary.events["new"], summary.events["changed"], summary.events["moved"],
            summary.removed_reports) == (1, 1, 1, 1)

    with duckdb.connect(str(incremental)) as conn:
        reparse_without_figures(conn, REPARSED)

    from_scratch = root / "from_scratch.duckdb"
    shutil.copyfile(incremental, from_scratch)
    dbt_build(incremental, root / "second")
    dbt_build(from_scratch, root / "full", "--full-refresh")
    return incremental, from_scratch, root / "second" / "target"


@pytest.mark.slow
def test_the_second_build_is_incremental(builds):
    _, _, target = builds
    run = target / "run" / "rule_of_law_warehouse" / "models"
    for model in INCREMENTAL_MODELS:
        [sql] = run.rglob(f"{model}.sql")
        # The incremental path deletes the rebuilt reports and inserts them; a table build creates.
        assert "insert into" in sql.read_text(encoding="utf-8"), model


@pytest.mark.slow
def test_every_table_equals_a_build_from_scratch(builds):
    incremental, from_scratch, _ = builds
    with duckdb.connect(str(incremental), read_only=True) as conn:
        conn.execute(f"attach '{from_scratch}' as fresh (read_only)")
        tables = built_tables(conn, "incremental")
        assert tables == built_tables(conn, "fresh")
        assert {t for _, t in tables} >= {*INCREMENTAL_MODELS, "keywords", "governments", "indicator_trends",
                                          "indicator_matrix", "scorecard_items", "scorecards",
                                          "government_scorecards"}
        differences = {}
        for schema, table in tables:
            # When a table was built differs, by design; what it holds must not.
            columns = "* exclude (built_at)" if table == "int_keyword_reference" else "*"
            ours = f'(select {columns} from incremental."{schema}"."{table}")'
            theirs = f'(select {columns} from fresh."{schema}"."{table}")'
            only_ours = conn.execute(f"select count(*) from (from {ours} except all from {theirs})").fetchone()[0]
            only_theirs = conn.execute(f"select count(*) from (from {theirs} except all from {ours})").fetchone()[0]
            if only_ours or only_theirs:
                differences[f"{schema}.{table}"] = (only_ours, only_theirs)
        assert differences == {}
        # The changes reached the marts: five reports, the moved one under its new path, the
        # re-parsed one without figures.
        assert conn.execute("select count(*), count(*) filter (where source_path = ?) from marts.reports",
                            [f"moved/{MOVED}"]).fetchone() == (5, 1)
        assert conn.execute("select count(*) from marts.indicators as i join marts.reports as r using (report_id)"
                            " where r.source_path = ?", [REPARSED]).fetchone() == (0,)


def _keywords(warehouse: Path, where: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return conn.execute(f"select * from marts.keywords where {where} order by all").fetchall()


def _reference_built_at(warehouse: Path):
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return conn.execute("select max(built_at) from intermediate.int_keyword_reference").fetchone()[0]


@pytest.mark.slow
def test_keywords_score_a_new_report_against_the_reference_until_the_corpus_drifts(tmp_path):
    """Below the drift threshold a new report is scored as one more document of the reference
    corpus, which here is exactly TF-IDF over today's corpus for it, and no other report's
    keywords move; past it the reference is counted again and every score is exact."""
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    warehouse = tmp_path / "w.duckdb"
    ingest(inbox, warehouse, datetime(2026, 1, 1, tzinfo=timezone.utc))
    dbt_build(warehouse, tmp_path / "first", keyword_reference_drift=1.0)
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        old_ids = [rid for (rid,) in conn.execute("select report_id from marts.reports").fetchall()]
    old_filter = f"report_id in ({', '.join(repr(r) for r in old_ids)})"
    before, built = _keywords(warehouse, old_filter), _reference_built_at(warehouse)

    _, reissue = second_year_editions(HONGQIAO_2023.read_text(encoding="utf-8"))
    (inbox / "hongqiao_2024.txt").write_text(reissue, encoding="utf-8")
    ingest(inbox, warehouse, datetime(2026, 1, 2, tzinfo=timezone.utc))
    exact = tmp_path / "exact.duckdb"
    shutil.copyfile(warehouse, exact)
    dbt_build(exact, tmp_path / "exact", "--full-refresh")
    dbt_build(warehouse, tmp_path / "second", keyword_reference_drift=1.0)  # 1 of 5 changed: 20% < 100%

    assert _reference_built_at(warehouse) == built
    assert _keywords(warehouse, old_filter) == before  # nobody else's scores moved
    new_rows = _keywords(warehouse, f"not {old_filter}")
    assert new_rows and new_rows == _keywords(exact, f"not {old_filter}")
    assert _keywords(warehouse, old_filter) != _keywords(exact, old_filter)  # exact TF-IDF did move them

    dbt_build(warehouse, tmp_path / "third", keyword_reference_drift=0.0)  # any change is drift
    assert _reference_built_at(warehouse) != built
    assert _keywords(warehouse, "true") == _keywords(exact, "true")
