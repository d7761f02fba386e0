"""Words of a text with their character offsets, segmented with the project's domain dictionary.

The segmenter is rjieba (jieba-rs, jieba's algorithm in Rust, same bundled dictionary):
with ingestion/chinese/data/user_dict.txt it gives exactly the words and offsets of pure-Python
`jieba.Tokenizer.tokenize(text, HMM=False)` (benchmarks/segmenters.py checks every token
of the samples and the generated corpus) at about 20× the speed.

HMM is off: with it on, jieba invents words across boundaries (率达, 治区); the user
dictionary keeps domain terms (出庭应诉率, 枫桥经验) whole instead.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import accumulate, compress
from pathlib import Path
from typing import NamedTuple

import rjieba

USER_DICT = Path(__file__).parent / "data" / "user_dict.txt"


class Token(NamedTuple):
    position: int
    start: int
    end: int
    term: str


class TokenColumns(NamedTuple):
    """The words of a text as parallel lists: word i is terms[i] at starts[i]; its position is i."""

    starts: list[int]
    terms: list[str]


def dictionary_entries(path: Path = USER_DICT) -> list[tuple[str, int | None, str | None]]:
    """(word, frequency, tag) of each line, as jieba's load_userdict reads it."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if fields:
            freq = int(fields[1]) if len(fields) > 1 else None
            entries.append((fields[0], freq, fields[2] if len(fields) > 2 else None))
    return entries


@lru_cache(maxsize=1)
def _segmenter() -> rjieba.Jieba:
    segmenter = rjieba.Jieba()
    if USER_DICT.exists():
        for word, freq, tag in dictionary_entries():
            segmenter.add_word(word, freq, tag)
    return segmenter


@lru_cache(maxsize=1 << 16)
def _is_word(term: str) -> bool:
    """Whitespace and punctuation are not words; numbers are kept (keywords filter them)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in term)


def token_columns(text: str) -> TokenColumns:
    """Words and their start offsets, with no object per word.

    The segments tile the text, so offsets are the running sum of their lengths; the loops
    run in C (map, accumulate, compress) and words repeat, so the word test is a cache hit.
    """
    segments = _segmenter().cut(text, False)
    keep = list(map(_is_word, segments))
    starts = accumulate(map(len, segments), initial=0)
    return TokenColumns(list(compress(starts, keep)), list(compress(segments, keep)))


def tokenize(text: str) -> tuple[Token, ...]:
    starts, terms = token_columns(text)
    return tuple(Token(i, s, s + len(t), t) for i, (s, t) in enumerate(zip(starts, terms)))
