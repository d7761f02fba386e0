"""Width folding for matching that keeps offsets.

NFKC would turn … into ... and shift every offset after it; the reports' mix of
full- and half-width punctuation only needs a 1:1 table, so a match found in the
folded text is at the same offsets in the stored text. Text from PDFs also puts a space or
two where print spaced characters apart (a number and its unit): `skip_spaces` steps over them.
"""
from __future__ import annotations

import re

_FULLWIDTH = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}  # ！..～ → !..~
_FULLWIDTH["\u3000"] = " "  # ideographic space

# str.translate looks every character of a CJK text up in its table one by one (about
# 15× slower than this); the regex engine skips the runs with nothing to fold in C.
_FOLDABLE = re.compile("[\uff01-\uff5e\u3000]")


def _half(m: re.Match[str], half=_FULLWIDTH.__getitem__) -> str:
    return half(m.group())


def fold_width(text: str) -> str:
    """Full-width ASCII forms to half-width, one character for one character."""
    return _FOLDABLE.sub(_half, text)


SPACES = " \u3000\xa0\t"


def skip_spaces(fold: str, pos: int) -> int:
    """pos moved past at most two spaces."""
    end = pos
    while end < len(fold) and end - pos < 2 and fold[end] in SPACES:
        end += 1
    return end


def skip_spaces_back(fold: str, pos: int) -> int:
    start = pos
    while start > 0 and pos - start < 2 and fold[start - 1] in SPACES:
        start -= 1
    return start
