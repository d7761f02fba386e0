"""What the dbt step of a run does, decided from what was last published: pure, and tested.

A build_warehouse run skips dbt (and with it docs, snapshot and site) when neither the raw
layer nor the dbt project changed since the last published build and what that build
published is in place. An edited dbt project (a macro an incremental model uses, say) builds
every model from scratch, since dbt's own state does not hash macros.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ingestion.warehouse.build_state import PublishedBuild

BUILD_JOB = "build_warehouse"


@dataclass(frozen=True)
class DbtStep:
    skip: bool
    full_refresh: bool
    reason: str  # one line for the run log


def plan_dbt_step(last: PublishedBuild | None, raw_fingerprint: str, dbt_checksum: str, *, job_name: str,
                  outputs_current: bool, force: bool = False) -> DbtStep:
    """force (the step's launchpad config): build even when nothing changed, so that docs, snapshot
    and site run after it instead of being skipped with it."""
    unchanged = last is not None and (last.raw_fingerprint, last.dbt_checksum) == (raw_fingerprint, dbt_checksum)
    if unchanged and job_name == BUILD_JOB and outputs_current and not force:
        return DbtStep(True, False, "raw layer and dbt project unchanged since the last published build:"
                                    " nothing to rebuild")
    if last is not None and last.dbt_checksum != dbt_checksum:
        return DbtStep(False, True, "the dbt project changed since the last published build: every model"
                                    " is built from scratch")
    if unchanged and force:
        return DbtStep(False, False, "nothing changed since the last published build; building anyway (force),"
                                     " and docs, snapshot and site after it")
    return DbtStep(False, False, "building what changed since the last published build" if last is not None
                   else "no published build yet: building every model")


def dbt_vars(warehouse: Path) -> list[str]:
    """profiles.yml takes the warehouse from this var, so dbt writes the file the run's
    resource names, whatever the environment says."""
    return ["--vars", json.dumps({"warehouse_path": str(warehouse)})]


def build_args(step: DbtStep, warehouse: Path) -> list[str]:
    return ["build", *(["--full-refresh"] if step.full_refresh else []), *dbt_vars(warehouse)]
