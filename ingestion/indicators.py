"""Indicator mentions: the numbers a report gives for work done, its outcome and its
resources (集体学法12次, 成功率99.82%, 较上年下降45%, 经费10万元, 半天办结).

Numbers are found by regular expressions over the width-folded text (offsets are the
same as in the stored text), never by word tokens, which split 98.4% apart. A number
is a mention only with a unit after it: that alone keeps out years (2023年), dates,
document numbers (〔2023〕2号), hotlines (12345热线) and website codes. The rest of the
distractors of official writing are ruled out below: ordinals (第三批), numbers in
names and quotes ("123"工作模式, 7.0版), and slogans built on a Chinese numeral
(三项制度, 一件事一次办, 六项行动+三张清单).

Decisions the guidelines leave open: a range before one unit (3至5个工作日, 10-15天)
is one mention spanning the whole range, valued at its upper end (the figure a time
limit or target binds to); a rate written in words (百分之九十八点五) is a rate like
98.5%; a bare 百/千/万 counts only with a qualifier (近千件, 百余人次); a per-head or
per-period suffix (200元/人) stays in the span; a session number after 届 (十四届五次
全会) is an ordinal; a figure before a noun without a measure word (30万新录用公务员)
is left out.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Sequence

from ingestion import gazetteer
from ingestion.model import Mention, Section
from ingestion.numerals import ARABIC_NUMERAL, CN_NUMERAL, apply_multiplier, is_arabic, parse_numeral
from ingestion.textnorm import fold_width

# --- units -----------------------------------------------------------------------

_COUNT_UNITS = (
    "人次 家次 户次 场次 批次 台次 车次 架次 件次 个次 台套 方面 部门 课时 学时 公里 平方米 公斤 千克 "
    "个 次 件 项 人 家 名 场 批 户 条 份 期 例 起 台 卷 类 辆 地 篇 部 所 处 座 张 块 位 轮 堂 "
    "支 组 队 笔 宗 栋 幅 册 套 株 棵 亩 吨 米 间 封 通"
).split()
_DURATION_UNITS = ("个工作日", "个自然日", "工作日", "自然日", "天", "日")
_UNIT_ALT = "|".join(
    re.escape(u)
    for u in sorted(("%", "个百分点", "元", *_DURATION_UNITS, *_COUNT_UNITS), key=len, reverse=True)
)

# Chinese numerals count only with the measure words that really count things; 三所联动,
# 两地协同 and 三条石街道 show how the rarer ones make words instead.
_CN_COUNT_UNITS = frozenset(
    "个 名 人 家 项 次 件 场 批 期 类 方面 支 座 处 位 户 起 份 篇 辆 台 部 轮 队 组 人次 家次 批次 场次 户次".split()
)

# A unit followed by these characters is the first half of another word (台账, 场所, 起草).
_UNIT_WORD_AFTER = {
    "个": ("月", "季度", "小时", "星期", "周", "年", "工作日", "自然日", "百分点"),
    "台": ("账", "阶"),
    "场": ("所", "景", "地", "合"),
    "条": ("例", "件", "款", "线"),
    "部": ("署", "分"),
    "起": ("草", "诉", "点", "步", "来"),
    "位": ("于", "置"),
    "组": ("织", "成", "建", "长"),
    "支": ("持", "付", "部"),
    "张": ("贴",),
    "人": ("民", "员", "大", "社"),
    "家": ("庭", "园", "乡", "长"),
    "处": ("理", "置", "罚", "室", "级", "长"),
    "所": ("有", "在", "属", "得", "以"),
    "名": ("单", "称", "义", "录", "额"),
    "批": ("准", "复", "评", "示"),
    "户": ("籍", "口", "外"),
    "笔": ("录",),
    "套": ("餐",),
    "次": ("性", "日", "年", "月"),
    "项": ("目",),
    "队": ("伍", "员", "长"),
    "天": ("津", "然", "下", "气", "空"),
    "类": ("型", "似", "别"),
    "地": ("区", "方", "域", "点", "市", "震", "铁"),
    "期": ("间", "限", "待", "望", "刊"),
    "米": ("粮",),
    "间": ("隔",),
    "件": ("事",),
    "块": ("钱",),
    "通": ("过", "知", "报", "讯", "道", "行", "办"),
}

# --- qualifiers and direction words ----------------------------------------------

_QUALIFIER_PREFIX = re.compile(r"(?:将近|接近|近|大约|约|超过|超|逾)$")
_PREFIX_QUALIFIER = {"将近": "nearly", "接近": "nearly", "近": "nearly", "大约": "about", "约": "about",
                     "超过": "more_than", "超": "more_than", "逾": "more_than"}
_SUFFIX_QUALIFIER = {"余": "more_than", "多": "more_than", "以上": "more_than", "左右": "about"}
# 近 inside 最近/附近/临近 is no qualifier.
_NOT_QUALIFIER_BEFORE = frozenset("最附临靠贴就相亲邻逼")

_DOWN = ("下降", "降低", "减少", "压缩", "缩短", "缩减", "减小", "下滑", "回落", "降幅", "减幅", "减", "降")
_UP = ("上升", "增长", "提高", "提升", "增加", "增幅", "上涨", "攀升", "升", "增", "涨")
_DIRECTION = re.compile(r"(?P<dir>" + "|".join(sorted(_DOWN + _UP, key=len, reverse=True)) + r")(?:了|达|为)?$")

# --- exclusion -------------------------------------------------------------------

# 近千场, 百余人次, 千余份: a bare 百/千/万 is a round number when a qualifier goes with it.
_BARE_ROUND = {"百": 100.0, "千": 1_000.0, "万": 10_000.0}
_NUMBER_RE = re.compile(rf"{ARABIC_NUMERAL}|{CN_NUMERAL}|半|(?<=[近约超逾])[百千万]|[百千万](?=[余多])")
# 百分之九十八点五, 百分之百: a rate written out in words.
_PERCENT_WORDS_RE = re.compile(r"百分之(?P<num>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)")
# 3至5个工作日, 10-15天: a range before one unit.
_RANGE_BEFORE = re.compile(
    rf"(?P<a>{ARABIC_NUMERAL}|[一二两三四五六七八九十百千]+)[ \u3000]?(?:至|到|-|—|–|~|～)[ \u3000]?$"
)
# 200元/人, 3次/年: a rate per head or per period stays in the span.
_PER_UNIT_RE = re.compile(r"/(?:人次|人|件|次|户|家|年|月|天|日|个|亩|平方米|吨)")
_TAIL_RE = re.compile(
    rf"(?P<m1>[万亿千])?(?P<q>[余多])?(?P<m2>[万亿])?(?P<unit>{_UNIT_ALT})(?P<suf>以上|左右)?"
)
# Spans that name rather than count: quotes, book titles, document numbers.
_QUOTED_RE = re.compile(
    r"“[^“”\n]{0,40}”|‘[^‘’\n]{0,40}’|\"[^\"\n]{0,40}\"|「[^「」\n]{0,40}」|『[^『』\n]{0,40}』"
    r"|《[^《》\n]{0,120}》|〈[^〈〉\n]{0,60}〉|〔[^〔〕\n]{0,12}〕|\[[^\[\]\n]{0,12}\]"
)
# A Chinese numeral glued to these is part of a word or an ordinal (第三, 统一, 初二, 数十).
_CN_WORD_BEFORE = frozenset("第初周统唯逐专划同之数几若合归不万千百每前星礼农其任")
_ARABIC_GLUE = frozenset("0123456789.-/+×*#№:~_·")
# Slogans built on a Chinese numeral: 三项制度, 四个意识, 两个维护, 八项规定 ...
_CN_SLOGAN_NOUN = re.compile(
    r"(?:制度|规定|行动|清单|意识|自信|维护|确立|责任|全面|代表|区分开来|毫不动摇|务必|原则|纪律|"
    r"禁令|联动|联建|联调|合一|一体|共治|攻坚|工程|战略|机制建设|要求|精神|思想|作风|不|必)"
)
# 三条石街道, 五家渠市, 三台县: a numeral and a rare measure word opening a place name.
_CN_PLACE_SUFFIX = re.compile(r"[\u4e00-\u9fff](?:街道|社区|村|镇|乡|街|路|庄|里|市|县)|县|市|山")
_CN_DIGIT_CHARS = frozenset("零〇一二两三四五六七八九十")

_HARD = frozenset("，,；;。！!？?：:\n\r")
_SOFT = "、"


@dataclass(frozen=True)
class _Hit:
    start: int  # span start: qualifier or direction word included
    end: int  # span end: unit and 以上/左右 included
    num_start: int
    value: float
    unit: str
    kind: str
    qualifier: str | None
    direction_start: int | None  # where the direction word of a change starts


def extract_mentions(text: str, sections: Sequence[Section]) -> tuple[Mention, ...]:
    fold = fold_width(text)
    blocked = _blocked_spans(fold, sections)
    hits = _carry_direction(fold, _find_hits(fold, blocked))
    respective = _respective_metrics(text, fold, hits)
    mentions: list[Mention] = []
    starts = [s.start for s in sections]
    for i, hit in enumerate(hits):
        section = _section_at(sections, starts, hit.start)
        for metric in [respective[i]] if i in respective else _metrics(text, fold, hits, i):
            mentions.append(
                Mention(
                    index=len(mentions),
                    section_index=section.index if section else None,
                    section_path=section.path if section else "",
                    metric=metric,
                    text=text[hit.start:hit.end],
                    value=hit.value,
                    unit=hit.unit,
                    kind=hit.kind,
                    qualifier=hit.qualifier,
                    start=hit.start,
                    end=hit.end,
                )
            )
    return tuple(mentions)


def _section_at(sections: Sequence[Section], starts: list[int], pos: int) -> Section | None:
    """The deepest section holding pos: sections end at the next heading of any level,
    so the last one starting at or before pos is the deepest."""
    i = bisect.bisect_right(starts, pos) - 1
    while i >= 0:
        if sections[i].start <= pos < sections[i].end:
            return sections[i]
        i -= 1
    return None


# --- finding numbers -------------------------------------------------------------


def _blocked_spans(fold: str, sections: Sequence[Section]) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _QUOTED_RE.finditer(fold)]
    spans += [(s.start, s.start + len(s.marker)) for s in sections]
    return sorted(spans)


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, len(spans) + 10**9)) - 1
    # Spans may nest (a quote inside a book title): look back over a few.
    return any(a <= pos < b for a, b in spans[max(0, i - 4):i + 1])


def _find_hits(fold: str, blocked: list[tuple[int, int]]) -> list[_Hit]:
    hits = []
    for m in _NUMBER_RE.finditer(fold):
        if _inside(blocked, m.start()):
            continue
        hit = _read_hit(fold, m.start(), m.end(), m.group())
        if hit is not None:
            hits.append(hit)
    for m in _PERCENT_WORDS_RE.finditer(fold):
        if _inside(blocked, m.start()):
            continue
        hit = _read_word_percent(fold, m)
        if hit is not None:
            hits = [h for h in hits if h.end <= hit.start or h.start >= hit.end]
            hits.append(hit)
    return sorted(hits, key=lambda h: h.start)


def _read_word_percent(fold: str, m: re.Match[str]) -> _Hit | None:
    """百分之百 → 100, 百分之九十八点五 → 98.5; 百分之百的努力 is a manner of speaking."""
    num = m.group("num")
    end = m.end()
    if fold.startswith("的", end) and num == "百":
        return None
    whole, _, frac = num.partition("点")
    value = 100.0 if whole == "百" else parse_numeral(whole)
    if value is None:
        return None
    if frac:
        digits = "".join(str("零一二三四五六七八九".index(ch)) if ch in "零一二三四五六七八九" else "0" for ch in frac)
        value = float(f"{int(value)}.{digits}")
    suf = re.compile(r"以上|左右").match(fold, end)
    qualifier = _SUFFIX_QUALIFIER[suf.group()] if suf else None
    end = suf.end() if suf else end
    start = m.start()
    prefix = _QUALIFIER_PREFIX.search(fold, max(0, start - 2), start)
    if prefix and prefix.end() == start and not _false_prefix(fold, prefix.start(), prefix.group()):
        qualifier = qualifier or _PREFIX_QUALIFIER[prefix.group()]
        start = prefix.start()
    return _classify(fold, start, end, m.start("num"), num, value, "%", qualifier, start)


_LIST_GLUE = frozenset({"、", "和", "及", "与", ",", "，", "以及"})


def _listed_after(fold: str, hits: list[_Hit], i: int) -> bool:
    """hits[i] directly follows hits[i - 1] in a list: 5%、3% · 45件和62件."""
    return i > 0 and fold[hits[i - 1].end:hits[i].start] in _LIST_GLUE


def _carry_direction(fold: str, hits: list[_Hit]) -> list[_Hit]:
    """分别下降5%、3%: the direction word before the first figure holds for the rest."""
    out: list[_Hit] = []
    for i, hit in enumerate(hits):
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "change" and hit.kind == "rate" and prev.unit == hit.unit
                and _listed_after(fold, hits, i)):
            sign = -1.0 if prev.value < 0 else 1.0
            hit = _Hit(hit.start, hit.end, hit.num_start, sign * hit.value, hit.unit, "change",
                       hit.qualifier, None)
        out.append(hit)
    return out


def _read_hit(fold: str, ns: int, ne: int, core: str) -> _Hit | None:
    arabic = is_arabic(core)
    # Text converted from PDF sets Arabic figures apart with spaces (开展学习 18 次): the
    # words around such a figure are read across the spaces.
    lead = _skip_spaces_back(fold, ns) if arabic else ns
    gap_end = _skip_spaces(fold, ne) if arabic else ne
    bare = core in _BARE_ROUND
    if bare and lead and (fold[lead - 1].isdigit() or fold[lead - 1] in _CN_DIGIT_CHARS or fold[lead - 1] in "百千万"):
        return None  # the 万 of 1万余人 belongs to the figure before
    range_start = _range_start(fold, lead, core, arabic)
    if range_start == -1:
        return None
    if range_start is not None:
        lead = range_start
    if not _number_context_ok(fold, lead if range_start is not None else ns, ne, core, arabic, lead, gap_end):
        return None
    tail = _TAIL_RE.match(fold, gap_end)
    if tail is None:
        return None
    unit = tail.group("unit")
    unit_end = tail.end("unit")
    if not arabic and tail.group("m1"):
        return None  # a Chinese run already holds its 万/亿
    if not _unit_ok(fold, unit, unit_end, core, arabic):
        return None
    if unit == "次" and _session_ordinal(fold, lead, unit_end):
        return None
    end = tail.end()
    if _slogan_around(fold, end, arabic, ns):
        return None
    value = _BARE_ROUND[core] if bare else parse_numeral(core)
    if value is None:
        return None
    value = apply_multiplier(value, (tail.group("m1") or "") + (tail.group("m2") or ""))
    value = round(value, 6)
    qualifier = _SUFFIX_QUALIFIER.get(tail.group("q") or "") or _SUFFIX_QUALIFIER.get(tail.group("suf") or "")
    per = _PER_UNIT_RE.match(fold, end) if unit not in ("%", "个百分点") else None
    if per:
        end = per.end()
    start = ns if range_start is None else range_start
    prefix = _QUALIFIER_PREFIX.search(fold, max(0, lead - 2), lead)
    if prefix and prefix.end() == lead and not _false_prefix(fold, prefix.start(), prefix.group()):
        qualifier = qualifier or _PREFIX_QUALIFIER[prefix.group()]
        start = prefix.start()
    if bare and qualifier is None:
        return None  # 千家万户, 百花齐放: a bare 百/千 without 近/余 is a word
    return _classify(fold, start, end, ns, core, value, unit, qualifier, lead if start == ns else start)


_SPACES = " \u3000\xa0\t"


def _range_start(fold: str, lead: int, core: str, arabic: bool) -> int | None:
    """Where a range such as 3至5 or 10-15 opens, when core is its upper end (-1: an
    ordinal range, no mention).

    A range before one unit (3至5个工作日, 10-15天) is one mention: its span is the
    whole range and its value the upper end, the figure a time limit or target
    binds to. Ordinals (第1至3批), dates and codes have no unit or fail the order."""
    m = _RANGE_BEFORE.search(fold, max(0, lead - 16), lead)
    if not m or is_arabic(m.group("a")) != arabic:
        return None
    a = m.start("a")
    before = fold[a - 1] if a else ""
    if before == "第":
        return -1  # 第1至3批: an ordinal range
    if before in _ARABIC_GLUE or (before.isascii() and before.isalpha()):
        return None
    if not arabic and (before in _CN_DIGIT_CHARS or before in _CN_WORD_BEFORE):
        return None
    low, high = parse_numeral(m.group("a")), parse_numeral(core)
    if low is None or high is None or not low < high:
        return None
    return a


def _skip_spaces(fold: str, pos: int) -> int:
    """pos moved past at most two spaces."""
    end = pos
    while end < len(fold) and end - pos < 2 and fold[end] in _SPACES:
        end += 1
    return end


def _skip_spaces_back(fold: str, pos: int) -> int:
    start = pos
    while start > 0 and pos - start < 2 and fold[start - 1] in _SPACES:
        start -= 1
    return start


def _false_prefix(fold: str, at: int, word: str) -> bool:
    """近 in 就近/附近 and 超过 in 不超过 (at most) are no qualifiers."""
    before = fold[at - 1] if at else ""
    if word == "近":
        return before in _NOT_QUALIFIER_BEFORE
    return before == "不"


def _classify(fold: str, start: int, end: int, ns: int, core: str, value: float, unit: str,
              qualifier: str | None, lead: int | None = None) -> _Hit | None:
    if core == "半" and unit not in _DURATION_UNITS:
        return None
    if unit in ("%", "个百分点"):
        left = start if lead is None else lead
        direction = _DIRECTION.search(fold, max(0, left - 4), left)
        if direction:
            sign = -1.0 if direction.group("dir") in _DOWN else 1.0
            return _Hit(direction.start(), end, ns, sign * value, "%" if unit == "%" else unit, "change",
                        qualifier, direction.start())
        if unit != "%" or not 0 <= value <= 100:
            return None
        return _Hit(start, end, ns, value, "%", "rate", qualifier, None)
    if unit == "元":
        return _Hit(start, end, ns, value, "元", "money", qualifier, None)
    if unit in _DURATION_UNITS:
        if unit == "日" and not fold.startswith("内", end):
            return None  # 25日 is a date; 15日内 is a time limit
        return _Hit(start, end, ns, value, "天", "duration", qualifier, None)
    return _Hit(start, end, ns, value, unit, "count", qualifier, None)


def _number_context_ok(fold: str, ns: int, ne: int, core: str, arabic: bool,
                       lead: int | None = None, gap_end: int | None = None) -> bool:
    lead = ns if lead is None else lead
    gap_end = ne if gap_end is None else gap_end
    before = fold[lead - 1] if lead else ""
    after = fold[gap_end] if gap_end < len(fold) else ""
    if before == "第" or before == "每":
        return False
    if arabic:
        # 022-66897800, IE8, G20, 7.0版, 2+5+2: codes and names, not quantities.
        if before and (before in _ARABIC_GLUE or before.isascii() and before.isalpha()):
            return False
        if after and (after in "-/+×*#_~·" or after.isascii() and after.isalpha()):
            return False
        digits = core.replace(",", "").split(".")[0]
        if len(digits) > 1 and digits.startswith("0"):
            return False
        return True
    if before in _CN_WORD_BEFORE or (before and before in _CN_DIGIT_CHARS):
        return False
    if after in "+×" or (before and before in "+×"):
        return False
    return True


def _unit_ok(fold: str, unit: str, unit_end: int, core: str, arabic: bool) -> bool:
    following = _UNIT_WORD_AFTER.get(unit, ())
    if following and fold.startswith(following, unit_end):
        return False
    if arabic or core == "半":
        return True
    if unit in _DURATION_UNITS:
        return True
    if unit == "元" and any(ch in core for ch in "十百千万亿"):
        return True  # 五万元; 二元结构 and 多元 are words
    if unit not in _CN_COUNT_UNITS and unit != "%":
        return False
    value = parse_numeral(core)
    # A bare 一 before a measure word is nearly always a phrase (一次性, 一件事, 一站式);
    # 一万余人 and 一百家 are counts.
    if value is not None and value < 2 and not any(ch in core for ch in "十百千万亿"):
        return False
    return True


_SESSION_AFTER = re.compile(r"(?:会议|全会|全体会议|常委会议|常务会议|大会)")


def _session_ordinal(fold: str, lead: int, unit_end: int) -> bool:
    """十四届五次全会, 市五届人大五次会议: after a 届 the 次 numbers a session."""
    if not _SESSION_AFTER.match(fold, unit_end):
        return False
    window = fold[max(0, lead - 10):lead]
    cut = max(window.rfind(ch) for ch in _HARD | {_SOFT})
    return "届" in window[cut + 1:]


def _slogan_around(fold: str, end: int, arabic: bool, ns: int | None = None) -> bool:
    """365天×24小时, 六项行动+三张清单, 一件事一次办, 三项制度: names, not counts."""
    after = fold[end:end + 4]
    for ch in after:
        if ch in _HARD or ch == _SOFT:
            break
        if ch in "+×":
            return True
    if arabic:
        return False
    if _CN_SLOGAN_NOUN.match(fold, end):
        return True
    if any(ch in _CN_DIGIT_CHARS for ch in fold[end:end + 2]):
        return True
    place = _CN_PLACE_SUFFIX.match(fold, end)
    if not place or fold[end - 1] in "个名人项次件":
        return False
    if place.group() in ("县", "市") and ns is not None:
        # 三台县 is a county; 两轮县级督查 and 三家市属企业 count rounds and firms.
        return bool(gazetteer.places_named(fold[ns:place.end()]))
    return True


# --- metric phrases --------------------------------------------------------------

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
    r"(?:下降|降低|减少|压缩|缩短|缩减|提高|提升|上升|增加|增长|增|降|减|升)?(?:至|到)|[\s,，、;；:：]+)$"
)
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
_SOFT_RE = re.compile(_SOFT)
_VERB_TAIL = re.compile(r"(?:为|达到|达|是|[\s,，;；:：])+$")


def _strip(phrase: str) -> str:
    prev = None
    while prev != phrase:
        prev = phrase
        phrase = _LEAD_STRIP.sub("", phrase)
        phrase = _TRAIL_STRIP.sub("", phrase)
    return phrase.strip()


def _clause_start(fold: str, pos: int, floor: int) -> int:
    """Start of the clause before pos: the last hard boundary or unclosed bracket."""
    depth = 0
    i = pos
    while i > floor:
        ch = fold[i - 1]
        if ch in ")]":
            depth += 1
        elif ch in "([":
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and ch in _HARD:
            return i
        i -= 1
    return floor


def _top_level_splits(fold: str, a: int, b: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """[a, b) cut at matches of pattern outside brackets and quotes."""
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


def _clean(text: str, a: int, b: int) -> str:
    """text[a:b] as a metric phrase: quoted codes ("2+5+2") and filler words dropped."""
    folded = fold_width(text[a:b])
    kept, pos = [], 0
    for m in _CODE_QUOTE.finditer(folded):
        kept.append(text[a + pos:a + m.start()])
        pos = m.end()
    kept.append(text[a + pos:b])
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
        elif depth == 0 and (ch in _HARD or ch == _SOFT or ch == "并"):
            break
        pieces.append(text[b])
        b += 1
    return _strip("".join(pieces))


def _metrics(text: str, fold: str, hits: list[_Hit], i: int) -> list[str]:
    """The metric phrase(s) of hits[i]: the words before it back to a clause boundary
    (or the previous figure), plus the counted noun when one follows the number; one
    phrase per subject where a number is shared (各, 均为)."""
    hit = hits[i]
    floor = hits[i - 1].end if i else 0
    left = hit.direction_start if hit.direction_start is not None else hit.start
    clause = _clause_start(fold, left, floor)
    if hit.kind == "change":
        return [_change_metric(text, fold, hits, i, clause, left)]
    nxt = hits[i + 1].start if i + 1 < len(hits) else len(fold)
    noun_after = hit.kind in ("count", "money") and hit.end < len(fold) and _starts_noun(fold, hit.end)
    segments = _top_level_splits(fold, clause, left, _SOFT_RE)
    seg_a = segments[-1][0]
    last = _clean(text, seg_a, left)
    if (not last and not noun_after) or _DIST_MARK.search(fold[seg_a:left].rstrip()) or last.endswith("等"):
        seg_a = clause
    if _DIST_MARK.search(_trim_verb_tail(fold[seg_a:left])):
        multi = _distributed(text, fold, hits, i, seg_a, left, clause)
        if multi:
            return multi
    before = _before_phrase(text, fold, seg_a, left, noun_after)
    if _COMPARE_ONLY.fullmatch(before):
        before = ""  # 同比增加12件: the thing that grew is the subject before
    if (hit.kind == "rate" and not _RATE_HINT.search(before) and hit.end < len(fold)
            and _starts_noun(fold, hit.end) and not fold.startswith(("的", "和", "及", "与"), hit.end)):
        noun_after = True  # 实现100%全覆盖: what the rate is of follows it
    if noun_after:
        metric = _strip(before + _after_phrase(fold, text, hit.end, nxt))
    else:
        metric = before
    if hit.kind == "rate" and _SHARE_ONLY.fullmatch(metric) and i and hits[i - 1].kind in ("count", "money"):
        # 刑事案件218件，占51.2%: the share is of the subject before.
        subject = _fallback(text, fold, hits, i, clause, "")
        metric = subject + "占比" if subject else metric
    return [metric or _fallback(text, fold, hits, i, clause, hit.unit)]


_COMPARE_ONLY = re.compile(
    r"(?:较|比|与)(?:上年|去年|上一年度?|前一年)(?:同期)?(?:相比)?|(?:同比|环比)(?:增加|减少|新增|增长|下降|上升)了?|"
    r"(?:较|比)(?:上年|去年|上一年度?)(?:同期)?(?:增加|减少|新增|增长|下降|上升)了?"
)
_RATE_HINT = re.compile(r"率|比例|比重|占|度|权重|份额|百分比")
_SHARE_ONLY = re.compile(r"占(?:总数|全部|承办总数|总量|全年)?(?:的)?")


_RESPECTIVELY = re.compile(r"分别(?:为|是|达到|达|有|占|下降|降低|减少|压缩|缩短|上升|增长|提高|提升|增加)?(?:了)?$")


def _respective_metrics(text: str, fold: str, hits: list[_Hit]) -> dict[int, str]:
    """建议和提案分别为45件、62件: the n-th subject goes with the n-th figure."""
    out: dict[int, str] = {}
    i = 0
    while i < len(hits):
        hit = hits[i]
        floor = hits[i - 1].end if i else 0
        clause = _clause_start(fold, hit.start, floor)
        mark = _RESPECTIVELY.search(fold[clause:hit.start].rstrip())
        run = 1
        while i + run < len(hits) and _listed_after(fold, hits, i + run):
            run += 1
        if mark and run >= 2:
            end = clause + mark.start()
            compare = list(_COMPARE_RE.finditer(fold, clause, end))
            if compare:  # 信访量和警情数同比分别下降: the base is no subject
                end = compare[-1].start()
            items = [_clean(text, a, b) for a, b in _top_level_splits(fold, clause, end, _LIST_SPLIT)]
            items = [x for x in items if x]
            if len(items) == run:
                out.update({i + k: items[k] for k in range(run)})
                i += run
                continue
        i += 1
    return out


def _trim_verb_tail(raw: str) -> str:
    return _VERB_TAIL.sub("", raw)


def _starts_noun(fold: str, pos: int) -> bool:
    ch = fold[pos]
    return not (ch in _HARD or ch == _SOFT or ch in "()[]”’\"》" or ch.isspace())


def _before_phrase(text: str, fold: str, a: int, b: int, noun_after: bool) -> str:
    phrase = _clean(text, a, b)
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


def _distributed(text: str, fold: str, hits: list[_Hit], i: int, a: int, b: int, clause: int) -> list[str]:
    """One number shared out: 简报、通报各12期; 办结率和满意率均为100%; …测试和…考试，合格率均为100%."""
    raw = fold[a:b]
    trimmed = _trim_verb_tail(raw)
    mark = _DIST_MARK.search(trimmed)
    end = a + (mark.start() if mark else len(trimmed))
    parts = [(x, y) for x, y in _top_level_splits(fold, a, end, _LIST_SPLIT) if _clean(text, x, y)]
    names = [_clean(text, x, y) for x, y in parts]
    if len(names) >= 2:
        return names
    if hits[i].kind != "rate" or len(names) != 1 or not _RATE_WORD.search(names[0]):
        return []
    # A lone rate word: its subjects are the items of the clause before.
    prev_end = clause - 1
    if prev_end <= 0:
        return []
    prev_start = _clause_start(fold, prev_end, 0)
    if any(prev_start <= h.start < prev_end for h in hits):
        return []
    subjects = [_clean(text, x, y) for x, y in _top_level_splits(fold, prev_start, prev_end, _LIST_SPLIT)]
    subjects = [s for s in subjects if s]
    if len(subjects) < 2:
        return []
    return [s + names[0] for s in subjects]


def _change_metric(text: str, fold: str, hits: list[_Hit], i: int, clause: int, left: int) -> str:
    phrase = fold[clause:left]
    cut = None
    for m in _COMPARE_RE.finditer(phrase):
        cut = m.start()
    end = clause + cut if cut is not None else left
    metric = _clean(text, clause, end)
    if "、" in metric:
        metric = _strip(metric.rsplit("、", 1)[-1]) or metric
    return metric or _fallback(text, fold, hits, i, clause, hits[i].unit)


def _fallback(text: str, fold: str, hits: list[_Hit], i: int, clause: int, unit: str) -> str:
    """An empty phrase (共25个, 较上年下降45%) takes the subject of the clause before."""
    sentence = max(fold.rfind(ch, 0, clause) for ch in "。；;!！?？\n")
    for j in range(i - 1, -1, -1):
        if hits[j].start <= sentence:
            break
        metric = _metrics(text, fold, hits, j)[0]
        if metric:
            return metric
    if clause > 0:
        prev = _clean(text, _clause_start(fold, clause - 1, 0), clause - 1)
        if prev:
            return prev
    return unit
