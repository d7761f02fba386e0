"""`make lint` is part of CI, before the tests, and the Python tree passes ruff."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.paths import PROJECT_ROOT


def test_ci_lints_before_it_tests():
    steps = [line.strip() for line in (PROJECT_ROOT / ".ci" / "run").read_text().splitlines()
             if line.strip().startswith("make ")]
    assert steps == ["make lint", "make test"]


def test_the_python_tree_passes_ruff():
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run([str(ruff), "check", "--output-format", "concise", "."], cwd=PROJECT_ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
