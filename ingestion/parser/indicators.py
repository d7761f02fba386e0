"""Indicator mentions: the numbers a report gives for work done, its outcome and its
resources (集体学法12次, 成功率99.82%, 较上年下降45%, 经费10万元, 半天办结).

Three stages, each its own module: ingestion.parser.figures finds the figures (with the unit
vocabulary of ingestion.parser.units), ingestion.parser.metric_phrases names what each measures, and
this module places them in the outline. A figure shared by several subjects (各12期,
均为100%) gives one mention per subject.
"""
from __future__ import annotations

import bisect
from typing import Sequence

from ingestion.chinese.widths import fold_width
from ingestion.parser.distractors import quoted_spans
from ingestion.parser.figures import find_figures
from ingestion.parser.metric_phrases import metric_phrases
from ingestion.parser.model import Mention, Section


def extract_mentions(text: str, sections: Sequence[Section]) -> tuple[Mention, ...]:
    fold = fold_width(text)
    figures = find_figures(fold, _blocked_spans(fold, sections))
    mentions: list[Mention] = []
    starts = [s.start for s in sections]
    for figure, metrics in zip(figures, metric_phrases(text, fold, figures), strict=True):
        section = _section_at(sections, starts, figure.start)
        for metric in metrics:
            mentions.append(
                Mention(
                    index=len(mentions),
                    section_index=section.index if section else None,
                    section_path=section.path if section else "",
                    metric=metric,
                    text=text[figure.start:figure.end],
                    value=figure.value,
                    unit=figure.unit,
                    kind=figure.kind,
                    qualifier=figure.qualifier,
                    start=figure.start,
                    end=figure.end,
                )
            )
    return tuple(mentions)


def _blocked_spans(fold: str, sections: Sequence[Section]) -> list[tuple[int, int]]:
    """Where no figure starts: quoted names and heading markers."""
    return sorted(quoted_spans(fold) + [(s.start, s.start + len(s.marker)) for s in sections])


def _section_at(sections: Sequence[Section], starts: list[int], pos: int) -> Section | None:
    """The deepest section holding pos: sections end at the next heading of any level,
    so the last one starting at or before pos is the deepest."""
    i = bisect.bisect_right(starts, pos) - 1
    while i >= 0:
        if sections[i].start <= pos < sections[i].end:
            return sections[i]
        i -= 1
    return None
