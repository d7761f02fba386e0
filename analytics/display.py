"""Width of text on screen and in spreadsheet columns."""
from __future__ import annotations

import unicodedata


def display_width(text: str | None) -> int:
    """Columns a string takes: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text or "")
