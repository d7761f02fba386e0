"""One government across two years and two names: marts.governments and marts.indicator_trends.

The second year is the bundled 天津市红桥区 2023 report rewritten as its 2024 report: the
title and opening sentence say 2024, the title drops 天津市 (a name variant of the same
body), and the count of lawsuits against the district government goes from 32 to 40. It
comes in two editions: one signed 2025年2月1日 that says 41, and the corrected re-issue signed
2025年3月1日 that says 40, which is the one the year's trend must use.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest

from ingestion.intake.ingest import ingest_inbox
from tests.paths import PROJECT_ROOT, SAMPLES

HONGQIAO_2023 = SAMPLES / "004_4257578ea403ef7a.txt"
SECOND_YEAR_EDITS = (
    ("天津市红桥区人民政府2023年法治政府建设情况报告", "红桥区人民政府2024年法治政府建设情况报告"),
    ("2023年，红桥区坚持", "2024年，红桥区坚持"),
    ("区政府作为被告的行政诉讼案件32件", "区政府作为被告的行政诉讼案件40件"),
)
HONGQIAO = "120106000000:government"
FIRST_EDITION_EDIT = ("行政诉讼案件40件", "行政诉讼案件41件")


def edited(text: str, *edits: tuple[str, str]) -> str:
    for before, after in edits:
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    return text


def second_year_editions(text: str) -> tuple[str, str]:
    """The 2024 report as first published and as re-issued with the figure corrected."""
    corrected = edited(text, *SECOND_YEAR_EDITS).rstrip()
    first = edited(corrected, FIRST_EDITION_EDIT)
    return first + "\n\n红桥区人民政府\n2025年2月1日\n", corrected + "\n\n红桥区人民政府\n2025年3月1日\n"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("trends")
    inbox = root / "inbox"
    shutil.copytree(SAMPLES, inbox)
    first, reissue = second_year_editions(HONGQIAO_2023.read_text(encoding="utf-8"))
    (inbox / "hongqiao_2024_first.txt").write_text(first, encoding="utf-8")
    (inbox / "hongqiao_2024_reissue.txt").write_text(reissue, encoding="utf-8")
    path = root / "warehouse.duckdb"
    with duckdb.connect(str(path)) as conn:
        summary = ingest_inbox(conn, inbox, datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert summary.parsed == 7 and not summary.quarantined

    dbt = Path(sys.executable).parent / "dbt"
    build = subprocess.run(
        [str(dbt), "build", "--profiles-dir", ".", "--vars", json.dumps({"warehouse_path": str(path)}),
         "--target-path", str(root / "target"), "--log-path", str(root / "logs")],
        cwd=PROJECT_ROOT / "dbt_project", capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-4000:]
    return path


def _query(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute(sql).fetchall()


@pytest.mark.slow
def test_two_years_and_two_names_are_one_government(warehouse):
    rows = _query(warehouse, "select organization, report_year, publish_date::varchar, government_id"
                             " from marts.reports where district = '红桥区' order by report_year, publish_date")
    assert rows == [("天津市红桥区人民政府", 2023, None, HONGQIAO), ("红桥区人民政府", 2024, "2025-02-01", HONGQIAO),
                    ("红桥区人民政府", 2024, "2025-03-01", HONGQIAO)]

    governments = _query(warehouse, "select government_id, formal_name, name_variants, body_kind, admin_level,"
                                    " province, city, district, adcode, years_reported, report_count"
                                    " from marts.governments order by government_id")
    # Seven reports, five bodies: only the three 红桥区 reports merge.
    assert len(governments) == 5
    assert governments[0] == (HONGQIAO, "天津市红桥区人民政府", ["天津市红桥区人民政府", "红桥区人民政府"],
                              "government", "district", "天津市", None, "红桥区", "120106000000",
                              [2023, 2024], 3)
    assert {g[10] for g in governments[1:]} == {1}


@pytest.mark.slow
def test_every_report_mart_carries_the_government(warehouse):
    for mart in ("sections", "indicators", "indicator_value_candidates", "indicator_values",
                 "report_structure", "keywords"):
        missing = _query(warehouse, f"select count(*) from marts.{mart} as m join marts.reports as r using (report_id)"
                                    f" where m.government_id is distinct from r.government_id")
        assert missing == [(0,)], mart
    hongqiao_sections = _query(warehouse, f"select count(distinct report_id) from marts.sections"
                                          f" where government_id = '{HONGQIAO}'")
    assert hongqiao_sections == [(3,)]


@pytest.mark.slow
def test_indicator_trends_give_the_change_from_the_previous_year(warehouse):
    # The first edition's report_id sorts after the re-issue's, so only publish_date picks the re-issue.
    editions = _query(warehouse, "select report_id from marts.reports where report_year = 2024 and district = '红桥区'"
                                 " order by publish_date")
    assert editions[0] > editions[1]
    lawsuits = _query(warehouse, "select report_year, value, previous_year, previous_value, change, change_pct,"
                                 " sentence, previous_sentence from marts.indicator_trends"
                                 f" where government_id = '{HONGQIAO}' and indicator_code = 'admin_litigation_cases'"
                                 " order by report_year")
    assert [row[:6] for row in lawsuits] == [(2023, 32.0, None, None, None, None),
                                             (2024, 40.0, 2023, 32.0, 8.0, 25.0)]
    assert "行政诉讼案件40件" in lawsuits[1][6] and "行政诉讼案件32件" in lawsuits[1][7]

    # Every other indicator of the district is stated alike in both years: no change.
    unchanged = _query(warehouse, "select count(*), count(*) filter (where change = 0 and change_pct = 0)"
                                  " from marts.indicator_trends"
                                  f" where government_id = '{HONGQIAO}' and report_year = 2024"
                                  " and indicator_code <> 'admin_litigation_cases'")
    assert unchanged[0][0] > 10 and unchanged[0][0] == unchanged[0][1]
    # Bodies with one report have no previous year.
    assert _query(warehouse, "select count(*) from marts.indicator_trends"
                             f" where government_id <> '{HONGQIAO}' and previous_year is not null") == [(0,)]
