"""The one code location: every definition of the defs folder, one folder per concern.

`defs/ingest` (the raw layer, its checks and the inbox sensor), `defs/parse_cache` (the
partitioned parse), `defs/dbt` (models and their tests as checks), `defs/publish` (docs and the
read-only snapshot), `defs/site` (the report site), `defs/runs` (the job, its schedule and the
recovery of killed runs) and `defs/resources.py`. Loaded when Dagster loads the code location,
not at import: the dbt manifest is read then (`make manifest` builds it).
"""
from __future__ import annotations

from pathlib import Path

import dagster as dg


@dg.definitions
def defs() -> dg.Definitions:
    return dg.Definitions.merge(
        dg.load_from_defs_folder(path_within_project=Path(__file__).parent),
        # DuckDB takes one writer process: steps run one after another in the run's process
        # (parse_partitions, which writes no warehouse, sets its own executor).
        dg.Definitions(executor=dg.in_process_executor),
    )
