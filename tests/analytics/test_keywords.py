"""Keywords say what a government stresses: no hedges (是否, 有待, 不够) and no counted tails (余人次)."""
from __future__ import annotations

NOT_TOPICS = ("是否", "涉及", "有待", "不够", "余人次", "余次", "余场")


def test_the_samples_words_that_are_no_topic_stay_out_of_the_keywords(snapshot_conn):
    # The samples do use them: they were keywords before the stop words and the 余 rule.
    used = {t for (t,) in snapshot_conn.execute(
        "select distinct term from raw.tokens where list_contains(?, term)", [list(NOT_TOPICS)]).fetchall()}
    assert used == set(NOT_TOPICS)
    kept = snapshot_conn.execute(
        "select distinct term from marts.keywords where list_contains(?, term) or term like '余%'",
        [list(NOT_TOPICS)]).fetchall()
    assert kept == []
    assert snapshot_conn.execute("select count(distinct report_id) from marts.keywords").fetchone()[0] == 5
