"""Width folding for matching that keeps offsets.

NFKC would turn … into ... and shift every offset after it; the reports' mix of
full- and half-width punctuation only needs a 1:1 table, so a match found in the
folded text is at the same offsets in the stored text.
"""
from __future__ import annotations

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # ！..～ → !..~
_FULLWIDTH[0x3000] = 0x20  # ideographic space
_FOLD_TABLE = str.maketrans(_FULLWIDTH)


def fold_width(text: str) -> str:
    """Full-width ASCII forms to half-width, one character for one character."""
    return text.translate(_FOLD_TABLE)
