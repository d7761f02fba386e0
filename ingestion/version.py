"""Which parser made a report's rows: a hash of every file that decides them.

Stored on every report; a new value re-parses every file of the inbox. It covers the readers
(bytes to text), the Chinese text utilities with their dictionary, the parser and the raw rows,
and nothing else: editing how the inbox is listed, planned or written (intake/, warehouse/)
or the command line leaves every parse as it was, so it must not make a warehouse parse again.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
PARSE_STAGES = ("readers", "chinese", "parser", "rows")


def parse_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The files whose content decides a report's rows, in a stable order."""
    return sorted(path for stage in PARSE_STAGES for path in (package_dir / stage).rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts)


def code_hash(package_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in parse_files(package_dir):
        digest.update(str(path.relative_to(package_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def parser_version() -> str:
    return code_hash(PACKAGE_DIR)
