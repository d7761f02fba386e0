"""Every published build kept: listed, readable as it was, restorable, pruned by age and count."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from ingestion.warehouse import builds
from ingestion.warehouse.locations import snapshot_path

T0 = datetime(2026, 3, 1, 9, 0, 0)


def _warehouse(path: Path, reports: int) -> Path:
    with duckdb.connect(str(path)) as conn:
        conn.execute("create schema if not exists marts")
        conn.execute(f"create or replace table marts.reports as select range as id from range({reports})")
        conn.execute("checkpoint")
    return path


def _count(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute("select count(*) from marts.reports").fetchone()[0]


def _publish(warehouse: Path, reports: int, minutes: int) -> builds.Build:
    _warehouse(warehouse, reports)
    return builds.publish(warehouse, f"run{minutes:05d}-abcd", {"reports": reports}, {"new": reports},
                          now=T0 + timedelta(minutes=minutes))


def test_two_builds_are_listed_and_the_first_restores_with_its_exact_counts(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    first = _publish(warehouse, 5, 0)
    second = _publish(warehouse, 7, 1)
    listed, published = builds.list_builds(warehouse)
    assert [b.build_id for b in listed] == [first.build_id, second.build_id] and published == second.build_id
    assert listed[0].counts == {"reports": 5} and listed[1].changes == {"new": 7}
    assert _count(snapshot_path(warehouse)) == 7
    # The snapshot is the published build's file, not a second copy of it.
    assert snapshot_path(warehouse).stat().st_ino == builds.build_file(warehouse, second.build_id).stat().st_ino

    build, kept = builds.restore(warehouse, first.build_id[:15])  # a unique prefix names a build
    assert build == first and kept is not None and _count(kept) == 7
    assert _count(snapshot_path(warehouse)) == _count(warehouse) == 5
    assert builds.list_builds(warehouse)[1] == first.build_id
    # Both builds stay readable as they were, whichever is published.
    assert _count(builds.build_file(warehouse, second.build_id)) == 7


def test_a_reader_holding_the_published_build_sees_it_until_it_reconnects(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    _publish(warehouse, 5, 0)
    reader = duckdb.connect(str(snapshot_path(warehouse)), read_only=True)
    try:
        _publish(warehouse, 9, 1)  # a run publishes while the reader is connected: neither blocks
        assert reader.execute("select count(*) from marts.reports").fetchone()[0] == 5
    finally:
        reader.close()
    assert _count(snapshot_path(warehouse)) == 9


def test_restoring_an_unknown_build_names_the_kept_ones(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    first = _publish(warehouse, 5, 0)
    with pytest.raises(FileNotFoundError) as caught:
        builds.restore(warehouse, "19990101")
    assert first.build_id in str(caught.value)


def test_pruning_keeps_the_last_builds_the_recent_ones_and_the_published_one(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    made = [_publish(warehouse, n + 1, n * 24 * 60) for n in range(6)]  # one build a day
    builds.restore(warehouse, made[0].build_id)  # the oldest is the published one now
    gone = builds.prune(warehouse, keep_last=2, keep_days=2.5, now=T0 + timedelta(days=5, hours=1))
    assert [b.build_id for b in gone] == [made[1].build_id, made[2].build_id]
    kept = [b.build_id for b in builds.list_builds(warehouse)[0]]
    assert kept == [made[0].build_id, made[3].build_id, made[4].build_id, made[5].build_id]
    assert not builds.build_file(warehouse, made[1].build_id).exists()
    assert all(builds.build_file(warehouse, b).exists() for b in kept)
