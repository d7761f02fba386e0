"""Metric phrases: the words of the text that name what a figure measures.

A figure's phrase is the words before it back to a clause boundary (or the previous
figure), plus the counted noun when one follows the number (听取12个单位的汇报); one
phrase per subject where one number is shared (各, 均为) or paired in order (分别); the
subject of the clause before where the phrase is empty (共25个, 较上年下降45%).
Phrases are computed in document order, so an empty one can take an earlier figure's.

A change stated for listed subjects (平均审理时间、执结用时同比压降20%) gives one phrase
per subject, as the guidelines give one mention per metric for any shared number.
Coordinated figures (目录65件和…目录650件) each keep their own words: the joint after a
figure is neither the noun it counts nor part of the next phrase.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Sequence

from ingestion.numbers import Figure, listed_after
from ingestion.punctuation import CLAUSE_END, LIST_COMMA, SENTENCE_BREAK
from ingestion.units import DIRECTION_ALT

# Fillers around a metric phrase: time words, 共/累计, 其中, linking verbs (为/达到), the
# direction of a 下降至 target. Lookbehinds keep words that end in such a character
# (违法行为, 涉及, 参与, 公共).
_LEAD_STRIP = re.compile(
    r"^(?:截至\d{4}\s?年(?:\d{1,2}月)?(?:底|末)?|截至(?:目前|今年|年底)?|"
    r"\d{4}(?:\s?[-—–~至到]\s?\d{4})?\s?年(?:度)?(?:以来|全年|上半年|下半年|底)?|"
    r"\d{1,2}(?:[-—–~至到]\d{1,2})?月(?:份)?(?:以来|底)?|\d{1,2}日|全年|年内|今年以来|今年|去年|当年|本年度|年度内|本季度|本月|"
    r"上半年|下半年|(?:第[一二三四])?[一二三四]?季度|目前|至今|[一二三四五六七八九十]是|"
    r"其中|此外|另外|同时|共计|总计|合计|累计|先后|共有|共(?![青享建治同产识])|已经|已|并|均|全部|分别|以来|的|及(?!时)|与|"
    r"[\s,，、;；:：]+)"
)
_TRAIL_STRIP = re.compile(
    r"(?:共计|总计|合计|累计|(?<!公)共|达到了|已达到|达到|已达|(?:高|多|最高)达|(?<![发到下表传送抵])达|(?<![行作认成因称视分列评定])为|"
    r"是|(?<![所拥具共现没占享持还配设建载])有|保持在|保持|稳定在|维持在|连续[一二两三四五六七八九十\d]+年|分别为|分别|(?<!平)均(?:为|达到|达)?|各|的|了|已|"
    r"(?<![理经自缘交])由|"
    r"(?<![总调缓温随])和|(?<![涉普危以顾])及|(?<!参)与|以及|"
    rf"(?:{DIRECTION_ALT})?(?:至|到)|[\s,，、;；:：]+)$"
)
# The last characters of the _TRAIL_STRIP alternatives (whitespace aside).
TRAIL_LAST = frozenset("计共了到达为是有在持年别均各的已由和及与至,，、;；:：")
_DIST_MARK = re.compile(r"(?:各|均为|均达到|均达|均是|均|都为|都是|都达到|都达|都)$")
_PREPOSITION_END = frozenset("对向给与及和为同")
_PREPOSITION_WORD = re.compile(
    r"(?:(?:涉|普|危|以|顾)及|参与|(?:作|成|认|行|因|称|视|更|改|分|列|评|定)为|(?:针|面|应|核|比|相|绝)对|"
    r"(?:面|导|方|转|指)向|(?:总|调|缓|温|随)和|(?:共|协|合|会|一|等)同)$"
)
_COMPARE_RE = re.compile(r"较|同比|环比|相比|比上|比去|比前|比同期|比\d{4}\s?年|与上")
# List joints, not the same characters inside words (普及率, 及时, 总和, 参与).
_LIST_SPLIT = re.compile(r"、|以及|(?<![总调缓温随])和(?!谐)|(?<![涉普危以顾])及(?![时格])|(?<!参)与")
_RATE_WORD = re.compile(r"(?:率|比例|占比|比重)$")
_CODE_QUOTE = re.compile(r"“[^”]*[0-9A-Za-z+][^”]*”")
_MAX_AFTER = 30  # characters of a counted noun phrase after the number
_MAX_RATE_WORD = 6  # characters of a rate word (审结率, 群众满意率)
_LIST_COMMA_RE = re.compile(LIST_COMMA)
_VERB_TAIL = re.compile(r"(?:为|达到|达|是|[\s,，;；:：])+$")
_COMPARE_ONLY = re.compile(
    r"(?:较|比|与)(?:上年|去年|上一年度?|前一年)(?:同期)?(?:相比)?|(?:同比|环比)(?:增加|减少|新增|增长|下降|上升)了?|"
    r"(?:较|比)(?:上年|去年|上一年度?)(?:同期)?(?:增加|减少|新增|增长|下降|上升)了?"
)
_RATE_HINT = re.compile(r"率|比例|比重|占|度|权重|份额|百分比")
_SHARE_ONLY = re.compile(r"占(?:总数|全部|承办总数|总量|全年)?(?:的)?")
# The joint between coordinated figures (目录65件和…目录650件), not 及时 or 和解.
_JOINT = re.compile(r"以及|和(?![谐解])|及(?!时)|与")
# Words that open a sentence (全年共, 截至, 其中): inside a phrase they stand where a full
# stop was lost, and the phrase starts there.
_SENTENCE_OPENER = re.compile(
    r"(?<=[\u4e00-\u9fff])(?:截至|(?:今年|\d{4}\s?年)以来|其中|此外|另外|(?:\d{4}\s?年|全年|今年|年内)(?=共|累计|先后))"
)
_BRACKET = re.compile(r"[(《“\[)》”\]]")
# What a clause start is looked for at: clause ends and brackets.
_STOP = re.compile("[" + re.escape("".join(sorted(CLAUSE_END)) + "()[]") + "]")
_RESPECTIVELY = re.compile(rf"分别(?:为|是|达到|达|有|占|{DIRECTION_ALT})?(?:了)?$")


@dataclass(frozen=True)
class _Passage:
    """The text the figures stand in: as stored (phrases are cut from it) and width-folded
    (patterns run on it), with the same offsets."""

    text: str
    fold: str
    figures: Sequence[Figure]
    stops: list[int]  # offsets of the clause ends and brackets, ascending


def _stops(fold: str) -> list[int]:
    return [m.start() for m in _STOP.finditer(fold)]


def metric_phrases(text: str, fold: str, figures: Sequence[Figure]) -> list[tuple[str, ...]]:
    """For each figure in order, its metric phrases: one, or one per subject it is shared by."""
    passage = _Passage(text, fold, figures, _stops(fold))
    respective = _respective_metrics(passage)
    own: list[tuple[str, ...]] = []
    for i in range(len(figures)):
        own.append(_metrics(passage, i, own))
    return [(respective[i],) if i in respective else own[i] for i in range(len(figures))]


def _metrics(p: _Passage, i: int, earlier: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """The phrase(s) of figures[i]; earlier holds those of the figures before it."""
    figure = p.figures[i]
    left = figure.direction_start if figure.direction_start is not None else figure.start
    clause = _clause_start(p, left, p.figures[i - 1].end if i else 0)
    if i and clause == p.figures[i - 1].end:
        clause = _past_joint(p.fold, clause)  # 目录65件和…目录650件: 和 joins the items
    if figure.kind == "change":
        return _change_metrics(p, i, clause, left, earlier)
    noun_after = (figure.kind in ("count", "money") and figure.end < len(p.fold) and _starts_noun(p.fold, figure.end)
                  and not _JOINT.match(p.fold, figure.end) and not _names_next_rate(p, i))
    seg_a = _top_level_splits(p.fold, clause, left, _LIST_COMMA_RE)[-1][0]
    last = _clean(p.text, p.fold, seg_a, left)
    if (not last and not noun_after) or _DIST_MARK.search(p.fold[seg_a:left].rstrip()) or last.endswith("等"):
        seg_a = clause
    if _DIST_MARK.search(_trim_verb_tail(p.fold[seg_a:left])):
        multi = _distributed(p, i, seg_a, left, clause)
        if multi:
            return tuple(multi)
    metric = _single_metric(p, i, seg_a, left, noun_after)
    if figure.kind == "rate" and _SHARE_ONLY.fullmatch(metric) and i and p.figures[i - 1].kind in ("count", "money"):
        # 刑事案件218件，占51.2%: the share is of the subject before.
        subject = _fallback(p, i, clause, "", earlier)
        metric = subject + "占比" if subject else metric
    return (metric or _fallback(p, i, clause, figure.unit, earlier),)


def _names_next_rate(p: _Passage, i: int) -> bool:
    """受理案件120件审结率达98%: where the full stop after a count was lost, the words
    after it up to the next figure name that rate, not what the count counts."""
    if i + 1 >= len(p.figures) or p.figures[i + 1].kind != "rate":
        return False
    between = p.fold[p.figures[i].end:p.figures[i + 1].start]
    if any(ch in CLAUSE_END or ch == LIST_COMMA for ch in between):
        return False
    # A share (…事项占比) is of the noun after the count: only a short …率 is the rate's own.
    rate_word = _trim_verb_tail(between)
    return rate_word.endswith("率") and len(rate_word) <= _MAX_RATE_WORD


def _single_metric(p: _Passage, i: int, seg_a: int, left: int, noun_after: bool) -> str:
    """The words before the figure from seg_a, with the counted noun after it if any."""
    figure, fold = p.figures[i], p.fold
    before = _before_phrase(p.text, fold, seg_a, left, noun_after)
    if _COMPARE_ONLY.fullmatch(before):
        before = ""  # 同比增加12件: the thing that grew is the subject before
    if (figure.kind == "rate" and not _RATE_HINT.search(before) and figure.end < len(fold)
            and _starts_noun(fold, figure.end) and not fold.startswith(("的", "和", "及", "与"), figure.end)):
        noun_after = True  # 实现100%全覆盖: what the rate is of follows it
    if not noun_after:
        return before
    nxt = p.figures[i + 1].start if i + 1 < len(p.figures) else len(fold)
    return _strip(before + _after_phrase(fold, p.text, figure.end, nxt))


def _respective_metrics(p: _Passage) -> dict[int, str]:
    """建议和提案分别为45件、62件: the n-th subject goes with the n-th figure."""
    out: dict[int, str] = {}
    i = 0
    while i < len(p.figures):
        figure = p.figures[i]
        clause = _clause_start(p, figure.start, p.figures[i - 1].end if i else 0)
        mark = _RESPECTIVELY.search(p.fold[clause:figure.start].rstrip())
        run = 1
        while i + run < len(p.figures) and listed_after(p.fold, p.figures, i + run):
            run += 1
        if run < 2 or not (mark or figure.kind == "change"):
            items = []
        else:  # 投诉量、退件量同比下降8%、2.5%: the changes of a list pair up in order too
            items = _subjects(p, clause, clause + mark.start() if mark else figure.start)
        if len(items) == run:
            out.update({i + k: items[k] for k in range(run)})
            i += run
        else:
            i += 1
    return out


def _subjects(p: _Passage, a: int, b: int) -> list[str]:
    """The listed subjects in [a, b), a comparison base at the end left out (信访量和警情数
    同比分别下降: the base is no subject)."""
    compare = list(_COMPARE_RE.finditer(p.fold, a, b))
    if compare:
        b = compare[-1].start()
    items = [_clean(p.text, p.fold, x, y) for x, y in _top_level_splits(p.fold, a, b, _LIST_SPLIT)]
    return [x for x in items if x]


def _distributed(p: _Passage, i: int, a: int, b: int, clause: int) -> list[str]:
    """One number shared out: 简报、通报各12期; 办结率和满意率均为100%; …测试和…考试，合格率均为100%."""
    trimmed = _trim_verb_tail(p.fold[a:b])
    mark = _DIST_MARK.search(trimmed)
    end = a + (mark.start() if mark else len(trimmed))
    names = [_clean(p.text, p.fold, x, y) for x, y in _top_level_splits(p.fold, a, end, _LIST_SPLIT)]
    names = [n for n in names if n]
    if len(names) >= 2:
        return names
    if p.figures[i].kind != "rate" or len(names) != 1 or not _RATE_WORD.search(names[0]):
        return []
    # A lone rate word: its subjects are the items of the clause before.
    prev_end = clause - 1
    if prev_end <= 0:
        return []
    prev_start = _clause_start(p, prev_end, 0)
    if any(prev_start <= f.start < prev_end for f in p.figures):
        return []
    subjects = [_clean(p.text, p.fold, x, y) for x, y in _top_level_splits(p.fold, prev_start, prev_end, _LIST_SPLIT)]
    subjects = [s for s in subjects if s]
    if len(subjects) < 2:
        return []
    return [s + names[0] for s in subjects]


def _change_metrics(p: _Passage, i: int, clause: int, left: int, earlier: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """What changed: the words before the comparison base (同比, 较上年); one phrase per
    subject where the change is stated for a list (平均审理时间、执结用时同比压降20%)."""
    cut = None
    for m in _COMPARE_RE.finditer(p.fold[clause:left]):
        cut = m.start()
    end = clause + cut if cut is not None else left
    subjects = [_clean(p.text, p.fold, a, b) for a, b in _top_level_splits(p.fold, clause, end, _LIST_COMMA_RE)]
    subjects = [s for s in subjects if s]
    if len(subjects) >= 2:
        return tuple(subjects)
    return (_clean(p.text, p.fold, clause, end) or _fallback(p, i, clause, p.figures[i].unit, earlier),)


def _fallback(p: _Passage, i: int, clause: int, unit: str, earlier: Sequence[tuple[str, ...]]) -> str:
    """An empty phrase (共25个, 较上年下降45%) takes the subject of the clause before:
    the phrase of an earlier figure in the sentence, else the words of that clause."""
    sentence = max(p.fold.rfind(ch, 0, clause) for ch in SENTENCE_BREAK)
    for j in range(i - 1, -1, -1):
        if p.figures[j].start <= sentence:
            break
        if earlier[j][0]:
            return earlier[j][0]
    if clause > 0:
        prev = _clean(p.text, p.fold, _clause_start(p, clause - 1, 0), clause - 1)
        if prev:
            return prev
    return unit


# --- cutting and cleaning phrases ------------------------------------------------


def _strip(phrase: str) -> str:
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


def _clause_start(p: _Passage, pos: int, floor: int) -> int:
    """Start of the clause before pos: the last hard boundary or unclosed bracket, or
    a word that opens a sentence where the text lost the full stop before it."""
    start = _boundary_before(p, pos, floor)
    openers = [m.start() for m in _SENTENCE_OPENER.finditer(p.fold, start, pos) if m.start() > start]
    return openers[-1] if openers else start


def _past_joint(fold: str, pos: int) -> int:
    m = _JOINT.match(fold, pos)
    return m.end() if m else pos


def _boundary_before(p: _Passage, pos: int, floor: int) -> int:
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


def _top_level_splits(fold: str, a: int, b: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
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


def _clean(text: str, fold: str, a: int, b: int) -> str:
    """text[a:b] as a metric phrase: quoted codes ("2+5+2") and filler words dropped (found in
    fold, the width-folded text, at the same offsets)."""
    kept, pos = [], a
    for m in _CODE_QUOTE.finditer(fold, a, b):
        kept.append(text[pos:m.start()])
        pos = m.end()
    kept.append(text[pos:b])
    return _strip("".join(kept))


def _after_phrase(fold: str, text: str, a: int, ceiling: int) -> str:
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
    return _strip("".join(pieces))


def _trim_verb_tail(raw: str) -> str:
    return _VERB_TAIL.sub("", raw)


def _starts_noun(fold: str, pos: int) -> bool:
    ch = fold[pos]
    return not (ch in CLAUSE_END or ch == LIST_COMMA or ch in "()[]”’\"》" or ch.isspace())


def _before_phrase(text: str, fold: str, a: int, b: int, noun_after: bool) -> str:
    phrase = _clean(text, fold, a, b)
    raw = fold[a:b].rstrip()
    if noun_after and raw[-1:] in _PREPOSITION_END and not _PREPOSITION_WORD.search(raw):
        return ""  # 对15家企业: the counted noun after the number is the subject
    if "等" in phrase:
        head, _, tail = phrase.rpartition("等")
        tail = _strip(tail)
        if tail or noun_after:
            phrase = tail
        else:
            phrase = _strip(head)
    return phrase
