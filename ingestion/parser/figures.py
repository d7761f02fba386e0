"""Figures in running text: a number with its unit, its qualifier words and, for a
change, its direction word (集体学法12次, 成功率99.82%, 较上年下降45%, 半天办结).

Numbers are found by regular expressions over the width-folded text (offsets are the
same as in the stored text), never by word tokens, which split 98.4% apart. A number
is a figure only with a unit after it: that alone keeps out years (2023年), dates,
document numbers (〔2023〕2号), hotlines (12345热线) and website codes. The rest of the
distractors of official writing are ruled out below: ordinals (第三批), numbers in
names and quotes ("123"工作模式, 7.0版), and slogans built on a Chinese numeral
(三项制度, 一件事一次办, 六项行动+三张清单).

Decisions the guidelines leave open: a range before one unit (3至5个工作日, 10-15天)
is one figure spanning the whole range, valued at its upper end (the figure a time
limit or target binds to); a rate written in words (百分之九十八点五) is a rate like
98.5%; a bare 百/千/万 counts only with a qualifier (近千件, 百余人次); a per-head or
per-period suffix (200元/人) stays in the span; a session number after 届 (十四届五次
全会) is an ordinal; a figure before a noun without a measure word (30万新录用公务员)
is left out.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import NamedTuple, Sequence

from ingestion.chinese.numerals import (
    ARABIC_NUMERAL,
    CN_NUMERAL,
    apply_multiplier,
    is_arabic,
    parse_decimal_words,
    parse_numeral,
)
from ingestion.chinese.widths import skip_spaces, skip_spaces_back
from ingestion.parser.distractors import (
    ARABIC_GLUE,
    CN_DIGIT_CHARS,
    CN_WORD_BEFORE,
    number_context_ok,
    session_ordinal,
    slogan_around,
)
from ingestion.parser.model import Figure, Qualifier
from ingestion.parser.units import (
    DIRECTION_BEFORE_RE,
    DOWN,
    DURATION_UNITS,
    PER_UNIT_RE,
    PERCENT_UNITS,
    POINTS_UNIT,
    PREFIX_QUALIFIER,
    QUALIFIER_PREFIX_RE,
    SUFFIX_QUALIFIER,
    TARGET_PREFIX_RE,
    UNIT_ALT,
    UNITS,
    false_prefix,
    points_sign,
    unit_kind,
    unit_ok,
)


@dataclass(frozen=True)
class _Reading:
    """A number read with its unit and qualifier, before its kind is decided."""

    start: int
    end: int
    left: int  # where the words before the figure end: a direction word stands before it
    core: str
    value: float
    unit: str
    qualifier: Qualifier | None


class _Opening(NamedTuple):
    lead: int  # where the written figure starts: a range's lower end, or past spaces before it
    start: int  # where its span starts, before any qualifier word


class _Tail(NamedTuple):
    unit: str
    unit_end: int
    end: int  # after 以上/左右
    multiplier: str  # 万, 亿, 千万 …
    qualifier: Qualifier | None


# 近千场, 百余人次, 千余份: a bare 百/千/万 is a round number when a qualifier goes with it.
_BARE_ROUND = {"百": 100.0, "千": 1_000.0, "万": 10_000.0}

# The lookahead names the characters a number starts with: without it the engine tries
# all six alternatives at every character of the text, twice as slow.
_NUMBER_RE = re.compile(
    rf"(?=[\d一二两三四五六七八九十半百千万])(?:{ARABIC_NUMERAL}|{CN_NUMERAL}|半|(?<=[近约超逾])[百千万]|[百千万](?=[余多]))"
)

# 百分之九十八点五, 百分之百: a rate written out in words.
_PERCENT_WORDS_RE = re.compile(r"百分之(?P<num>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)")
_PERCENT_SUFFIX_RE = re.compile(r"以上|左右")

# 3至5个工作日, 10-15天: a range before one unit.
_RANGE_BEFORE = re.compile(
    rf"(?P<a>{ARABIC_NUMERAL}|[一二两三四五六七八九十百千]+)[ \u3000]?(?:至|到|-|—|–|~|～)[ \u3000]?$"
)
_ORDINAL_RANGE = -1  # 第1至3批
_TAIL_RE = re.compile(
    rf"(?P<m1>[万亿千])?(?P<q>[余多])?(?P<m2>[万亿])?(?P<unit>{UNIT_ALT})(?P<suf>以上|左右)?"
)

# What a tail can start with: a multiplier, 余/多 or a unit. Most numbers are followed by
# none of these (一是, 2023年), and the unit alternation is then never tried.
_TAIL_FIRST = frozenset("万亿千余多" + "".join(u[0] for u in UNITS))
_LIST_GLUE = frozenset({"、", "和", "及", "与", ",", "，", "以及"})


def find_figures(fold: str, blocked: list[tuple[int, int]]) -> list[Figure]:
    """The figures of fold in order, none starting inside a blocked span (sorted)."""
    figures = []
    for m in _NUMBER_RE.finditer(fold):
        core = m.group()
        arabic = core[0].isdecimal()  # the Arabic alternatives start with \d, the others never
        # Most numbers have no unit after them (一是, 统一, 2023年): the tail, which every
        # figure needs, is looked at first.
        gap_end = skip_spaces(fold, m.end()) if arabic else m.end()
        if gap_end == len(fold) or fold[gap_end] not in _TAIL_FIRST:
            continue
        tail = _TAIL_RE.match(fold, gap_end)
        if tail is not None and not _inside(blocked, m.start()):
            figure = _read_figure(fold, m.start(), core, arabic, tail)
            if figure is not None:
                figures.append(figure)
    for m in _PERCENT_WORDS_RE.finditer(fold):
        if not _inside(blocked, m.start()):
            figure = _read_word_percent(fold, m)
            if figure is not None:
                figures = [f for f in figures if f.end <= figure.start or f.start >= figure.end]
                figures.append(figure)
    return _carry_direction(fold, sorted(figures, key=lambda f: f.start))


def listed_after(fold: str, figures: Sequence[Figure], i: int) -> bool:
    """figures[i] directly follows figures[i - 1] in a list: 5%、3% · 45件和62件."""
    return i > 0 and fold[figures[i - 1].end:figures[i].start] in _LIST_GLUE


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, len(spans) + 10**9)) - 1
    # Spans may nest (a quote inside a book title): look back over a few.
    for a, b in spans[max(0, i - 4):i + 1]:
        if a <= pos < b:
            return True
    return False


def _carry_direction(fold: str, figures: list[Figure]) -> list[Figure]:
    """分别下降5%、3%: the direction word before the first figure holds for the rest."""
    out: list[Figure] = []
    for i, figure in enumerate(figures):
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "change" and figure.kind == "rate" and prev.unit == figure.unit
                and listed_after(fold, figures, i)):
            sign = -1.0 if prev.value < 0 else 1.0
            figure = replace(figure, value=sign * figure.value, kind="change", direction_start=None)
        out.append(figure)
    return out


def _read_word_percent(fold: str, m: re.Match[str]) -> Figure | None:
    """百分之百 → 100, 百分之九十八点五 → 98.5; 百分之百的努力 is a manner of speaking."""
    num = m.group("num")
    end = m.end()
    if fold.startswith("的", end) and num == "百":
        return None
    value = parse_decimal_words(num)
    if value is None:
        return None
    suffix = _PERCENT_SUFFIX_RE.match(fold, end)
    qualifier = SUFFIX_QUALIFIER[suffix.group()] if suffix else None
    end = suffix.end() if suffix else end
    start, qualifier = _with_prefix(fold, m.start(), m.start(), qualifier)
    return _classify(fold, _Reading(start, end, start, num, value, "%", qualifier))


def _read_figure(fold: str, ns: int, core: str, arabic: bool, tail_match: re.Match[str]) -> Figure | None:
    """The figure whose number core starts at ns, with tail_match the _TAIL_RE match after
    it; None when it is no quantity.

    Text converted from PDF sets Arabic figures apart with spaces (开展学习 18 次): the
    words around such a figure are read across the spaces, so the tail starts past them."""
    opening = _opening(fold, ns, core, arabic)
    if opening is None:
        return None
    if not number_context_ok(fold, opening.lead, tail_match.start(), core, arabic):
        return None
    tail = _read_tail(fold, tail_match, core, arabic)
    if tail is None or (tail.unit == "次" and session_ordinal(fold, opening.lead, tail.unit_end)):
        return None
    if slogan_around(fold, tail.end, arabic, ns):
        return None
    value = _BARE_ROUND[core] if core in _BARE_ROUND else parse_numeral(core)
    if value is None:
        return None
    end = tail.end
    per = PER_UNIT_RE.match(fold, end) if tail.unit not in PERCENT_UNITS else None
    if per:
        end = per.end()
    start, qualifier = _with_prefix(fold, opening.lead, opening.start, tail.qualifier)
    if core in _BARE_ROUND and qualifier is None:
        return None  # 千家万户, 百花齐放: a bare 百/千 without 近/余 is a word
    value = round(apply_multiplier(value, tail.multiplier), 6)
    left = opening.lead if start == ns else start
    return _classify(fold, _Reading(start, end, left, core, value, tail.unit, qualifier))


def _opening(fold: str, ns: int, core: str, arabic: bool) -> _Opening | None:
    lead = skip_spaces_back(fold, ns) if arabic else ns
    if core in _BARE_ROUND and lead and (fold[lead - 1].isdigit() or fold[lead - 1] in CN_DIGIT_CHARS
                                         or fold[lead - 1] in "百千万"):
        return None  # the 万 of 1万余人 belongs to the figure before
    range_start = _range_start(fold, lead, core, arabic)
    if range_start == _ORDINAL_RANGE:
        return None
    if range_start is None:
        return _Opening(lead, ns)
    return _Opening(range_start, range_start)


def _read_tail(fold: str, tail: re.Match[str], core: str, arabic: bool) -> _Tail | None:
    """The multiplier, 余/多, unit and 以上/左右 of a _TAIL_RE match after a number core."""
    if not arabic and tail.group("m1"):
        return None  # a Chinese run already holds its 万/亿
    unit, unit_end = tail.group("unit"), tail.end("unit")
    if not unit_ok(fold, unit, unit_end, core, arabic):
        return None
    qualifier = SUFFIX_QUALIFIER.get(tail.group("q") or "") or SUFFIX_QUALIFIER.get(tail.group("suf") or "")
    multiplier = (tail.group("m1") or "") + (tail.group("m2") or "")
    return _Tail(unit, unit_end, tail.end(), multiplier, qualifier)


def _with_prefix(fold: str, lead: int, start: int, qualifier: Qualifier | None) -> tuple[int, Qualifier | None]:
    """The span start and qualifier once a qualifier word right before lead (近, 约, 超过; 不低于, a
    target) is taken in."""
    bound = TARGET_PREFIX_RE.search(fold, max(0, lead - 4), lead)
    if bound:
        return bound.start(), "target"
    prefix = QUALIFIER_PREFIX_RE.search(fold, max(0, lead - 2), lead)
    if prefix and prefix.end() == lead and not false_prefix(fold, prefix.start(), prefix.group()):
        return prefix.start(), qualifier or PREFIX_QUALIFIER[prefix.group()]
    return start, qualifier


def _classify(fold: str, r: _Reading) -> Figure | None:
    if r.core == "半" and r.unit not in DURATION_UNITS:
        return None
    kind = unit_kind(r.unit)
    if r.unit in PERCENT_UNITS:
        direction = DIRECTION_BEFORE_RE.search(fold, max(0, r.left - 4), r.left)
        if direction:
            sign = -1.0 if direction.group("dir") in DOWN else 1.0
            return Figure(direction.start(), r.end, sign * r.value, r.unit, "change", r.qualifier, direction.start())
        if r.unit == POINTS_UNIT:
            sign = points_sign(fold, r.left)
            return Figure(r.start, r.end, sign * r.value, r.unit, "change", r.qualifier, None)
        if r.unit != "%" or not 0 <= r.value <= 100:
            return None
    if kind == "duration":
        if r.unit == "日" and not fold.startswith("内", r.end):
            return None  # 25日 is a date; 15日内 is a time limit
        return Figure(r.start, r.end, r.value, "天", kind, r.qualifier, None)
    return Figure(r.start, r.end, r.value, r.unit, kind, r.qualifier, None)


def _range_start(fold: str, lead: int, core: str, arabic: bool) -> int | None:
    """Where a range such as 3至5 or 10-15 opens, when core is its upper end
    (_ORDINAL_RANGE: an ordinal range, no figure).

    A range before one unit (3至5个工作日, 10-15天) is one figure: its span is the
    whole range and its value the upper end, the figure a time limit or target
    binds to. Ordinals (第1至3批), dates and codes have no unit or fail the order."""
    m = _RANGE_BEFORE.search(fold, max(0, lead - 16), lead)
    if not m or is_arabic(m.group("a")) != arabic:
        return None
    a = m.start("a")
    before = fold[a - 1] if a else ""
    if before == "第":
        return _ORDINAL_RANGE
    if before in ARABIC_GLUE or (before.isascii() and before.isalpha()):
        return None
    if not arabic and (before in CN_DIGIT_CHARS or before in CN_WORD_BEFORE):
        return None
    low, high = parse_numeral(m.group("a")), parse_numeral(core)
    if low is None or high is None or not low < high:
        return None
    return a
