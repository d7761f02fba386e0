"""Shared fixtures. The dbt manifest is built once per session, never at import time."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import PROJECT_ROOT


@pytest.fixture(scope="session")
def dbt_manifest() -> Path:
    """The manifest `make manifest` builds; parsed again only when a file of the dbt project is newer."""
    project = PROJECT_ROOT / "dbt_project"
    manifest = project / "target" / "manifest.json"
    sources = [p for name in ("models", "macros", "seeds", "tests") for p in (project / name).rglob("*") if p.is_file()]
    sources += [project / "dbt_project.yml", project / "profiles.yml"]
    if not manifest.exists() or manifest.stat().st_mtime < max(p.stat().st_mtime for p in sources):
        dbt = Path(sys.executable).parent / "dbt"
        subprocess.run([str(dbt), "parse", "--quiet", "--profiles-dir", "."], cwd=project, check=True)
        manifest.touch()
    return manifest


@pytest.fixture(scope="session", autouse=True)
def _report_site_outside_the_tree(tmp_path_factory) -> Path:
    """No job a test runs, whatever its fixture scope, writes the report site into site/."""
    folder = tmp_path_factory.mktemp("session_site")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REPORT_SITE_DIR", str(folder))
        # Nor reads a developer's parse cache in data/.
        mp.setenv("PARSE_CACHE_DIR", str(tmp_path_factory.mktemp("parse_cache")))
        yield folder


@pytest.fixture(autouse=True)
def report_site_in_tmp(tmp_path_factory, monkeypatch) -> Path:
    """Each test that runs a job gets its own site folder to look at."""
    folder = tmp_path_factory.mktemp("site")
    monkeypatch.setenv("REPORT_SITE_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session: Playwright's sync API allows one at a time."""
    from tests.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium: apt-get install -y chromium fonts-noto-cjk (.ci/run does)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()
