"""File names as the warehouse stores and shows them, whatever bytes the file system holds.

Linux file names are bytes. Zip archives made on Chinese Windows unpack to names in GBK, which
Python lists with surrogate escapes that no UTF-8 encoder (a hash, DuckDB, JSON) accepts. The
stored name keeps such a name's undecodable bytes as `\\xNN` escapes, so it is valid text and maps
back to the same bytes (names that already contain a literal `\\xNN` aside); the shown name decodes
those bytes as GB18030 (the superset of GBK) where they are that, so 法治政府报告.txt reads as itself.
"""
from __future__ import annotations

import os
import re

_ESCAPED = re.compile(rb"\\x([0-9a-f]{2})")


def stored_name(name: str) -> str:
    """A listed name (possibly with surrogate escapes) as valid text that keeps every byte."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def name_bytes(stored: str) -> bytes:
    """The file system's bytes of a stored name."""
    return _ESCAPED.sub(lambda m: bytes([int(m.group(1), 16)]), stored.encode("utf-8"))


def shown_name(stored: str) -> str:
    """A stored name for people: escaped bytes decoded as GB18030 where they are that."""
    if "\\x" not in stored:
        return stored
    try:
        return name_bytes(stored).decode("gb18030")
    except UnicodeDecodeError:
        return stored
