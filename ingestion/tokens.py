"""jieba words with offsets, using the project's domain dictionary.

HMM is off: with it on, jieba invents words across boundaries (率达, 治区); the user
dictionary keeps domain terms (出庭应诉率, 枫桥经验) whole instead.
"""
from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba

USER_DICT = Path(__file__).parent / "data" / "user_dict.txt"


@dataclass(frozen=True)
class Token:
    position: int
    start: int
    end: int
    term: str


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    if USER_DICT.exists():
        tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


def _is_word(term: str) -> bool:
    """Whitespace and punctuation are not words; numbers are kept (keywords filter them)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in term)


def tokenize(text: str) -> tuple[Token, ...]:
    tokens = []
    for term, start, end in _tokenizer().tokenize(text, HMM=False):
        if _is_word(term):
            tokens.append(Token(len(tokens), start, end, term))
    return tuple(tokens)
