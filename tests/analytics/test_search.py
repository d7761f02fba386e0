"""`make search`: sections containing the terms as substrings, whole words first, then BM25; filters; links."""
from __future__ import annotations

import math
import re
import subprocess

import pytest

from analytics.search import K1, USAGE, B, Filters, SearchError, search
from tests.analytics.test_query import make
from tests.paths import PROJECT_ROOT


def test_a_term_inside_a_longer_word_is_found_and_whole_words_rank_first(built_warehouse, snapshot_conn):
    # 红桥区 writes 出庭应诉率保持100%: jieba keeps 负责人出庭应诉率 one word, so only a substring search finds it.
    words = {t for (t,) in snapshot_conn.execute(
        "select distinct t.term from raw.tokens t join marts.reports r using (report_id)"
        " where r.organization = '天津市红桥区人民政府' and contains(t.term, '出庭应诉')").fetchall()}
    assert words == {"负责人出庭应诉率"}
    out = make("search", built_warehouse, Q="出庭应诉").stdout
    ranked = re.findall(r"^ *\d+\. (\S+) · ", out, re.M)
    assert "天津市红桥区人民政府" in ranked
    assert "【出庭应诉】率保持100%" in out
    hits = search(snapshot_conn, "出庭应诉")
    whole = [hit.whole_word_hits > 0 for hit in hits]
    assert whole == sorted(whole, reverse=True) and any(whole) and not all(whole)  # whole-word hits first
    honggiao = next(hit for hit in hits if hit.organization == "天津市红桥区人民政府")
    assert honggiao.whole_word_hits == 0 and honggiao.hits >= 1


def test_year_government_level_part_and_dimension_filter(built_warehouse, snapshot_conn):
    out = make("search", built_warehouse, Q="复议", YEAR="2024").stdout
    years = set(re.findall(r" · (\d{4})年 · ", out))
    assert years == {"2024"}
    assert {hit.report_year for hit in search(snapshot_conn, "复议", limit=100)} == {2023, 2024}

    assert {h.organization for h in search(snapshot_conn, "复议", 100, Filters(government="红桥区"))} == {
        "天津市红桥区人民政府"}
    assert {h.organization for h in search(snapshot_conn, "执法", 100, Filters(level="街道/乡镇"))} == {"茶淀街"}
    assert {h.part for h in search(snapshot_conn, "执法", 100, Filters(part="plans"))} == {"plans"}
    assert {h.part for h in search(snapshot_conn, "执法", 100, Filters(part="下一年度安排"))} == {"plans"}
    disputes = search(snapshot_conn, "调解", 100, Filters(dimension="dispute_resolution"))
    assert disputes and {h.dimension for h in disputes} == {"dispute_resolution"}
    with pytest.raises(SearchError, match="district"):
        search(snapshot_conn, "执法", filters=Filters(level="县级"))


def test_punctuation_and_sql_are_text_to_find(built_warehouse, snapshot_conn):
    assert search(snapshot_conn, "a' OR 1=1 --") == []
    assert "没有找到" in make("search", built_warehouse, Q="a' OR 1=1 --").stdout
    assert search(snapshot_conn, "%") != []  # a percent sign is a character here, not a LIKE wildcard
    assert all("%" in hit.before + hit.term + hit.after for hit in search(snapshot_conn, "%", limit=5))
    quoted = search(snapshot_conn, "“枫桥经验”")
    assert quoted and all(hit.term == "“枫桥经验”" for hit in quoted)


def test_every_term_must_occur_and_the_limit_holds(snapshot_conn):
    both = search(snapshot_conn, "复议 调解", limit=100)
    assert both
    for hit in both:
        section = snapshot_conn.execute("select title || body from marts.sections where section_id = ?",
                                        [hit.section_id]).fetchone()[0]
        assert "复议" in section and "调解" in section
    assert len(search(snapshot_conn, "复议", limit=3)) == 3


def test_scores_are_bm25_over_substring_occurrences(snapshot_conn):
    """The SQL against a plain-Python BM25 over the same section texts."""
    terms = ["行政复议", "调解"]
    texts = dict(snapshot_conn.execute(
        "select section_id, coalesce(title, '') || chr(10) || coalesce(body, '') from marts.sections").fetchall())
    average = sum(map(len, texts.values())) / len(texts)

    def bm25(text: str) -> float:
        score = 0.0
        for term in terms:
            df = sum(1 for other in texts.values() if term in other)
            tf = text.count(term)
            idf = math.log(1 + (len(texts) - df + 0.5) / (df + 0.5))
            score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * len(text) / average))
        return score

    matching = {section: bm25(text) for section, text in texts.items() if all(t in text for t in terms)}
    hits = search(snapshot_conn, "行政复议 调解", limit=100)
    assert {hit.section_id for hit in hits} == set(matching)
    for hit in hits:
        assert hit.score == pytest.approx(matching[hit.section_id], rel=1e-9)


def test_each_hit_links_its_section_on_the_site(built_warehouse, snapshot_conn):
    out = make("search", built_warehouse, Q="枫桥经验").stdout
    links = re.findall(r"http://\S+/reports/(\w+)\.html#s-(\S+)", out)
    hits = search(snapshot_conn, "枫桥经验")
    assert links == [(hit.report_id, hit.section_id) for hit in hits]


def test_an_empty_query_prints_the_usage(built_warehouse):
    result = subprocess.run(["make", "-s", "-o", ".venv/.installed", "search"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "WAREHOUSE_PATH": str(built_warehouse.warehouse)})
    assert result.returncode != 0
    assert USAGE in result.stderr and "Traceback" not in result.stderr


def test_a_word_no_report_uses_finds_nothing(built_warehouse, snapshot_conn):
    assert search(snapshot_conn, "量子计算") == []
    assert "没有找到" in make("search", built_warehouse, Q="量子计算").stdout
