"""The words around a figure: measure words (units), qualifier words and direction words.

A number is a mention only with a unit after it; which units a Chinese numeral may
take, and which characters after a unit make it the first half of another word (台账,
场所, 起草), are the vocabulary here. Patterns run on width-folded text.
"""
from __future__ import annotations

import re

from ingestion.chinese.numerals import parse_numeral
from ingestion.chinese.punctuation import CLAUSE_END
from ingestion.parser.model import Kind, Qualifier

COUNT_UNITS = (
    "人次 家次 户次 场次 批次 台次 车次 架次 件次 个次 台套 方面 部门 课时 学时 公里 平方米 公斤 千克 "
    "个 次 件 项 人 家 名 场 批 户 条 份 期 例 起 台 卷 类 辆 地 篇 部 所 处 座 张 块 位 轮 堂 "
    "支 组 队 笔 宗 栋 幅 册 套 株 棵 亩 吨 米 间 封 通 种 本 门"
).split()
DURATION_UNITS = ("个工作日", "个自然日", "工作日", "自然日", "天", "日")
PERCENT_UNITS = ("%", "个百分点")
UNITS = tuple(sorted((*PERCENT_UNITS, "元", *DURATION_UNITS, *COUNT_UNITS), key=len, reverse=True))
UNIT_ALT = "|".join(re.escape(u) for u in UNITS)

# Chinese numerals count only with the measure words that really count things; 三所联动,
# 两地协同 and 三条石街道 show how the rarer ones make words instead.
_CN_COUNT_UNITS = frozenset(
    "个 名 人 家 项 次 件 场 批 期 类 方面 支 座 处 位 户 起 份 篇 辆 台 部 轮 队 组 人次 家次 批次 场次 户次".split()
)
# Characters a Chinese numeral is glued to when it stands for an amount: 十 to 亿.
_CN_MULTIPLIER_CHARS = "十百千万亿"

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
    "种": ("类", "植", "子", "养", "草", "田", "地", "苗", "粮"),
    "本": ("地", "级", "市", "区", "县", "镇", "乡", "单位", "部门", "年", "次", "人", "职", "着", "领", "质", "土",
          "届"),
    "门": ("户", "口", "类", "槛", "诊", "店", "前", "头", "窗", "卫", "禁", "路", "牌"),
}

# 200元/人, 3次/年: a rate per head or per period stays in the span.
PER_UNIT_RE = re.compile(r"/(?:人次|人|件|次|户|家|年|月|天|日|个|亩|平方米|吨)")

# --- qualifiers ------------------------------------------------------------------

# A floor the report sets (持证率不低于60%, 不少于20名): the figure is a target, and the word is in its
# span. A ceiling (办理时限不超过3天) is how a service is run, no target of the year.
TARGET_PREFIX_RE = re.compile(r"(?:不低于|不少于|不小于|不得低于|不得少于|至少)$")

QUALIFIER_PREFIX_RE = re.compile(r"(?:将近|接近|近|大约|约|超过|超|逾)$")
PREFIX_QUALIFIER: dict[str, Qualifier] = {
    "将近": "nearly", "接近": "nearly", "近": "nearly", "大约": "about", "约": "about",
    "超过": "more_than", "超": "more_than", "逾": "more_than",
}
SUFFIX_QUALIFIER: dict[str, Qualifier] = {"余": "more_than", "多": "more_than", "以上": "more_than", "左右": "about"}
# 近 inside 最近/附近/临近 is no qualifier.
_NOT_QUALIFIER_BEFORE = frozenset("最附临靠贴就相亲邻逼")

# --- direction words of a change -------------------------------------------------

# A two-character verb is listed whole so that a span keeps it (压降20%, not 降20%).
DOWN = ("下降", "降低", "减少", "压缩", "压降", "压减", "精简", "缩短", "缩减", "缩小", "减小", "下滑", "回落",
        "降幅", "减幅", "减", "降")
UP = ("上升", "增长", "提高", "提升", "增加", "增幅", "上涨", "攀升", "升", "增", "涨")
DIRECTION_ALT = "|".join(sorted(DOWN + UP, key=len, reverse=True))
DIRECTION_BEFORE_RE = re.compile(rf"(?P<dir>{DIRECTION_ALT})(?:了|达|为)?$")
# 个百分点 is always a difference: its sign comes from the nearest direction or comparison word
# before it in the clause (高于全省平均水平3个百分点, 较上年提高2个百分点); rising where none is written.
POINTS_UNIT = "个百分点"
_POINTS_DOWN = (*DOWN, "低于", "少于")
_POINTS_DIRECTION_RE = re.compile("|".join(sorted((*DOWN, *UP, "高于", "高出", "超过", "超出", "低于", "少于"),
                                                 key=len, reverse=True)))


def points_sign(fold: str, pos: int) -> float:
    """+1 or −1: the direction of the 个百分点 difference at pos, from the words of its clause before it."""
    clause = max(fold.rfind(ch, 0, pos) for ch in CLAUSE_END) + 1
    words = _POINTS_DIRECTION_RE.findall(fold, clause, pos)
    return -1.0 if words and words[-1] in _POINTS_DOWN else 1.0


def unit_kind(unit: str) -> Kind:
    """The kind a figure has by its unit alone (a % figure is a rate unless a direction
    word makes it a change)."""
    if unit == POINTS_UNIT:
        return "change"
    if unit in PERCENT_UNITS:
        return "rate"
    if unit == "元":
        return "money"
    if unit in DURATION_UNITS:
        return "duration"
    return "count"


def unit_ok(fold: str, unit: str, unit_end: int, core: str, arabic: bool) -> bool:
    """Is unit, ending at unit_end after the numeral core, a measure word here?"""
    following = _UNIT_WORD_AFTER.get(unit, ())
    if following and fold.startswith(following, unit_end):
        return False
    if arabic or core == "半" or unit in DURATION_UNITS:
        return True
    if unit == "元":
        return any(ch in core for ch in _CN_MULTIPLIER_CHARS)  # 五万元; 二元结构 and 多元 are words
    if unit not in _CN_COUNT_UNITS and unit != "%":
        return False
    # A bare 一 before a measure word is nearly always a phrase (一次性, 一件事, 一站式);
    # 一万余人 and 一百家 are counts.
    value = parse_numeral(core)
    return not (value is not None and value < 2 and not any(ch in core for ch in _CN_MULTIPLIER_CHARS))


def false_prefix(fold: str, at: int, word: str) -> bool:
    """近 in 就近/附近 and 超过 in 不超过 (at most) are no qualifiers."""
    before = fold[at - 1] if at else ""
    if word == "近":
        return before in _NOT_QUALIFIER_BEFORE
    return before == "不"
