"""Indicator mentions: the numbers a report gives for work done, its outcome and its
resources (集体学法12次, 成功率99.82%, 较上年下降45%, 经费10万元, 半天办结, 名列全市第三).

Three stages, each its own module: ingestion.parser.figures finds the figures (with the unit
vocabulary of ingestion.parser.units) and ingestion.parser.ranks the places in a ranking,
ingestion.parser.metric_phrases names what each measures, and this module places them in the
outline. A figure shared by several subjects (各12期, 均为100%) gives one mention per subject.

A figure is a target, not a result, when a bound is written before it (不低于60%), when its
clause sets a goal (力争…达到95%, 确保…, 目标…), or when it stands in the plans part.
"""
from __future__ import annotations

import bisect
import re
from typing import Sequence

from ingestion.chinese.punctuation import CLAUSE_END
from ingestion.chinese.widths import fold_width
from ingestion.parser.distractors import quoted_spans
from ingestion.parser.figures import find_figures
from ingestion.parser.metric_phrases import metric_phrases
from ingestion.parser.model import Figure, Mention, Qualifier, Section
from ingestion.parser.ranks import find_ranks

# Words that make a figure after them in the clause a goal (完成目标任务 and 目标考核 are no goal).
_TARGET_CUE = re.compile(r"力争|争取|确保|努力|预计|(?<![完实达])目标(?!任务|考核|责任|管理|导向|要求|体系)")


def extract_mentions(text: str, sections: Sequence[Section]) -> tuple[Mention, ...]:
    fold = fold_width(text)
    blocked = _blocked_spans(fold, sections)
    ranks = [r for r in find_ranks(fold) if not any(a <= r.start < b for a, b in blocked)]
    figures = sorted(find_figures(fold, blocked) + ranks, key=lambda f: f.start)
    mentions: list[Mention] = []
    starts = [s.start for s in sections]
    parts = _top_parts(sections)
    marker_ends = [s.start + len(s.marker) for s in sections]
    for figure, metrics in zip(figures, metric_phrases(text, fold, figures, marker_ends), strict=True):
        section = _section_at(sections, starts, figure.start)
        qualifier = _qualifier(fold, figure, parts[section.index] if section else None)
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
                    qualifier=qualifier,
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


def _top_parts(sections: Sequence[Section]) -> list[str | None]:
    """The part of each section's level-1 heading."""
    parts: list[str | None] = []
    for s in sections:
        parts.append(s.part if s.parent_index is None else parts[s.parent_index])
    return parts


def _qualifier(fold: str, figure: Figure, part: str | None) -> Qualifier | None:
    if figure.qualifier == "target" or part == "plans":
        return "target"
    left = figure.direction_start if figure.direction_start is not None else figure.start
    clause = max(fold.rfind(ch, 0, left) for ch in CLAUSE_END) + 1
    return "target" if _TARGET_CUE.search(fold, clause, left) else figure.qualifier
