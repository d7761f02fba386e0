"""The benchmark harness reads step durations from Dagster's log lines, in every format Dagster prints."""
import pytest
from dagster_shared.utils.timing import format_duration

from benchmarks.harness import _STEP_DONE, step_durations, step_seconds


@pytest.mark.parametrize(("milliseconds", "seconds"), [(500, 0.5), (59_000, 59.0), (61_000, 61.0),
                                                       (119_500, 119.0), (3_700_000, 3660.0)])
def test_step_durations_are_read_as_dagster_formats_them(milliseconds, seconds):
    line = f'raw_tables - STEP_SUCCESS - Finished execution of step "raw_tables" in {format_duration(milliseconds)}.'
    match = _STEP_DONE.search(line)
    assert match.group(1) == "raw_tables"
    assert step_seconds(match.group(2)) == seconds  # "1m59s" once read as 60 s


def test_step_durations_are_read_from_make_runs_step_lines_too():
    log = ("Building the warehouse (parse the inbox, dbt build, docs, snapshot)…\n"
           "  done   raw/* (parse the inbox)                             12.5 s\n"
           "  skip   docs/dbt_docs                                         (nothing upstream changed)\n"
           "  done   staging/* intermediate/* marts/* (dbt build and tests) 101.0 s\n")
    assert step_durations(log) == {"raw/* (parse the inbox)": 12.5,
                                   "staging/* intermediate/* marts/* (dbt build and tests)": 101.0}


def test_the_scorecards_share_sums_its_dbt_nodes():
    from benchmarks.harness import scorecard_node_seconds

    results = {"elapsed_time": 5.0, "results": [
        {"unique_id": "model.rule_of_law_warehouse.scorecards", "execution_time": 1.5},
        {"unique_id": "model.rule_of_law_warehouse.int_scorecard_sentences", "execution_time": 2.0},
        {"unique_id": "test.rule_of_law_warehouse.scorecard_items_score_0_to_100.abc", "execution_time": 0.25},
        {"unique_id": "model.rule_of_law_warehouse.keywords", "execution_time": 4.25},
    ]}
    assert scorecard_node_seconds(results) == {"scorecard_s": 3.75, "all_nodes_s": 8.0, "scorecard_nodes": 3,
                                               "elapsed_s": 5.0}
