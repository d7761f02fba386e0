"""Rates stated beside the counts they are computed from.

Reports often give a total, the part of it that succeeded and the rate in one breath
(调解2228件，成功2224件，成功率99.82%). Linking the three lets a later check see
whether part / total agrees with the stated rate. The link is made on the wording
alone, not on the arithmetic, so that a rate that does not agree is still linked and
can be flagged.
"""
from __future__ import annotations

from typing import Sequence

from ingestion.chinese.punctuation import SENTENCE_BREAK
from ingestion.parser.model import Mention, RateLink

# Words every rate phrase has; they say nothing about which count a rate belongs to.
_RATE_CHARS = frozenset("率比例占重的为达是均")
_COUNT_KINDS = frozenset({"count", "money"})


def link_rates(mentions: Sequence[Mention], text: str) -> tuple[RateLink, ...]:
    links: list[RateLink] = []
    for rate in mentions:
        if rate.kind != "rate":
            continue
        earlier = _distinct_spans_before(mentions, rate)
        if len(earlier) < 2:
            continue
        total, part = earlier[-2], earlier[-1]
        if _linked(total, part, rate, text):
            links.append(RateLink(total_index=total.index, part_index=part.index, rate_index=rate.index))
    return tuple(links)


def _distinct_spans_before(mentions: Sequence[Mention], rate: Mention) -> list[Mention]:
    """The mentions before the rate, one per span (各12期 gives one span two mentions)."""
    seen: set[tuple[int, int]] = set()
    out: list[Mention] = []
    for m in mentions:
        if m.start >= rate.start:
            break
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append(m)
    return out


def _linked(total: Mention, part: Mention, rate: Mention, text: str) -> bool:
    if total.kind not in _COUNT_KINDS or part.kind not in _COUNT_KINDS:
        return False
    if total.unit != part.unit or not 0 < part.value <= total.value:
        return False
    # A total, its part and the rate are stated within one sentence.
    if any(ch in SENTENCE_BREAK for ch in text[total.start:rate.start]):
        return False
    return _shares_word(part.metric, rate.metric)


def _shares_word(part_metric: str, rate_metric: str) -> bool:
    """成功2224件 … 成功率: the rate names what the part counts."""
    part_chars = {ch for ch in part_metric if "\u4e00" <= ch <= "\u9fff"} - _RATE_CHARS
    return any(ch in part_chars for ch in rate_metric)
