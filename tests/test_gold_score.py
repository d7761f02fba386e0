"""The parser against the gold annotations in ../shared/gold: fails when a score drops
below what the parser issue requires."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.paths import PROJECT_ROOT, SHARED

SCORER = SHARED / "tools" / "score_gold.py"


@pytest.fixture(scope="module")
def gold_summary() -> dict:
    if not SCORER.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{SCORER} is missing: CI runs with shared/ beside the clone")
        pytest.skip("../shared is not beside this checkout")
    done = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(SHARED / "gold"), "--samples", str(SHARED / "samples"),
         "--cmd", f"{sys.executable} -m ingestion parse {{file}}", "--json"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    )
    return json.loads(done.stdout)["summary"]


def test_metadata_accuracy(gold_summary):
    assert gold_summary["metadata_accuracy"] >= 0.95


def test_outline_f1_and_every_part_right(gold_summary):
    assert gold_summary["outline"]["f1"] >= 0.97
    assert gold_summary["part_accuracy"] == 1.0


def test_indicator_f1_and_metric_agreement(gold_summary):
    assert gold_summary["indicators"]["f1"] >= 0.90
    assert gold_summary["on_matched_indicators"]["metric"] >= 0.8
