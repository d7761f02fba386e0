"""Metric phrases from figures: the words before, the counted noun after, shared numbers."""
from __future__ import annotations

from ingestion.metric_phrases import metric_phrases
from ingestion.numbers import find_figures


def _phrases(text: str) -> list[tuple[str, ...]]:
    return metric_phrases(text, text, find_figures(text, []))


def test_one_phrase_per_figure() -> None:
    assert _phrases("开展专项检查36次，查处案件12件。") == [("开展专项检查",), ("查处案件",)]


def test_shared_number_gives_one_phrase_per_subject() -> None:
    assert _phrases("办结率和满意率均为100%。") == [("办结率", "满意率")]


def test_an_empty_phrase_takes_the_earlier_figures() -> None:
    assert _phrases("受理复议案件48件，较上年减少20%。") == [("受理复议案件",), ("受理复议案件",)]


def test_respectively_pairs_subjects_in_order() -> None:
    assert _phrases("建议和提案分别为45件、62件。") == [("建议",), ("提案",)]
