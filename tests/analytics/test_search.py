"""`make search`: sections ranked by BM25 over the jieba words the parser stored."""
from __future__ import annotations

import math
from collections import Counter

from analytics.search import K1, B, search
from tests.analytics.test_query import make


def test_a_term_only_one_report_uses_ranks_that_report_first(built_warehouse, snapshot_conn):
    # 免申即享 occurs in exactly one of the samples (checked here, so the test says why it holds)
    reports = snapshot_conn.execute(
        "select distinct r.organization from raw.tokens t join marts.reports r using (report_id)"
        " where t.term = '免申即享'").fetchall()
    assert reports == [("天津市静海区人民政府",)]
    out = make("search", built_warehouse, Q="免申即享").stdout
    first = out.splitlines()[0]
    assert first.startswith(" 1. 天津市静海区人民政府 · 2024年 · ")
    assert "【免申即享】" in out.splitlines()[1]


def test_search_shows_every_government_with_the_term_and_where(built_warehouse, snapshot_conn):
    hits = search(snapshot_conn, "枫桥经验")
    assert {hit.organization for hit in hits} == {"十堰市茅箭区人民政府", "天津市红桥区人民政府"}
    for hit in hits:
        assert hit.term == "枫桥经验" and "【枫桥经验】" in hit.snippet()
        assert hit.path and hit.report_year == 2023
    assert hits == sorted(hits, key=lambda hit: -hit.score)


def test_scores_are_bm25(snapshot_conn):
    """The SQL against a plain-Python BM25 over the same words."""
    terms = ["行政复议", "调解"]
    documents: dict[str, Counter] = {}
    for section_id, term in snapshot_conn.execute(
            "select section_id, term from raw.tokens where section_id is not null").fetchall():
        documents.setdefault(section_id, Counter())[term] += 1
    average = sum(sum(words.values()) for words in documents.values()) / len(documents)

    def bm25(words: Counter) -> float:
        score = 0.0
        for term in terms:
            df = sum(1 for other in documents.values() if term in other)
            tf, length = words[term], sum(words.values())
            if tf:
                idf = math.log(1 + (len(documents) - df + 0.5) / (df + 0.5))
                score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average))
        return score

    expected = sorted(((bm25(words), section) for section, words in documents.items() if bm25(words) > 0),
                      reverse=True)[:5]
    hits = search(snapshot_conn, "行政复议 调解", limit=5)
    assert [hit.section_id for hit in hits] == [section for _, section in expected]
    assert [round(hit.score, 9) for hit in hits] == [round(score, 9) for score, _ in expected]


def test_a_word_no_report_uses_finds_nothing(built_warehouse, snapshot_conn):
    assert search(snapshot_conn, "量子计算") == []
    assert "没有找到" in make("search", built_warehouse, Q="量子计算").stdout
