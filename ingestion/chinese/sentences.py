"""Sentence spans of a report's clean text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingestion.chinese.punctuation import SENTENCE_END

# A line end closes headings and lines without punctuation.
_SENTENCE = re.compile(rf"[^{SENTENCE_END}\n]+[{SENTENCE_END}]*")


@dataclass(frozen=True)
class SentenceSpan:
    index: int
    start: int
    end: int
    text: str


def split_sentences(text: str) -> tuple[SentenceSpan, ...]:
    spans = []
    for match in _SENTENCE.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        spans.append(SentenceSpan(len(spans), start, start + len(stripped), stripped))
    return tuple(spans)
