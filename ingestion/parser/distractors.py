"""Numbers that name rather than count: the distractors of official writing.

Ordinals (第三批) and per-item numbers (每), codes and names (022-66897800, 7.0版, "123"工作模式),
session numbers after 届 (十四届五次全会), and slogans built on a Chinese numeral (三项制度,
一件事一次办, 六项行动+三张清单) or a place name that opens with one (三台县).
"""
from __future__ import annotations

import re

from ingestion.chinese import gazetteer
from ingestion.chinese.numerals import CN_SMALL_DIGITS
from ingestion.chinese.punctuation import CLAUSE_END, LIST_COMMA

# Spans that name rather than count: quotes, book titles, document numbers.
_QUOTED_RE = re.compile(
    r"“[^“”\n]{0,40}”|‘[^‘’\n]{0,40}’|\"[^\"\n]{0,40}\"|「[^「」\n]{0,40}」|『[^『』\n]{0,40}』"
    r"|《[^《》\n]{0,120}》|〈[^〈〉\n]{0,60}〉|〔[^〔〕\n]{0,12}〕|\[[^\[\]\n]{0,12}\]"
)

# A Chinese numeral glued to these is part of a word or an ordinal (第三, 统一, 初二, 数十).
CN_WORD_BEFORE = frozenset("第初周统唯逐专划同之数几若合归不万千百每前星礼农其任")
ARABIC_GLUE = frozenset("0123456789.-/+×*#№:~_·")

# Slogans built on a Chinese numeral: 三项制度, 四个意识, 两个维护, 八项规定 ...
_CN_SLOGAN_NOUN = re.compile(
    r"(?:制度|规定|行动|清单|意识|自信|维护|确立|责任|全面|代表|区分开来|毫不动摇|务必|原则|纪律|"
    r"禁令|联动|联建|联调|合一|一体|共治|攻坚|工程|战略|机制建设|要求|精神|思想|作风|不|必)"
)

# 三条石街道, 五家渠市, 三台县: a numeral and a rare measure word opening a place name.
_CN_PLACE_SUFFIX = re.compile(r"[\u4e00-\u9fff](?:街道|社区|村|镇|乡|街|路|庄|里|市|县)|县|市|山")
CN_DIGIT_CHARS = frozenset(CN_SMALL_DIGITS)
_SESSION_AFTER = re.compile(r"(?:会议|全会|全体会议|常委会议|常务会议|大会)")


def quoted_spans(fold: str) -> list[tuple[int, int]]:
    """Quotes, book titles and document numbers: numbers inside them name, not count."""
    return [(m.start(), m.end()) for m in _QUOTED_RE.finditer(fold)]


def number_context_ok(fold: str, lead: int, gap_end: int, core: str, arabic: bool) -> bool:
    before = fold[lead - 1] if lead else ""
    after = fold[gap_end] if gap_end < len(fold) else ""
    if before == "第" or before == "每":
        return False
    if arabic:
        # 022-66897800, IE8, G20, 7.0版, 2+5+2: codes and names, not quantities.
        if before and (before in ARABIC_GLUE or before.isascii() and before.isalpha()):
            return False
        if after and (after in "-/+×*#_~·" or after.isascii() and after.isalpha()):
            return False
        digits = core.replace(",", "").split(".")[0]
        return not (len(digits) > 1 and digits.startswith("0"))
    if before in CN_WORD_BEFORE or (before and before in CN_DIGIT_CHARS):
        return False
    return not (after in "+×" or (before and before in "+×"))


def session_ordinal(fold: str, lead: int, unit_end: int) -> bool:
    """十四届五次全会, 市五届人大五次会议: after a 届 the 次 numbers a session."""
    if not _SESSION_AFTER.match(fold, unit_end):
        return False
    window = fold[max(0, lead - 10):lead]
    cut = max(window.rfind(ch) for ch in CLAUSE_END | {LIST_COMMA})
    return "届" in window[cut + 1:]


def slogan_around(fold: str, end: int, arabic: bool, ns: int) -> bool:
    """365天×24小时, 六项行动+三张清单, 一件事一次办, 三项制度: names, not counts."""
    for ch in fold[end:end + 4]:
        if ch in CLAUSE_END or ch == LIST_COMMA:
            break
        if ch in "+×":
            return True
    if arabic:
        return False
    if _CN_SLOGAN_NOUN.match(fold, end):
        return True
    if any(ch in CN_DIGIT_CHARS for ch in fold[end:end + 2]):
        return True
    place = _CN_PLACE_SUFFIX.match(fold, end)
    if not place or fold[end - 1] in "个名人项次件":
        return False
    if place.group() in ("县", "市"):
        # 三台县 is a county; 两轮县级督查 and 三家市属企业 count rounds and firms.
        return bool(gazetteer.places_named(fold[ns:place.end()]))
    return True
