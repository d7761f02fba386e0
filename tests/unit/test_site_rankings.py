"""Indicators where a lower value is the better one (a place in a ranking) read the right way round
on the site: the best first, and a change of place as 上升/下降."""
from analytics.site.data import Indicator, IndicatorValue
from analytics.site.formatting import display_change
from analytics.site.pages import TOP_BARS, indicator_charts


def _indicator(values: list[float], higher_is_better: bool | None) -> Indicator:
    return Indicator(code="x", name_zh="排名", name_en="rank", kind="rank", unit="名", dimension=None,
                     higher_is_better=higher_is_better,
                     values=[IndicatorValue(report_id=f"r{v:g}", organization=f"甲{v:g}县", report_year=2023, value=v,
                                            unit="名", text=f"第{v:g}名", sentence=None, metric=None,
                                            section_path=None, candidate_count=1)
                             for v in sorted(values, reverse=True)])


def _labels(chart) -> list[str]:
    return [part.split("</text>")[0].split(">")[-1] for part in str(chart).split("<text")[1:]]


def test_a_place_gained_reads_as_up_and_a_rate_change_as_points() -> None:
    assert display_change(-2, "rank", "名") == "上升2名"
    assert display_change(1, "rank", "名") == "下降1名"
    assert display_change(0, "rank", "名") == "名次不变"
    assert display_change(1.5, "rate", "%") == "+1.5个百分点"


def test_the_best_places_come_first_when_a_lower_value_is_better() -> None:
    places = [float(p) for p in range(1, 2 * TOP_BARS + 6)]
    (best_heading, best), (worst_heading, worst) = indicator_charts(_indicator(places, higher_is_better=False))
    assert best_heading.startswith("最好的") and worst_heading.startswith("最差的")
    assert "甲1县（2023）" in _labels(best) and "甲1县（2023）" not in _labels(worst)
    assert f"甲{len(places)}县（2023）" in _labels(worst)

    (highest_heading, highest), _ = indicator_charts(_indicator(places, higher_is_better=True))
    assert highest_heading.startswith("最高的") and f"甲{len(places)}县（2023）" in _labels(highest)


def test_few_places_are_listed_from_the_best() -> None:
    [(heading, chart)] = indicator_charts(_indicator([3.0, 1.0, 2.0], higher_is_better=False))
    assert heading == "各报告的数值（从低到高）"
    labels = [label for label in _labels(chart) if label.startswith("甲")]
    assert labels == ["甲1县（2023）", "甲2县（2023）", "甲3县（2023）"]
