"""`make run` parses the dbt project again only when one of its files changed (`make -q` asks
make whether the manifest is up to date without running anything)."""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.paths import PROJECT_ROOT

MANIFEST = "dbt_project/target/manifest.json"


def _touch(path: Path, at: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    os.utime(path, (at, at))


def _manifest_is_current(root: Path) -> bool:
    return subprocess.run(["make", "-q", MANIFEST], cwd=root, capture_output=True).returncode == 0


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_the_manifest_is_rebuilt_only_after_a_dbt_project_file_changed(tmp_path):
    shutil.copy(PROJECT_ROOT / "Makefile", tmp_path / "Makefile")
    start = time.time() - 100
    _touch(tmp_path / "pyproject.toml", start)
    _touch(tmp_path / ".venv" / ".installed", start + 1)
    for name in ("models/a.sql", "macros/m.sql", "seeds/s.csv", "tests/t.sql", "dbt_project.yml", "profiles.yml"):
        _touch(tmp_path / "dbt_project" / name, start + 2)
    _touch(tmp_path / MANIFEST, start + 3)
    assert _manifest_is_current(tmp_path)

    _touch(tmp_path / "dbt_project" / "models" / "a.sql", start + 4)  # an edited model
    assert not _manifest_is_current(tmp_path)
    _touch(tmp_path / MANIFEST, start + 5)
    assert _manifest_is_current(tmp_path)
    _touch(tmp_path / "dbt_project" / "macros" / "new.sql", start + 6)  # a new macro
    assert not _manifest_is_current(tmp_path)


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_ui_runs_dg_dev_and_make_docs_is_make_serve():
    def dry_run(target: str) -> str:
        return subprocess.run(["make", "-n", "-o", ".venv/.installed", "-o", MANIFEST, "-o", ".dagster_home/dagster.yaml",
                               target], cwd=PROJECT_ROOT, capture_output=True, text=True,
                              env={**os.environ, "DAGSTER_HOME": ".dagster_home"}).stdout
    assert "/dg dev -h 127.0.0.1 -p 3000" in dry_run("ui")
    assert "-m analytics serve" in dry_run("docs") and "--site-port 8081 --docs-port 8080" in dry_run("serve")
