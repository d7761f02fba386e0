"""The dbt docs overview explains every scorecard item, and the seeds agree with each other."""
from __future__ import annotations

import csv
import re

from tests.paths import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds"
OVERVIEW = PROJECT_ROOT / "dbt_project" / "models" / "overview.md"


def _rows(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8") as seed:
        return list(csv.DictReader(seed))


def test_the_overview_explains_every_item_with_its_scoring_range():
    overview = OVERVIEW.read_text(encoding="utf-8")
    table = {m.group(1): m.group(0) for m in re.finditer(r"^\|[^|]*\| `(\w+)` \|.*$", overview, re.MULTILINE)}
    items = _rows("scorecard_catalog")
    assert set(table) == {item["item_code"] for item in items}
    for item in items:
        # the row says the value that scores 0 and the value that scores 100, in that order
        zero, full = (f"{float(item[key]):g}" for key in ("zero_score_at", "full_score_at"))
        assert re.search(rf"\b{zero} → {full}\b", table[item["item_code"]]), item["item_code"]


def test_default_weights_are_equal():
    weights = _rows("scorecard_weights")
    dimensions = [float(w["weight"]) for w in weights if not w["item_code"]]
    assert len(dimensions) == len(_rows("scorecard_dimensions")) and max(dimensions) - min(dimensions) < 1e-9
    by_dimension: dict[str, set[float]] = {}
    for w in weights:
        if w["item_code"]:
            by_dimension.setdefault(w["dimension"], set()).add(float(w["weight"]))
    assert all(len(values) == 1 for values in by_dimension.values())
