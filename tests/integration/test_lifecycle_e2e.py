"""The file lifecycle through the real Definitions: an inbox that changes between seven runs.

One module fixture runs the seven steps and records what the warehouse held after each;
each test asserts one step, so a failure names the step and the others still report.
Expected counts are never written down: they are the sums of single-file parses over the
distinct contents of the inbox at that step, so the test holds on any parser version.
"""
from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest

from ingestion.parser.report import parse_file
from tests.paths import SAMPLES
from tests.warehouse import mart_counts, query

pytestmark = pytest.mark.slow

ADDED_SENTENCE = "本年度新增行政复议案件77件。"
STEPS = ("first_load", "no_op", "changed", "removed", "renamed", "moved", "copied")


def _rid(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _distinct_files(inbox: Path) -> dict[str, Path]:
    """report id (first 16 hex of the SHA-256) → the first path holding those bytes."""
    found: dict[str, Path] = {}
    for path in sorted(p for p in inbox.rglob("*") if p.is_file()):
        found.setdefault(_rid(path), path)
    return found


def _expected(inbox: Path) -> dict[str, int]:
    parses = [parse_file(p) for p in _distinct_files(inbox).values()]
    return {"reports": len(parses), "sections": sum(len(p.sections) for p in parses),
            "mentions": sum(len(p.mentions) for p in parses)}


@dataclass
class State:
    """What one run did and what the warehouse and its snapshot held after it."""

    events: dict[str, int]  # files_new, files_moved, …, reports_removed of the run
    expected: dict[str, int]  # from single-file parses of the inbox
    inbox_ids: set[str]
    marts: dict[str, int]  # report, section and mention counts in the warehouse's marts
    snapshot_marts: dict[str, int]
    snapshot_ids: set[str]
    quarantined: int
    tables: dict[str, int]  # every raw and marts table's row count
    size_bytes: int
    paths: dict[str, tuple[str, str | None]]  # raw.files: path → (status, report id)
    parsed_at: dict[str, object]  # raw.reports: report id → when parsed
    source_paths: dict[str, str]  # raw.reports: report id → path
    ids_in: dict[str, set[str]]  # table → report ids it has rows of
    mentions_77: int  # marts.indicators rows with text 77件
    published: dict[str, dict[str, object]]  # docs and site materialisations of the run: their metadata


def _observe(events: dict[str, int], published: dict[str, dict[str, object]], inbox: Path, warehouse: Path,
             snapshot: Path) -> State:
    tables = [t for (t,) in query(warehouse, "select schema_name || '.' || table_name from duckdb_tables()"
                                              " where schema_name in ('raw', 'marts') order by 1")]
    report_tables = ("marts.sections", "marts.indicators", "raw.sections", "raw.sentences", "raw.tokens",
                     "raw.indicator_mentions")
    return State(
        events=events, expected=_expected(inbox), inbox_ids=set(_distinct_files(inbox)),
        marts=mart_counts(warehouse), snapshot_marts=mart_counts(snapshot),
        snapshot_ids={r for (r,) in query(snapshot, "select report_id from marts.reports")},
        quarantined=query(snapshot, "select count(*) from marts.quarantine")[0][0],
        tables={t: query(warehouse, f"select count(*) from {t}")[0][0] for t in tables},
        size_bytes=warehouse.stat().st_size,
        paths={p: (s, r) for p, s, r in query(warehouse, "select source_path, status, report_id from raw.files")},
        parsed_at=dict(query(warehouse, "select report_id, parsed_at from raw.reports")),
        source_paths=dict(query(warehouse, "select report_id, source_path from raw.reports")),
        ids_in={t: {r for (r,) in query(warehouse, f"select distinct report_id from {t}")} for t in report_tables},
        mentions_77=query(snapshot, "select count(*) from marts.indicators where text = '77件'")[0][0],
        published=published,
    )


@pytest.fixture(scope="module")
def lifecycle(dbt_manifest, tmp_path_factory) -> tuple[dict[str, State], dict[str, object]]:
    """Runs build_warehouse seven times over a changing inbox. Returns the state after each
    step, and facts noted before the changes (report ids, names)."""
    root = tmp_path_factory.mktemp("lifecycle")
    inbox, warehouse = root / "inbox", root / "warehouse.duckdb"
    snapshot = root / "warehouse_snapshot.duckdb"
    shutil.copytree(SAMPLES, inbox)
    names = sorted(p.name for p in inbox.iterdir())
    facts: dict[str, object] = {"names": names}
    states: dict[str, State] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WAREHOUSE_PATH", str(warehouse))
        mp.setenv("REPORTS_INBOX", str(inbox))
        # Module scope runs before the function-scoped report_site_in_tmp of conftest.
        mp.setenv("REPORT_SITE_DIR", str(root / "site"))
        from dagster_project.definitions import defs

        job, instance = defs().resolve_job_def("build_warehouse"), dg.DagsterInstance.ephemeral()

        def run(step: str) -> None:
            result = job.execute_in_process(instance=instance)
            assert result.success, step
            [files] = [m.materialization for m in result.get_asset_materialization_events()
                       if m.asset_key == dg.AssetKey(["raw", "files"])]
            events = {k: v.value for k, v in files.metadata.items() if k.startswith(("files_", "reports_"))}
            published = {m.materialization.asset_key.path[-1]: {k: v.value for k, v in m.materialization.metadata.items()}
                         for m in result.get_asset_materialization_events()
                         if m.asset_key.path[0] in ("docs", "publish")}
            states[step] = _observe(events, published, inbox, warehouse, snapshot)

        s0, s1, s2, s3, s4 = (inbox / n for n in names)
        run("first_load")
        run("no_op")

        facts["changed_old_id"] = _rid(s0)
        facts["changed_old_mentions"] = len(parse_file(s0).mentions)
        with s0.open("a", encoding="utf-8") as fh:
            fh.write(f"\n{ADDED_SENTENCE}\n")
        facts["changed_new_id"] = _rid(s0)
        facts["changed_new_mentions"] = len(parse_file(s0).mentions)
        run("changed")

        facts["removed_id"] = _rid(s1)
        s1.unlink()
        run("removed")

        facts["renamed_id"] = _rid(s2)
        s2.rename(inbox / "renamed.txt")
        run("renamed")

        facts["moved_id"] = _rid(s3)
        (inbox / "2023").mkdir()
        s3.rename(inbox / "2023" / s3.name)
        run("moved")

        facts["copied_id"] = _rid(s4)
        shutil.copyfile(s4, inbox / "copy.txt")
        run("copied")
    return states, facts


@pytest.fixture(scope="module")
def states(lifecycle) -> dict[str, State]:
    return lifecycle[0]


@pytest.fixture(scope="module")
def facts(lifecycle) -> dict[str, object]:
    return lifecycle[1]


@pytest.mark.parametrize("step", STEPS)
def test_the_marts_hold_exactly_the_distinct_reports_of_the_inbox(states, step):
    state = states[step]
    assert state.marts == state.expected
    assert state.snapshot_marts == state.expected
    assert state.snapshot_ids == state.inbox_ids
    assert state.quarantined == 0
    assert set(state.parsed_at) == state.inbox_ids
    for table, ids in state.ids_in.items():
        assert ids <= state.inbox_ids, f"{table} keeps rows of a report no longer in the inbox"


def test_first_load_parses_every_file(states):
    state = states["first_load"]
    assert (state.events["files_new"], state.events["files_parsed"]) == (5, 5)
    assert state.expected["reports"] == 5
    assert {status for status, _ in state.paths.values()} == {"parsed"}


def test_a_no_op_rerun_parses_nothing_and_changes_no_table(states):
    before, after = states["first_load"], states["no_op"]
    assert (after.events["files_unchanged"], after.events["files_parsed"], after.events["files_new"]) == (5, 0, 0)
    assert after.tables == before.tables
    assert after.parsed_at == before.parsed_at


def test_docs_are_generated_once_and_report_pages_rendered_only_when_their_rows_change(states):
    first = states["first_load"].published
    assert first["dbt_docs"]["regenerated"] is True
    assert first["report_site"]["report_pages_rendered"] == 5
    assert "dbt_docs" not in states["no_op"].published  # a no-op run publishes nothing
    for step in ("changed", "removed", "renamed", "moved", "copied"):  # new data, the same dbt project
        assert states[step].published["dbt_docs"]["regenerated"] is False, step
    # A rename changes a path, which only the renamed report's page shows (its source-file link).
    assert states["renamed"].published["report_site"]["report_pages_rendered"] == 1
    assert states["changed"].published["report_site"]["report_pages_rendered"] >= 1  # the edited report's page


def test_a_no_op_rerun_does_not_grow_the_warehouse_file(states):
    # Nothing changed, so ingest writes no row and dbt, docs and snapshot are skipped.
    before, after = states["first_load"].size_bytes, states["no_op"].size_bytes
    assert after <= before, f"grew from {before} to {after} bytes"


def test_a_changed_file_replaces_its_report(states, facts):
    state = states["changed"]
    name = facts["names"][0]
    assert (state.events["files_changed"], state.events["files_parsed"], state.events["files_unchanged"]) == (1, 1, 4)
    assert state.expected["reports"] == 5
    assert facts["changed_new_mentions"] > facts["changed_old_mentions"]  # the edit is visible to the parser
    assert state.paths[name] == ("parsed", facts["changed_new_id"])
    assert facts["changed_old_id"] not in state.parsed_at
    assert state.mentions_77 == states["no_op"].mentions_77 + 1


def test_a_removed_file_leaves_every_table_and_stays_as_history(states, facts):
    state = states["removed"]
    assert (state.events["files_removed"], state.events["reports_removed"], state.events["files_parsed"]) == (1, 1, 0)
    assert state.expected["reports"] == 4
    assert state.paths[facts["names"][1]] == ("removed", None)
    for table, ids in state.ids_in.items():
        assert facts["removed_id"] not in ids, table


@pytest.mark.parametrize(("step", "old", "new", "report"), [
    ("renamed", 2, "renamed.txt", "renamed_id"),
    ("moved", 3, "2023/{name}", "moved_id"),
])
def test_a_renamed_or_moved_file_is_the_same_report_under_its_new_path(states, facts, step, old, new, report):
    state, before = states[step], states[STEPS[STEPS.index(step) - 1]]
    old_name = facts["names"][old]
    new_path = new.format(name=old_name)
    assert (state.events["files_moved"], state.events["files_parsed"], state.events["files_quarantined"]) == (1, 0, 0)
    assert state.parsed_at == before.parsed_at  # nothing parsed again
    assert state.paths[new_path] == ("parsed", facts[report])
    assert state.paths[old_name] == ("removed", None)
    assert state.source_paths[facts[report]] == new_path
    assert state.tables == before.tables | {"raw.files": before.tables["raw.files"] + 1}


def test_a_copy_under_a_second_name_is_an_alias_of_the_same_report(states, facts):
    state, before = states["copied"], states["moved"]
    assert (state.events["files_alias"], state.events["files_parsed"], state.events["files_quarantined"]) == (1, 0, 0)
    assert state.expected["reports"] == 4
    assert state.parsed_at == before.parsed_at
    rid = facts["copied_id"]
    assert {state.paths[facts["names"][4]], state.paths["copy.txt"]} == {("parsed", rid), ("alias", rid)}
    assert sum(1 for status, _ in state.paths.values() if status == "removed") == 3
