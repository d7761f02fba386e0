"""`make run`'s question before it imports Dagster: would a run change anything?"""
from __future__ import annotations

import dataclasses
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from analytics.site.build import MANIFEST, site_version
from dagster_project import published as published_build
from dagster_project.paths import snapshot_path
from dagster_project.runner import up_to_date
from ingestion.intake.ingest import ingest_inbox
from ingestion.version import parser_version
from ingestion.warehouse.build_state import (
    PublishedBuild,
    dbt_checksum,
    last_ingest,
    last_published,
    raw_fingerprint,
    record_published,
)
from tests.texts import SMALL_REPORT


@pytest.fixture
def published(tmp_path: Path) -> dict[str, Path]:
    """A warehouse as a finished run leaves it: ingested, published, docs, snapshot and site in place."""
    paths = {name: tmp_path / name for name in ("inbox", "site", "dbt")}
    paths["warehouse"] = tmp_path / "w.duckdb"
    paths["inbox"].mkdir()
    (paths["inbox"] / "a.txt").write_text(SMALL_REPORT, encoding="utf-8")
    (paths["dbt"] / "models").mkdir(parents=True)
    (paths["dbt"] / "models" / "m.sql").write_text("select 1")
    target = paths["dbt"] / "target"
    target.mkdir()
    for name in (published_build.DOCS_INDEX, "catalog.json"):
        (target / name).write_text("{}")
    checksum = dbt_checksum(paths["dbt"])
    (target / published_build.DOCS_STAMP).write_text(published_build.docs_source(checksum, paths["warehouse"]))
    paths["site"].mkdir()
    for name in ("index.html", MANIFEST):
        (paths["site"] / name).write_text("{}")
    with duckdb.connect(str(paths["warehouse"])) as conn:
        ingest_inbox(conn, paths["inbox"], datetime(2025, 1, 1))
        ingest = last_ingest(conn)
        record_published(conn, PublishedBuild(raw_fingerprint(conn), checksum, ingest.inbox_fingerprint,
                                              ingest.parser_version, site_version(), str(paths["site"])))
    shutil.copyfile(paths["warehouse"], snapshot_path(paths["warehouse"]))
    return paths


def _check(paths: dict[str, Path]) -> PublishedBuild | None:
    return up_to_date.nothing_to_do(paths["warehouse"], paths["inbox"], paths["site"], paths["dbt"])


def test_nothing_to_do_when_every_input_and_output_is_as_published(published):
    build = _check(published)
    assert build is not None and build.site_dir == str(published["site"])


@pytest.mark.parametrize("change", [
    lambda p: (p["inbox"] / "b.txt").write_text("新报告", encoding="utf-8"),  # a new file
    lambda p: (p["inbox"] / "a.txt").unlink(),  # a removed file
    lambda p: (p["inbox"] / "a.txt").rename(p["inbox"] / "renamed.txt"),  # a renamed file
    lambda p: (p["dbt"] / "models" / "m.sql").write_text("select 2"),  # an edited model
    lambda p: (p["site"] / "index.html").unlink(),  # the site was deleted
    lambda p: (p["dbt"] / "target" / published_build.DOCS_INDEX).unlink(),  # the docs were deleted
    lambda p: snapshot_path(p["warehouse"]).unlink(),  # the snapshot was deleted
    lambda p: p["warehouse"].unlink(),  # no warehouse at all
])
def test_any_changed_input_or_missing_output_means_a_run(published, change):
    change(published)
    assert _check(published) is None


def test_a_new_parser_or_site_code_means_a_run(published, monkeypatch):
    monkeypatch.setattr(up_to_date, "parser_version", lambda: "next-parser")
    assert _check(published) is None
    monkeypatch.undo()
    monkeypatch.setattr(published_build, "site_version", lambda: "next-site")
    assert _check(published) is None


def test_another_site_folder_means_a_run(published, tmp_path):
    other = tmp_path / "other_site"
    shutil.copytree(published["site"], other)
    assert up_to_date.nothing_to_do(published["warehouse"], published["inbox"], other, published["dbt"]) is None


def test_a_build_not_yet_published_means_a_run(published):
    """The ingest saw the new file, but the run stopped before the site step recorded the build."""
    (published["inbox"] / "b.txt").write_text(SMALL_REPORT.replace("36件", "41件"), encoding="utf-8")
    with duckdb.connect(str(published["warehouse"])) as conn:
        ingest_inbox(conn, published["inbox"], datetime(2025, 1, 2))
    assert _check(published) is None


def test_a_warehouse_held_by_a_writer_means_a_run(published):
    with duckdb.connect(str(published["warehouse"])):  # another connection writing, as a run would
        assert _check(published) is None
    assert _check(published) is not None


def test_a_record_from_an_older_build_means_a_run(published):
    with duckdb.connect(str(published["warehouse"])) as conn:
        build = dataclasses.replace(last_published(conn), parser_version=parser_version() + "x")
        record_published(conn, build)
    assert _check(published) is None
