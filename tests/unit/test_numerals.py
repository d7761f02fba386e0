"""Numeral cores to numbers (Arabic, Chinese, with 万/亿 multipliers)."""
from __future__ import annotations

import pytest

from ingestion.chinese.numerals import (
    apply_multiplier,
    is_arabic,
    is_chinese,
    parse_decimal_words,
    parse_numeral,
    to_chinese,
    to_int,
)


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


@pytest.mark.parametrize(
    ("s", "value"),
    [
        ("2024", 2024),
        ("七", 7),
        ("十", 10),
        ("十二", 12),
        ("二十九", 29),
        ("三十", 30),
        ("二〇二四", 2024),
        ("二零二三", 2023),
        ("二○二二", 2022),  # a circle for the zero
        ("二Ｏ二一", 2021),  # a full-width letter O for the zero
        ("〇", 0),
    ],
)
def test_to_int_reads_dates_and_heading_numbers(s: str, value: int) -> None:
    assert to_int(s) == value


@pytest.mark.parametrize("s", ["", "一二", "十十", "二十十", "百花", "abc"])
def test_to_int_rejects_malformed_numerals(s: str) -> None:
    assert to_int(s) is None


@pytest.mark.parametrize("n", [1, 9, 10, 11, 20, 23, 99])
def test_to_chinese_round_trips(n: int) -> None:
    assert to_int(to_chinese(n)) == n
    assert to_chinese(12) == "十二"


@pytest.mark.parametrize(
    ("words", "value"),
    [("百", 100.0), ("九十八", 98.0), ("九十八点五", 98.5), ("九十九点〇五", 99.05), ("点五", None), ("百花", None)],
)
def test_parse_decimal_words(words: str, value: float | None) -> None:
    assert parse_decimal_words(words) == value
