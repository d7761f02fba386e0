"""The parser version changes with what decides a report's rows, and with nothing else."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingestion.version import PACKAGE_DIR, code_hash, parser_version


@pytest.fixture
def package(tmp_path: Path) -> Path:
    copy = tmp_path / "ingestion"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")


def test_the_copy_hashes_as_the_package_does(package):
    assert code_hash(package) == parser_version()


@pytest.mark.parametrize("edited", ["warehouse/store.py", "warehouse/build_state.py", "intake/ingest.py",
                                    "intake/inventory.py", "__main__.py", "version.py"])
def test_editing_what_does_not_parse_keeps_the_version(package, edited):
    before = code_hash(package)
    _append(package / edited, "\n# an edit that changes no parse\n")
    assert code_hash(package) == before


@pytest.mark.parametrize("edited", ["parser/outline.py", "parser/metadata/__init__.py", "readers/pdf.py",
                                    "rows/report_rows.py", "chinese/numerals.py", "chinese/data/user_dict.txt"])
def test_editing_a_parse_rule_changes_the_version(package, edited):
    before = code_hash(package)
    _append(package / edited, "\n# 新规则\n" if edited.endswith(".py") else "新词 3\n")
    assert code_hash(package) != before
