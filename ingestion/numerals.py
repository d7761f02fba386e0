"""Numeral cores to numbers: 12, 1,200, 98.4, 10.6万, 245.88亿, 七, 两, 一万, 三十, 半.

The regexes in ingestion.indicators cut a core out of running text (qualifier words
and the unit already stripped); only such a core is handed to cn2an. cn2an.transform
is never run on running text, because it rewrites names like 八五普法 and 十四五.
"""
from __future__ import annotations

import re

import cn2an

# A Chinese numeral run has to start with a digit word or 十: a run that starts with
# 百/千/万 (百家争鸣, 千方百计, 万众一心) is a word, not a number.
CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
CN_NUMERAL = rf"[一二两三四五六七八九十][{CN_DIGITS}]*"
ARABIC_NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

MULTIPLIERS = {"十": 10.0, "百": 100.0, "千": 1_000.0, "万": 10_000.0, "亿": 100_000_000.0}

_ARABIC_RE = re.compile(rf"(?:{ARABIC_NUMERAL})")
_CN_RE = re.compile(CN_NUMERAL)
_MIXED_RE = re.compile(rf"(?P<num>{ARABIC_NUMERAL})(?P<mult>[十百千万亿]*)")


def is_arabic(core: str) -> bool:
    return bool(_ARABIC_RE.fullmatch(core))


def is_chinese(core: str) -> bool:
    return bool(_CN_RE.fullmatch(core))


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
    try:
        value = cn2an.cn2an(core, "smart")
    except (ValueError, KeyError, TypeError):
        return None
    return float(value)


def apply_multiplier(value: float, multiplier: str | None) -> float:
    """10.6 with 万 → 106000; several multipliers (十万) multiply out in turn."""
    for ch in multiplier or "":
        value *= MULTIPLIERS[ch]
    return value
