"""The passage a figure stands in, and how a metric phrase is cut from it.

A phrase is the text between a clause start (a clause end, an unclosed bracket, or a word that
opens a sentence where the full stop was lost) and the figure, cut at list joints outside
brackets and quotes, with filler words (time words, 共/累计, linking verbs) and quoted codes
dropped. Patterns run on the width-folded text; phrases are cut from the text as stored, at
the same offsets.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingestion.chinese.punctuation import CLAUSE_END, LIST_COMMA
from ingestion.parser.model import Figure
from ingestion.parser.units import DIRECTION_ALT

# Fillers around a metric phrase: time words, 共/累计, 其中, linking verbs (为/达到), the
# direction of a 下降至 target. Lookbehinds keep words that end in such a character
# (违法行为, 涉及, 参与, 公共).
_LEAD_STRIP = re.compile(
    r"^(?:截至\d{4}\s?年(?:\d{1,2}月)?(?:底|末)?|截至(?:目前|今年|年底)?|"
    r"\d{4}(?:\s?[-—–~至到]\s?\d{4})?\s?年(?:度)?(?:以来|全年|上半年|下半年|底)?|"
    r"\d{1,2}(?:[-—–~至到]\d{1,2})?月(?:份)?(?:以来|底)?|\d{1,2}日|全年|年内|今年以来|今年|去年|当年|本年度|年度内|本季度|本月|"
    r"上半年|下半年|(?:第[一二三四])?[一二三四]?季度|每(?:年|季度|月|周)|目前|至今|[一二三四五六七八九十]是|"
    r"其中|此外|另外|同时|共计|总计|合计|累计|先后|共有|共(?![青享建治同产识])|已经|已|并|均|全部|分别|以来|的|及(?!时)|与|"
    r"力争|争取|确保|努力|预计|"
    r"[\s,，、;；:：]+)"
)
_TRAIL_STRIP = re.compile(
    r"(?:共计|总计|合计|累计|(?<!公)共|达到了|已达到|达到|已达|(?:高|多|最高)达|(?<![发到下表传送抵])达|(?<![行作认成因称视分列评定])为|"
    r"是|(?<![所拥具共现没占享持还配设建载])有|不?(?:高于|低于|超过|少于|大于|小于)|保持在|保持|稳定在|维持在|控制在|连续[一二两三四五六七八九十\d]+年|分别为|分别|(?<!平)均(?:为|达到|达)?|各|的|了|已|"
    r"(?<![理经自缘交])由|"
    r"(?<![总调缓温随])和|(?<![涉普危以顾])及|(?<!参)与|以及|"
    rf"(?:{DIRECTION_ALT})?(?:至|到)|[\s,，、;；:：]+)$"
)

# The last characters of the _TRAIL_STRIP alternatives (whitespace aside).
TRAIL_LAST = frozenset("计共了到达为是有在持年别均各的已由和及与至于过,，、;；:：")
_PREPOSITION_END = frozenset("对向给与及和为同")
_PREPOSITION_WORD = re.compile(
    r"(?:(?:涉|普|危|以|顾)及|参与|(?:作|成|认|行|因|称|视|更|改|分|列|评|定)为|(?:针|面|应|核|比|相|绝)对|"
    r"(?:面|导|方|转|指)向|(?:总|调|缓|温|随)和|(?:共|协|合|会|一|等)同)$"
)
_CODE_QUOTE = re.compile(r"“[^”]*[0-9A-Za-z+][^”]*”")
_MAX_AFTER = 30  # characters of a counted noun phrase after the number
_VERB_TAIL = re.compile(r"(?:为|达到|达|是|[\s,，;；:：])+$")

# The joint between coordinated figures (目录65件和…目录650件), not 及时 or 和解.
JOINT = re.compile(r"以及|和(?![谐解])|及(?!时)|与")

# Words that open a sentence (全年共, 截至, 其中): inside a phrase they stand where a full
# stop was lost, and the phrase starts there.
_SENTENCE_OPENER = re.compile(
    r"(?<=[\u4e00-\u9fff])(?:截至|(?:今年|\d{4}\s?年)以来|其中|此外|另外|(?:\d{4}\s?年|全年|今年|年内)(?=共|累计|先后))"
)
_BRACKET = re.compile(r"[(《“\[)》”\]]")

# What a clause start is looked for at: clause ends and brackets.
_STOP = re.compile("[" + re.escape("".join(sorted(CLAUSE_END)) + "()[]") + "]")


@dataclass(frozen=True)
class Passage:
    """The text the figures stand in: as stored (phrases are cut from it) and width-folded
    (patterns run on it), with the same offsets."""

    text: str
    fold: str
    figures: Sequence[Figure]
    stops: list[int]  # offsets of the clause ends and brackets, ascending
    # Where each heading's marker ends, ascending: a phrase never reaches back into a marker
    # ((一)力争…纠错率不高于8%, a plan stated as a heading).
    marker_ends: Sequence[int] = ()


def clause_stops(fold: str) -> list[int]:
    return [m.start() for m in _STOP.finditer(fold)]


def strip_fillers(phrase: str) -> str:
    prev = None
    while prev != phrase:
        prev = phrase
        lead = _LEAD_STRIP.match(phrase)
        if lead:
            phrase = phrase[lead.end():]
        # The regex engine tries a $-anchored pattern at every position of the phrase:
        # it runs only when the last character can end a filler.
        if phrase and (phrase[-1] in TRAIL_LAST or phrase[-1].isspace()):
            phrase = _TRAIL_STRIP.sub("", phrase)
    return phrase.strip()


def clause_start(p: Passage, pos: int, floor: int) -> int:
    """Start of the clause before pos: the last hard boundary or unclosed bracket, or
    a word that opens a sentence where the text lost the full stop before it."""
    at = bisect.bisect_right(p.marker_ends, pos) - 1
    if at >= 0:
        floor = max(floor, p.marker_ends[at])
    start = _boundary_before(p, pos, floor)
    openers = [m.start() for m in _SENTENCE_OPENER.finditer(p.fold, start, pos) if m.start() > start]
    return openers[-1] if openers else start


def past_joint(fold: str, pos: int) -> int:
    m = JOINT.match(fold, pos)
    return m.end() if m else pos


def _boundary_before(p: Passage, pos: int, floor: int) -> int:
    """Walks back over the clause ends and brackets only (p.stops), not every character."""
    fold, stops = p.fold, p.stops
    depth = 0
    k = bisect.bisect_left(stops, pos) - 1
    while k >= 0 and stops[k] >= floor:
        at = stops[k]
        ch = fold[at]
        if ch in ")]":
            depth += 1
        elif ch in "([":
            if depth == 0:
                return at + 1
            depth -= 1
        elif depth == 0:
            return at + 1  # a clause end
        k -= 1
    return floor


def top_level_splits(fold: str, a: int, b: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """[a, b) cut at matches of pattern outside brackets and quotes."""
    if _BRACKET.search(fold, a, b) is None:  # most clauses: every match is a cut
        parts, seg = [], a
        for m in pattern.finditer(fold, a, b):
            parts.append((seg, m.start()))
            seg = m.end()
        parts.append((seg, b))
        return parts
    parts, depth, seg = [], 0, a
    i = a
    while i < b:
        ch = fold[i]
        if ch in "(《“[":
            depth += 1
        elif ch in ")》”]" and depth:
            depth -= 1
        elif depth == 0:
            m = pattern.match(fold, i, b)
            if m:
                parts.append((seg, i))
                seg = m.end()
                i = m.end()
                continue
        i += 1
    parts.append((seg, b))
    return parts


def clean_phrase(text: str, fold: str, a: int, b: int) -> str:
    """text[a:b] as a metric phrase: quoted codes ("2+5+2") and filler words dropped (found in
    fold, the width-folded text, at the same offsets)."""
    kept, pos = [], a
    for m in _CODE_QUOTE.finditer(fold, a, b):
        kept.append(text[pos:m.start()])
        pos = m.end()
    kept.append(text[pos:b])
    return strip_fillers("".join(kept))


def after_phrase(fold: str, text: str, a: int, ceiling: int) -> str:
    """The counted noun after the number, up to the clause end; quoted codes dropped."""
    pieces: list[str] = []
    b = a
    limit = min(ceiling, a + _MAX_AFTER)
    depth = 0
    while b < limit:
        ch = fold[b]
        if ch == "“":
            close = fold.find("”", b, b + 40)
            if close > 0 and _CODE_QUOTE.fullmatch(fold, b, close + 1):
                b = close + 1
                continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (ch in CLAUSE_END or ch == LIST_COMMA or ch == "并"):
            break
        pieces.append(text[b])
        b += 1
    return strip_fillers("".join(pieces))


def trim_verb_tail(raw: str) -> str:
    return _VERB_TAIL.sub("", raw)


def starts_noun(fold: str, pos: int) -> bool:
    ch = fold[pos]
    return not (ch in CLAUSE_END or ch == LIST_COMMA or ch in "()[]”’\"》" or ch.isspace())


def before_phrase(text: str, fold: str, a: int, b: int, noun_after: bool) -> str:
    phrase = clean_phrase(text, fold, a, b)
    raw = fold[a:b].rstrip()
    if noun_after and raw[-1:] in _PREPOSITION_END and not _PREPOSITION_WORD.search(raw):
        return ""  # 对15家企业: the counted noun after the number is the subject
    if "等" in phrase:
        head, _, tail = phrase.rpartition("等")
        tail = strip_fillers(tail)
        if tail or noun_after:
            phrase = tail
        else:
            phrase = strip_fillers(head)
    return phrase
