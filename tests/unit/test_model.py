"""The allowed values of the parse records are the values the warehouse accepts."""
from __future__ import annotations

from typing import get_args

import pytest
import yaml

from ingestion.parser.model import AdminLevel, Kind, Part, Qualifier
from tests.paths import PROJECT_ROOT

_MODELS = PROJECT_ROOT / "dbt_project" / "models"


def _accepted_values(model: str, column: str) -> set[str]:
    """The accepted_values test of the column, wherever in the models' YAML the project keeps it."""
    for path in sorted(_MODELS.rglob("*.yml")):
        for spec in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            if spec["name"] != model:
                continue
            for col in spec.get("columns", []):
                for test in col.get("data_tests", []) if col["name"] == column else []:
                    if isinstance(test, dict) and "accepted_values" in test:
                        return set(test["accepted_values"]["arguments"]["values"])
    raise LookupError(f"no accepted_values test on {model}.{column}")


@pytest.mark.parametrize(
    ("literal", "model", "column"),
    [
        (Kind, "indicators", "kind"),
        (Qualifier, "indicators", "qualifier"),
        (Part, "int_section_tree", "part"),
        (AdminLevel, "reports", "admin_level"),
    ],
)
def test_literal_matches_the_marts_accepted_values(literal: object, model: str, column: str) -> None:
    assert set(get_args(literal)) == _accepted_values(model, column)
