"""Metric phrases from figures: the words before, the counted noun after, shared numbers."""
from __future__ import annotations

from ingestion.parser.figures import find_figures
from ingestion.parser.metric_phrases import metric_phrases


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


def test_trailing_fillers_end_in_a_listed_character() -> None:
    """strip_fillers runs the $-anchored filler pattern only after a character of TRAIL_LAST."""
    from ingestion.parser.passages import _TRAIL_STRIP, TRAIL_LAST

    chars = [chr(cp) for r in (range(0x20, 0x7F), range(0x3000, 0x3040), range(0x4E00, 0xA000),
                               range(0xFF01, 0xFF5F)) for cp in r]
    # Contexts that complete the multi-character fillers (共计, 连续3年, 下降至 …).
    contexts = ("依法审结", "共", "总", "已达", "连续3", "分", "保持", "稳定", "最高", "以", "下降", "均达")
    ending = {ch for ch in chars for before in contexts if _TRAIL_STRIP.search(before + ch)}
    assert ending and all(ch in TRAIL_LAST or ch.isspace() for ch in ending)
    assert ending >= set("为是的和")
