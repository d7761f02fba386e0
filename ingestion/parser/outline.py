"""The outline of a report: numbered headings at the start of paragraphs.

Chinese official writing numbers its levels 一、 → （一） → 1. → （1）, with 一是/二是
paragraphs as a common third level. Reports skip levels freely ("1." right under
"一、"), so a heading's level is one below its nearest enclosing heading rather than
fixed by its marker. Matching runs on width-folded text (（一） → (一), １． → 1.), which
keeps offsets, while markers and titles are kept as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingestion.chinese.numerals import CN_ONE_TO_TEN as _CN
from ingestion.chinese.numerals import to_chinese, to_int
from ingestion.chinese.widths import fold_width
from ingestion.parser.model import Section
from ingestion.parser.parts import classify_part

# (style, pattern, rank): rank is the usual depth, used only to decide what a marker
# not seen before closes; 一是 ranks just below 1. because it can run under it.
_STYLES = (
    # 第一部分 … 第三部分: some reports group their 一、 sections into parts.
    ("part", re.compile(rf"第([{_CN}]{{1,3}})部分(?:[、:.\s]+|(?=[\u4e00-\u9fff]))(?![是为的中共])"), 0.5),
    ("cn", re.compile(rf"([{_CN}]{{1,3}})(?:、|\.(?![\d{_CN}]))"), 1.0),
    ("cn_paren", re.compile(rf"\(([{_CN}]{{1,3}})\)"), 2.0),
    ("ar", re.compile(r"(\d{1,2})(?:\.|、)(?![\d.%])"), 3.0),
    ("cn_shi", re.compile(rf"([{_CN}]{{1,3}})是(?!否|非)"), 3.5),
    ("ar_paren", re.compile(r"\((\d{1,2})\)"), 4.0),
)
_RANK = {style: rank for style, _, rank in _STYLES}
# The characters a marker of any style starts with, besides a digit: 第, a numeral, a paren.
_MARKER_FIRST = frozenset("第(" + _CN)
# 一、二季度 / 一、二级: a numeral range, not a heading.
_NUMERAL_RANGE = re.compile(rf"^[{_CN}]{{1,2}}(?:、|至|到)|^[{_CN}]{{1,2}}(?:季度|级|类|档|批|期)")
_TITLE_TRAIL = " \t\u3000:：;；,，"
_MAX_STEP = 3  # a sibling may follow a skipped number (typos), but not jump far


@dataclass(frozen=True)
class _Marker:
    style: str
    number: int
    start: int  # offset of the marker in text
    end: int  # offset just after the marker (and any space after it)


@dataclass
class _Open:
    style: str
    number: int
    level: int
    index: int
    path: str


def segment(text: str) -> tuple[Section, ...]:
    folded = fold_width(text)
    heads: list[tuple[_Marker, int, str, int]] = []  # marker, level, title, body_start
    parents: list[int | None] = []
    paths: list[str] = []
    stack: list[_Open] = []
    last_number: dict[str, int] = {}
    for line_start, line_end in _paragraphs(text):
        marker = _marker_at(folded, line_start, line_end)
        if marker is None or not _accepts(marker, stack, last_number):
            continue
        title, body_start = _title(text, marker.end, line_end)
        if not title:
            continue
        level, parent = _place_in_tree(marker.style, stack)
        raw_marker = text[marker.start:marker.end].rstrip()
        path = (parent.path + "/" if parent else "") + raw_marker.rstrip("、:：").rstrip()
        stack.append(_Open(marker.style, marker.number, level, len(heads), path))
        last_number[marker.style] = marker.number
        heads.append((marker, level, title, body_start))
        parents.append(parent.index if parent else None)
        paths.append(path)
    return tuple(
        Section(
            index=i,
            level=level,
            marker=text[m.start:m.end].rstrip(),
            title=title,
            parent_index=parents[i],
            path=paths[i],
            part=classify_part(title) if level == 1 else None,
            start=m.start,
            body_start=body_start,
            end=heads[i + 1][0].start if i + 1 < len(heads) else len(text),
        )
        for i, (m, level, title, body_start) in enumerate(heads)
    )


def _paragraphs(text: str):
    """(start, end) of each non-blank line, start past any indentation."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.lstrip(" \t\u3000\xa0")
        if stripped.strip():
            yield pos + len(line) - len(stripped), pos + len(line.rstrip())
        pos += len(line) + 1


def _marker_at(folded: str, start: int, end: int) -> _Marker | None:
    if folded[start] not in _MARKER_FIRST and not folded[start].isdecimal():  # \d is any decimal digit
        return None  # most paragraphs: no style's marker can start here
    line = folded[start:end]
    for style, pattern, _ in _STYLES:
        m = pattern.match(line)
        if not m:
            continue
        number = to_int(m.group(1)) or None  # 0. is no heading number
        if number is None:
            return None
        rest = line[m.end():].lstrip(" \u3000\t")
        if style == "cn" and _NUMERAL_RANGE.match(rest):
            return None
        if _runs_in(style, number, rest):
            return None  # a list inside the paragraph, not a heading
        return _Marker(style, number, start, end - len(rest))
    return None


def _runs_in(style: str, number: int, rest: str) -> bool:
    """Does the paragraph go on to the next item of the same list (一是…二是…)?"""
    nxt = number + 1
    if style == "cn_shi":
        return f"{to_chinese(nxt)}是" in rest
    return _next_item(style, nxt).search(rest) is not None


@lru_cache(maxsize=512)
def _next_item(style: str, nxt: int) -> re.Pattern[str]:
    """The nxt-th item of a list of that style, after a stop: it runs on in the paragraph."""
    following = {
        "part": rf"第{to_chinese(nxt)}部分",
        "cn": rf"{to_chinese(nxt)}、",
        "cn_paren": rf"\({to_chinese(nxt)}\)",
        "ar": rf"(?<!\d){nxt}[.、](?!\d)",
        "ar_paren": rf"\({nxt}\)",
    }[style]
    return re.compile(rf"[。；;:：]\s*{following}")


def _accepts(marker: _Marker, stack: list[_Open], last_number: dict[str, int]) -> bool:
    """Numbering must make sense: the next sibling of an open heading, the first item
    of a new level, or the continuation of a count kept across parents (1.–22.)."""
    open_ = next((o for o in reversed(stack) if o.style == marker.style), None)
    n = marker.number
    if open_ is not None:
        return n == 1 or open_.number < n <= open_.number + _MAX_STEP
    return n == 1 or n == last_number.get(marker.style, -1) + 1


def _place_in_tree(style: str, stack: list[_Open]) -> tuple[int, _Open | None]:
    """Close what the new heading ends; returns its level and parent."""
    same = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].style == style), None)
    if same is not None:
        del stack[same:]
    else:
        # A marker not open yet nests under what ranks above it and closes the rest.
        while stack and _RANK[stack[-1].style] >= _RANK[style]:
            stack.pop()
    parent = stack[-1] if stack else None
    return (parent.level + 1 if parent else 1), parent


def _title(text: str, start: int, line_end: int) -> tuple[str, int]:
    """Heading text up to the first 。 (inline heading) or the whole line; and where
    the body starts."""
    stop = text.find("。", start, line_end)
    if stop >= 0:
        return text[start:stop].strip(_TITLE_TRAIL), stop + 1
    return text[start:line_end].strip(_TITLE_TRAIL), line_end
