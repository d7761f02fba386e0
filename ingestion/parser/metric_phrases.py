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

import re
from collections.abc import Sequence

from ingestion.chinese.punctuation import CLAUSE_END, LIST_COMMA, SENTENCE_BREAK
from ingestion.parser.actions import event_named, leading_action, opens_with_action, participation_verb
from ingestion.parser.figures import listed_after
from ingestion.parser.model import Figure
from ingestion.parser.passages import (
    JOINT,
    Passage,
    after_phrase,
    before_phrase,
    clause_start,
    clause_stops,
    clean_phrase,
    past_joint,
    starts_noun,
    strip_fillers,
    top_level_splits,
    trim_verb_tail,
)
from ingestion.parser.units import DIRECTION_ALT

_DIST_MARK = re.compile(r"(?:各|均为|均达到|均达|均是|均|都为|都是|都达到|都达|都)$")
_COMPARE_RE = re.compile(r"较|同比|环比|相比|比上|比去|比前|比同期|比\d{4}\s?年|与上|高于|低于|高出|超出|超过")

# List joints, not the same characters inside words (普及率, 及时, 总和, 参与).
_LIST_SPLIT = re.compile(r"、|以及|(?<![总调缓温随])和(?!谐)|(?<![涉普危以顾])及(?![时格])|(?<!参)与")
_RATE_WORD = re.compile(r"(?:率|比例|占比|比重)$")
_MAX_RATE_WORD = 6  # characters of a rate word (审结率, 群众满意率)
_LIST_COMMA_RE = re.compile(LIST_COMMA)
_COMPARE_ONLY = re.compile(
    r"(?:较|比|与)(?:上年|去年|上一年度?|前一年)(?:同期)?(?:相比)?|(?:同比|环比)(?:增加|减少|新增|增长|下降|上升)了?|"
    r"(?:较|比)(?:上年|去年|上一年度?)(?:同期)?(?:增加|减少|新增|增长|下降|上升)了?"
)
_RATE_HINT = re.compile(r"率|比例|比重|占|度|权重|份额|百分比")
_SHARE_ONLY = re.compile(r"占(?:总数|全部|承办总数|总量|全年)?(?:的)?")
_PEOPLE_UNITS = frozenset(("人", "人次", "名", "位"))
_SELF = re.compile(r"(?:我|本|全)(?:省|市|区|县|旗|镇|乡|街道|局|委|办)")
_IN_CONTEXT = re.compile(r"^在(.+)[中里上]$")
_RESPECTIVELY = re.compile(rf"分别(?:为|是|达到|达|有|占|{DIRECTION_ALT})?(?:了)?$")


def metric_phrases(text: str, fold: str, figures: Sequence[Figure],
                   marker_ends: Sequence[int] = ()) -> list[tuple[str, ...]]:
    """For each figure in order, its metric phrases: one, or one per subject it is shared by.
    marker_ends: where the heading markers end, ascending."""
    passage = Passage(text, fold, figures, clause_stops(fold), marker_ends)
    respective = _respective_metrics(passage)
    own: list[tuple[str, ...]] = []
    for i in range(len(figures)):
        own.append(_metrics(passage, i, own))
    return [(respective[i],) if i in respective else own[i] for i in range(len(figures))]


def _metrics(p: Passage, i: int, earlier: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """The phrase(s) of figures[i]; earlier holds those of the figures before it."""
    figure = p.figures[i]
    left = figure.direction_start if figure.direction_start is not None else figure.start
    clause = clause_start(p, left, p.figures[i - 1].end if i else 0)
    listed = bool(i) and clause == p.figures[i - 1].end and (p.fold.startswith("、", clause)
                                                             or JOINT.match(p.fold, clause) is not None)
    if i and clause == p.figures[i - 1].end:
        clause = past_joint(p.fold, clause)  # 目录65件和…目录650件: 和 joins the items
    if figure.kind == "change":
        return _change_metrics(p, i, clause, left, earlier)
    if figure.kind == "rank":  # 在全市法治政府建设考核中名列第三: what was ranked
        ranked = _IN_CONTEXT.sub(r"\1", clean_phrase(p.text, p.fold, clause, left))
        if not ranked or _SELF.fullmatch(ranked):  # 在全市考核中，我县名列第二: what was ranked is before
            ranked = _IN_CONTEXT.sub(r"\1", _fallback(p, i, clause, "", earlier)) or ranked
        return (ranked,)
    noun_after = (figure.kind in ("count", "money") and figure.end < len(p.fold) and starts_noun(p.fold, figure.end)
                  and not JOINT.match(p.fold, figure.end) and not _names_next_rate(p, i))
    seg_a = top_level_splits(p.fold, clause, left, _LIST_COMMA_RE)[-1][0]
    last = clean_phrase(p.text, p.fold, seg_a, left)
    if (not last and not noun_after) or _DIST_MARK.search(p.fold[seg_a:left].rstrip()) or last.endswith("等"):
        seg_a = clause
    if _DIST_MARK.search(trim_verb_tail(p.fold[seg_a:left])):
        multi = _distributed(p, i, seg_a, left, clause)
        if multi:
            return tuple(multi)
    metric = _single_metric(p, i, seg_a, left, noun_after, clause, earlier)
    if i and listed and not opens_with_action(metric):
        metric = leading_action(earlier[i - 1][0]) + metric  # 审核决策3件、文件15件: 审核 is the list's
    if figure.kind == "rate" and _SHARE_ONLY.fullmatch(metric) and i and p.figures[i - 1].kind in ("count", "money"):
        # 刑事案件218件，占51.2%: the share is of the subject before.
        subject = _fallback(p, i, clause, "", earlier)
        metric = subject + "占比" if subject else metric
    return (metric or _fallback(p, i, clause, figure.unit, earlier),)


def _names_next_rate(p: Passage, i: int) -> bool:
    """受理案件120件审结率达98%: where the full stop after a count was lost, the words
    after it up to the next figure name that rate, not what the count counts."""
    if i + 1 >= len(p.figures) or p.figures[i + 1].kind != "rate":
        return False
    between = p.fold[p.figures[i].end:p.figures[i + 1].start]
    if any(ch in CLAUSE_END or ch == LIST_COMMA for ch in between):
        return False
    # A share (…事项占比) is of the noun after the count: only a short …率 is the rate's own.
    rate_word = trim_verb_tail(between)
    return rate_word.endswith("率") and len(rate_word) <= _MAX_RATE_WORD


def _single_metric(p: Passage, i: int, seg_a: int, left: int, noun_after: bool, clause: int,
                   earlier: Sequence[tuple[str, ...]]) -> str:
    """The words before the figure from seg_a, with the counted noun after it if any."""
    figure, fold = p.figures[i], p.fold
    before = before_phrase(p.text, fold, seg_a, left, noun_after)
    if _COMPARE_ONLY.fullmatch(before):
        before = ""  # 同比增加12件: the thing that grew is the subject before
    nxt = p.figures[i + 1].start if i + 1 < len(p.figures) else len(fold)
    if figure.kind == "rate" and not _RATE_HINT.search(before) and fold.startswith("的", figure.end):
        # 全县97.5%的信访事项得到及时办理: the share is of what follows, the words before set its scope.
        return after_phrase(fold, p.text, figure.end + 1, nxt) or before
    if (figure.kind == "rate" and not _RATE_HINT.search(before) and figure.end < len(fold)
            and starts_noun(fold, figure.end) and not fold.startswith(("的", "和", "及", "与"), figure.end)):
        noun_after = True  # 实现100%全覆盖: what the rate is of follows it
    if not noun_after:
        return before
    after = after_phrase(fold, p.text, figure.end, nxt)
    took_part = participation_verb(after) if figure.unit in _PEOPLE_UNITS else ""
    event = _event_before(p, i, clause, earlier) if took_part else ""
    if event:  # 组织开展普法考试，全区77名工作人员参加: the people who took part in that
        people = strip_fillers(after[:-len(took_part)])
        return took_part + event + ("的" + people if people else "")
    return strip_fillers(before + after)


def _event_before(p: Passage, i: int, clause: int, earlier: Sequence[tuple[str, ...]]) -> str:
    """What the clause before names, without its verbs: the event people took part in."""
    if clause <= 0:
        return ""
    prev = clause_start(p, clause - 1, 0)
    if i and p.figures[i - 1].start >= prev:
        phrase = earlier[i - 1][0]  # 举办培训5场，共300人参加: the event is what the figure counts
    else:
        phrase = clean_phrase(p.text, p.fold, prev, clause - 1)
    return strip_fillers(event_named(phrase))


def _respective_metrics(p: Passage) -> dict[int, str]:
    """建议和提案分别为45件、62件: the n-th subject goes with the n-th figure."""
    out: dict[int, str] = {}
    i = 0
    while i < len(p.figures):
        figure = p.figures[i]
        clause = clause_start(p, figure.start, p.figures[i - 1].end if i else 0)
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


def _subjects(p: Passage, a: int, b: int) -> list[str]:
    """The listed subjects in [a, b), a comparison base at the end left out (信访量和警情数
    同比分别下降: the base is no subject)."""
    compare = list(_COMPARE_RE.finditer(p.fold, a, b))
    if compare:
        b = compare[-1].start()
    items = [clean_phrase(p.text, p.fold, x, y) for x, y in top_level_splits(p.fold, a, b, _LIST_SPLIT)]
    return [x for x in items if x]


def _distributed(p: Passage, i: int, a: int, b: int, clause: int) -> list[str]:
    """One number shared out: 简报、通报各12期; 办结率和满意率均为100%; …测试和…考试，合格率均为100%."""
    trimmed = trim_verb_tail(p.fold[a:b])
    mark = _DIST_MARK.search(trimmed)
    end = a + (mark.start() if mark else len(trimmed))
    names = [clean_phrase(p.text, p.fold, x, y) for x, y in top_level_splits(p.fold, a, end, _LIST_SPLIT)]
    names = [n for n in names if n]
    if len(names) >= 2:
        return names
    if p.figures[i].kind != "rate" or len(names) != 1 or not _RATE_WORD.search(names[0]):
        return []
    # A lone rate word: its subjects are the items of the clause before.
    prev_end = clause - 1
    if prev_end <= 0:
        return []
    prev_start = clause_start(p, prev_end, 0)
    if any(prev_start <= f.start < prev_end for f in p.figures):
        return []
    subjects = [clean_phrase(p.text, p.fold, x, y)
                for x, y in top_level_splits(p.fold, prev_start, prev_end, _LIST_SPLIT)]
    subjects = [s for s in subjects if s]
    if len(subjects) < 2:
        return []
    return [s + names[0] for s in subjects]


def _change_metrics(p: Passage, i: int, clause: int, left: int, earlier: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """What changed: the words before the comparison base (同比, 较上年); one phrase per
    subject where the change is stated for a list (平均审理时间、执结用时同比压降20%)."""
    cut = None
    for m in _COMPARE_RE.finditer(p.fold[clause:left]):
        cut = m.start()
    end = clause + cut if cut is not None else left
    subjects = [clean_phrase(p.text, p.fold, a, b) for a, b in top_level_splits(p.fold, clause, end, _LIST_COMMA_RE)]
    subjects = [s for s in subjects if s]
    if len(subjects) >= 2:
        return tuple(subjects)
    return (clean_phrase(p.text, p.fold, clause, end) or _fallback(p, i, clause, p.figures[i].unit, earlier),)


def _fallback(p: Passage, i: int, clause: int, unit: str, earlier: Sequence[tuple[str, ...]]) -> str:
    """An empty phrase (共25个, 较上年下降45%) takes the subject of the clause before:
    the phrase of an earlier figure in the sentence, else the words of that clause."""
    sentence = max(p.fold.rfind(ch, 0, clause) for ch in SENTENCE_BREAK)
    for j in range(i - 1, -1, -1):
        if p.figures[j].start <= sentence:
            break
        if earlier[j][0]:
            return earlier[j][0]
    if clause > 0:
        prev = clean_phrase(p.text, p.fold, clause_start(p, clause - 1, 0), clause - 1)
        if prev:
            return prev
    return unit
