"""Numerals to numbers: the one place that converts Chinese numerals (with cn2an).

Cores: 12, 1,200, 98.4, 10.6万, 245.88亿, 七, 两, 一万, 三十, 半; whole numbers such as
heading numbers (十二) and dates (二〇二四年三月五日); rates in words (九十八点五).
Callers cut a core out of running text with the patterns here (qualifier words and
unit already stripped); only such a core is handed to cn2an. cn2an.transform is never
run on running text, because it rewrites names like 八五普法 and 十四五.
"""
from __future__ import annotations

import re
from functools import lru_cache

import cn2an

# 一 to 十: the numerals of heading markers (一、 (三) 十二是) and of list items.
CN_ONE_TO_TEN = "一二三四五六七八九十"
# A Chinese numeral run has to start with a digit word or 十: a run that starts with
# 百/千/万 (百家争鸣, 千方百计, 万众一心) is a word, not a number.
CN_SMALL_DIGITS = "零〇一二两三四五六七八九十"
CN_DIGITS = CN_SMALL_DIGITS + "百千万亿"
CN_NUMERAL = rf"[一二两三四五六七八九十][{CN_DIGITS}]*"
ARABIC_NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Zero as years are written digit by digit: 二〇二四, 二○二四 (a circle), 二Ｏ二四 (a letter).
CN_ZERO_FORMS = "〇零○Ｏ"

MULTIPLIERS = {"十": 10.0, "百": 100.0, "千": 1_000.0, "万": 10_000.0, "亿": 100_000_000.0}

_ARABIC_RE = re.compile(rf"(?:{ARABIC_NUMERAL})")
_CN_RE = re.compile(CN_NUMERAL)
_MIXED_RE = re.compile(rf"(?P<num>{ARABIC_NUMERAL})(?P<mult>[十百千万亿]*)")
_ZERO_TO_LING = str.maketrans({ch: "〇" for ch in CN_ZERO_FORMS})
# Only a year is written digit by digit; 一二 is no number (a heading 一二、 is a typo).
_DIGIT_BY_DIGIT = re.compile(r"[〇一二三四五六七八九]{4}|〇")
_DIGIT_VALUE = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")}


def is_arabic(core: str) -> bool:
    return bool(_ARABIC_RE.fullmatch(core))


def is_chinese(core: str) -> bool:
    return bool(_CN_RE.fullmatch(core))


# cn2an converts through a string pipeline of its own at tens of µs a call, and the same
# cores (12, 一, 100) recur in every report: each is converted once per process.
@lru_cache(maxsize=4096)
def parse_numeral(core: str) -> float | None:
    """The value of a numeral core, or None when the core is not a plain numeral."""
    core = core.strip()
    if not core:
        return None
    if core == "半":
        return 0.5
    mixed = _MIXED_RE.fullmatch(core)
    if mixed:
        value = float(mixed.group("num").replace(",", ""))
        for ch in mixed.group("mult"):
            value *= MULTIPLIERS[ch]
        return value
    if not is_chinese(core):
        return None
    return _cn2an(core, "smart")


def parse_decimal_words(words: str) -> float | None:
    """九十八点五 → 98.5, 百 → 100 (as in 百分之百): a whole numeral, then the digits after
    点 one by one; None when the words are no numeral."""
    whole, _, fraction = words.partition("点")
    value = 100.0 if whole == "百" else parse_numeral(whole)
    if value is None or not fraction:
        return value
    return float(f"{int(value)}.{_digits(fraction)}")


@lru_cache(maxsize=4096)
def to_int(s: str) -> int | None:
    """A whole number as dates and headings write it: 12, 十二, 二十九, 三十, and digit by
    digit as years are, 二〇二四 (zero also written ○ or Ｏ); None when s is no such number."""
    s = s.strip().translate(_ZERO_TO_LING)
    if s.isdigit():
        return int(s)
    if _DIGIT_BY_DIGIT.fullmatch(s):
        return int(_digits(s))
    value = _cn2an(s, "strict")
    return None if value is None or value != int(value) else int(value)


@lru_cache(maxsize=256)
def to_chinese(n: int) -> str:
    """12 → 十二: how a heading or list numbers its n-th item."""
    return cn2an.an2cn(n)


def apply_multiplier(value: float, multiplier: str | None) -> float:
    """10.6 with 万 → 106000; several multipliers (十万) multiply out in turn."""
    for ch in multiplier or "":
        value *= MULTIPLIERS[ch]
    return value


def _digits(s: str) -> str:
    """二〇二四 → "2024": numerals read one by one."""
    return "".join(_DIGIT_VALUE[ch] for ch in s.translate(_ZERO_TO_LING))


def _cn2an(s: str, mode: str) -> float | None:
    if not s:
        return None
    try:
        return float(cn2an.cn2an(s, mode))
    except (ValueError, KeyError, TypeError):
        return None
