"""The code location's name, and the tags that file a run under it.

The UI lists a job's runs (its Runs tab, the Overview timeline, "latest run") by the job name
and the hidden tag `.dagster/repository` = `<repository>@<code location>`, which Dagster adds
only to runs launched through a code location. `make run` executes the job in its own process,
so it adds the same tag itself; the name must then be the one `make ui` serves the code under
(pyproject.toml [tool.dg.project] and workspace.yaml, checked by tests/unit/test_run_tags.py).
"""
from __future__ import annotations

CODE_LOCATION = "rule_of_law_warehouse"
# The repository a Definitions object becomes (dagster's SINGLETON_REPOSITORY_NAME).
REPOSITORY = "__repository__"
REPOSITORY_LABEL_TAG = ".dagster/repository"


def code_location_tags() -> dict[str, str]:
    """Tags for a run executed in process, so the UI files it with the runs it launched itself."""
    return {REPOSITORY_LABEL_TAG: f"{REPOSITORY}@{CODE_LOCATION}"}
