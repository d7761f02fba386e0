"""The allowed values of the parse records are the values the warehouse accepts."""
from __future__ import annotations

from typing import get_args

import pytest
import yaml

from ingestion.model import AdminLevel, Kind, Part, Qualifier
from tests.paths import PROJECT_ROOT

_MARTS_YML = PROJECT_ROOT / "dbt_project" / "models" / "marts" / "_marts.yml"


def _accepted_values(model: str, column: str) -> set[str]:
    doc = yaml.safe_load(_MARTS_YML.read_text(encoding="utf-8"))
    (spec,) = [m for m in doc["models"] if m["name"] == model]
    (col,) = [c for c in spec["columns"] if c["name"] == column]
    (test,) = [t["accepted_values"] for t in col["data_tests"] if isinstance(t, dict) and "accepted_values" in t]
    return set(test["arguments"]["values"])


@pytest.mark.parametrize(
    ("literal", "model", "column"),
    [
        (Kind, "indicators", "kind"),
        (Qualifier, "indicators", "qualifier"),
        (Part, "sections", "part"),
        (AdminLevel, "reports", "admin_level"),
    ],
)
def test_literal_matches_the_marts_accepted_values(literal: object, model: str, column: str) -> None:
    assert set(get_args(literal)) == _accepted_values(model, column)
