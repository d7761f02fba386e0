"""Word's automatic list numbering (numbering.xml), rendered as the document shows it.

Report headings (一、, （一）, 1.) often live only here: a paragraph points at a list and a
level (w:numPr, on itself or through its style), and the number is the level's w:lvlText with
the list's counters formatted by w:numFmt (chineseCounting, decimal, …), counters restarting
as Word restarts them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree


def w_val(node: ElementTree.Element | None, w: str) -> str | None:
    return None if node is None else node.get(f"{{{w}}}val")


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "tab"
    restart: int | None = None  # w:lvlRestart: restart after this 1-based level is used; 0 never


@dataclass
class Numbering:
    """numbering.xml: list definitions, and the counters of a walk through the document."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId → levels
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstract, start overrides)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, root: ElementTree.Element | None, w: str) -> Numbering:
        numbering = cls()
        if root is None:
            return numbering
        for abstract in root.iter(f"{{{w}}}abstractNum"):
            levels = {}
            for lvl in abstract.findall(f"{{{w}}}lvl"):
                levels[int(lvl.get(f"{{{w}}}ilvl", "0"))] = _level(lvl, w)
            numbering.levels[abstract.get(f"{{{w}}}abstractNumId", "")] = levels
        for num in root.iter(f"{{{w}}}num"):
            overrides = {}
            for override in num.findall(f"{{{w}}}lvlOverride"):
                start = w_val(override.find(f"{{{w}}}startOverride"), w)
                if start and start.lstrip("-").isdigit():
                    overrides[int(override.get(f"{{{w}}}ilvl", "0"))] = int(start)
            abstract_id = w_val(num.find(f"{{{w}}}abstractNumId"), w) or ""
            numbering.nums[num.get(f"{{{w}}}numId", "")] = (abstract_id, overrides)
        return numbering

    def render(self, num_id: str, level: int) -> str:
        """The number Word shows before this paragraph ("" if none), advancing the counters."""
        if not num_id or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        if level not in levels:
            return ""
        # Lists sharing a definition continue one another; a list that restarts its
        # numbering (startOverride) counts on its own.
        key = f"num:{num_id}" if overrides else f"abstract:{abstract_id}"
        counters = self.counters.setdefault(key, {})
        start = overrides.get(level, levels[level].start)
        counters[level] = counters[level] + 1 if level in counters else start
        for deeper in [d for d in counters if d > level and _restarts(levels.get(d, Level()), level)]:
            del counters[deeper]
        spec = levels[level]
        if spec.fmt in ("bullet", "none"):
            return ""

        def number(match: re.Match) -> str:
            ref = int(match.group(1)) - 1
            ref_level = levels.get(ref, Level())
            value = counters.get(ref, overrides.get(ref, ref_level.start))
            return format_number(value, ref_level.fmt)

        rendered = re.sub(r"%([1-9])", number, spec.text)
        if not rendered or spec.suffix == "nothing" or rendered[-1] in "、.．)）:：":
            return rendered
        return rendered + " "


def _restarts(deeper: Level, used: int) -> bool:
    """Whether a deeper level starts again when level `used` (0-based) gets a number."""
    if deeper.restart is None:
        return True
    return deeper.restart != 0 and used <= deeper.restart - 1


def _level(lvl: ElementTree.Element, w: str) -> Level:
    start = w_val(lvl.find(f"{{{w}}}start"), w)
    restart = w_val(lvl.find(f"{{{w}}}lvlRestart"), w)
    return Level(
        restart=int(restart) if restart and restart.isdigit() else None,
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=w_val(lvl.find(f"{{{w}}}numFmt"), w) or "decimal",
        text=w_val(lvl.find(f"{{{w}}}lvlText"), w) or "",
        suffix=w_val(lvl.find(f"{{{w}}}suff"), w) or "tab",
    )


_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def format_number(n: int, fmt: str) -> str:
    """A list counter in one of Word's w:numFmt styles."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "koreanCounting", "japaneseLegal", "taiwaneseCountingThousand"):
        return chinese_counting(n)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("ideographTraditional",) and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt in ("ideographZodiac",) and 1 <= n <= 12:
        return _DIZHI[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        letters = _letters(n)
        return letters if fmt == "upperLetter" else letters.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def chinese_counting(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (up to 9999)."""
    if n <= 0 or n > 9999:
        return str(n)
    out, zero = "", False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = n // power % 10
        if digit:
            if zero and out:
                out += digits[0]
            out += ("" if (power == 10 and digit == 1 and not out and digits is _CN_DIGITS) else digits[digit]) + unit
            zero = False
        elif out:
            zero = True
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: 27 → AA, 28 → BB.
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out
