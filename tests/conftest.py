"""Shared fixtures. The dbt manifest is built once per session, never at import time."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import PROJECT_ROOT


@pytest.fixture(scope="session")
def dbt_manifest() -> Path:
    dbt = Path(sys.executable).parent / "dbt"
    subprocess.run([str(dbt), "parse", "--quiet", "--profiles-dir", "."], cwd=PROJECT_ROOT / "dbt_project",
                   check=True)
    return PROJECT_ROOT / "dbt_project" / "target" / "manifest.json"


@pytest.fixture(autouse=True)
def report_site_in_tmp(tmp_path_factory, monkeypatch) -> Path:
    """Jobs run by tests build the report site in a temporary folder, never in site/."""
    folder = tmp_path_factory.mktemp("site")
    monkeypatch.setenv("REPORT_SITE_DIR", str(folder))
    return folder
