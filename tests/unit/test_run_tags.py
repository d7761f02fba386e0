"""`make run`'s runs carry the tag by which the UI lists a job's runs, naming the location `make ui` serves."""
from __future__ import annotations

import re

import yaml
from dagster._core.definitions.repository_definition import SINGLETON_REPOSITORY_NAME
from dagster._core.storage.tags import REPOSITORY_LABEL_TAG

from dagster_project.defs.runs.location import CODE_LOCATION, REPOSITORY, code_location_tags
from tests.paths import PROJECT_ROOT


def test_the_tag_is_dagsters_repository_label():
    assert code_location_tags() == {REPOSITORY_LABEL_TAG: f"{SINGLETON_REPOSITORY_NAME}@{CODE_LOCATION}"}
    assert REPOSITORY == SINGLETON_REPOSITORY_NAME


def test_make_ui_and_the_dagster_commands_serve_the_code_under_that_name():
    dg_project = (PROJECT_ROOT / "pyproject.toml").read_text().split("[tool.dg.project]")[1].split("\n[")[0]
    assert re.search(r'^code_location_name = "([^"]+)"', dg_project, re.M).group(1) == CODE_LOCATION
    (entry,) = yaml.safe_load((PROJECT_ROOT / "workspace.yaml").read_text())["load_from"]
    assert entry["python_module"]["location_name"] == CODE_LOCATION
