"""Finding figures: spans, values, kinds and the direction word of a change."""
from __future__ import annotations

from ingestion.parser.distractors import quoted_spans
from ingestion.parser.figures import find_figures, listed_after
from ingestion.parser.model import Figure


def _figures(fold: str) -> list[Figure]:
    return find_figures(fold, sorted(quoted_spans(fold)))


def test_a_figure_is_a_number_with_its_unit() -> None:
    (f,) = _figures("办理案件约120件。")
    assert f == Figure(start=4, end=9, value=120, unit="件", kind="count", qualifier="about", direction_start=None)


def test_a_change_starts_at_its_direction_word() -> None:
    (f,) = _figures("来访量同比下降12.5%。")
    assert (f.kind, f.value, f.start, f.direction_start) == ("change", -12.5, 5, 5)


def test_a_listed_rate_after_a_change_is_a_change_too() -> None:
    figures = _figures("分别下降5%、3%。")
    assert [(f.kind, f.value, f.direction_start) for f in figures] == [("change", -5, 2), ("change", -3, None)]
    assert listed_after("分别下降5%、3%。", figures, 1)


def test_numbers_inside_quotes_are_not_found() -> None:
    fold = "推行“246”工作法，办结18件。"
    assert [f.value for f in _figures(fold)] == [18]
    assert quoted_spans(fold) == [(2, 7)]
