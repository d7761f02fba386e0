"""The parser against the gold annotations of the bundled samples (data/gold), scored by the
project's own evaluation (`make evaluate`): every score of the samples stays at 1.00."""
from __future__ import annotations

import subprocess
import sys

import pytest

from ingestion.evaluation.evaluate import DEFAULT_GOLD, DEFAULT_REPORTS, evaluate
from tests.paths import PROJECT_ROOT


@pytest.fixture(scope="module")
def gold_summary() -> dict:
    return evaluate(DEFAULT_GOLD, DEFAULT_REPORTS)["summary"]


def test_every_sample_has_its_gold_inside_the_project(gold_summary):
    assert gold_summary["files"] == len(list(DEFAULT_REPORTS.glob("*.txt"))) == 5
    assert DEFAULT_GOLD.is_relative_to(PROJECT_ROOT)


def test_metadata_exact(gold_summary):
    assert gold_summary["metadata_accuracy"] == 1.0


def test_outline_exact_with_every_part_right(gold_summary):
    assert gold_summary["outline"]["f1"] == 1.0
    assert gold_summary["part_accuracy"] == 1.0


def test_every_mention_found_and_nothing_else(gold_summary):
    assert gold_summary["indicators"]["precision"] == 1.0
    assert gold_summary["indicators"]["recall"] == 1.0
    assert gold_summary["indicators"]["gold"] == 254


def test_matched_mentions_agree(gold_summary):
    agree = gold_summary["on_matched_indicators"]
    assert (agree["unit"], agree["qualifier"], agree["section"]) == (1.0, 1.0, 1.0)
    assert agree["metric"] >= 0.97


def test_make_evaluate_prints_the_scores_from_the_project_alone():
    """The command of the README, run as a fresh clone would: the project's interpreter, no path outside it."""
    done = subprocess.run([sys.executable, "-m", "ingestion", "evaluate"], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, check=True)
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("5 reports | metadata accuracy 1.0 | outline P 1.000 R 1.000 F1 1.000")
    assert "indicators P 1.000 R 1.000 F1 1.000 (254 gold)" in last
