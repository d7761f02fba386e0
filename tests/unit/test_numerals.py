"""Numeral cores to numbers (Arabic, Chinese, with 万/亿 multipliers)."""
from __future__ import annotations

import pytest

from ingestion.numerals import apply_multiplier, is_arabic, is_chinese, parse_numeral


@pytest.mark.parametrize(
    ("core", "value"),
    [
        ("17", 17.0),
        ("3,680", 3680.0),
        ("97.25", 97.25),
        ("2.5万", 25000.0),
        ("31.07亿", 3107000000.0),
        ("三", 3.0),
        ("两", 2.0),
        ("十二", 12.0),
        ("三十五", 35.0),
        ("一万", 10000.0),
        ("两千", 2000.0),
        ("半", 0.5),
    ],
)
def test_parse_numeral(core: str, value: float) -> None:
    assert parse_numeral(core) == pytest.approx(value)


@pytest.mark.parametrize("core", ["", "百姓", "abc", "七上八下"])
def test_parse_numeral_rejects_words(core: str) -> None:
    assert parse_numeral(core) is None


def test_apply_multiplier() -> None:
    assert apply_multiplier(8.5, "万") == pytest.approx(85000.0)
    assert apply_multiplier(3.0, "亿") == pytest.approx(300000000.0)
    assert apply_multiplier(4.0, None) == 4.0


def test_kind_of_core() -> None:
    assert is_arabic("1,024") and is_arabic("6.5")
    assert not is_arabic("六")
    assert is_chinese("二十") and is_chinese("一万")
    # A run starting with 百/千/万 is a word (百花齐放), not a numeral.
    assert not is_chinese("百花")
