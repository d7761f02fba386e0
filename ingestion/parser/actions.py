"""The verbs of work done that open a metric phrase (审核, 办理, 组织开展 …), in the vocabulary of
official reports.

Two rules of metric labels rest on them: the items of a list of figures share the verb written
before the first (审核重大行政决策3件、县级规范性文件15件 → 审核县级规范性文件), and a count of
people who took part is named by the event of the clause before (组织开展普法考试，共300人参加 →
参加普法考试), the event being that clause without its verbs.
"""
from __future__ import annotations

import re

# Manner words that may stand before the verb (依法审核, 严格审查) and travel with it.
_MANNER = ("依法", "严格", "认真", "全面", "集中", "及时", "规范", "统一", "主动", "先后", "组织", "牵头", "协调")
ACTION_VERBS = frozenset((
    "审核", "审查", "审定", "审批", "审议", "办理", "办结", "受理", "查处", "查办", "处理", "处置", "调解", "化解",
    "培训", "举办", "举行", "召开", "开展", "出台", "制定", "修订", "修改", "废止", "清理", "公布", "发布", "印发",
    "制发", "报备", "备案", "征集", "征求", "收集", "接待", "接听", "解答", "提供", "聘请", "聘任", "选聘", "建成",
    "新建", "建立", "设立", "组建", "成立", "检查", "抽查", "评查", "督查", "督办", "走访", "排查", "整改", "发现",
    "提出", "提交", "答复", "回复", "收到", "接收", "签订", "签署", "完成", "创建", "打造", "发放", "张贴", "悬挂",
    "推送", "上线", "录入", "归集", "公示", "公开", "核查", "核实", "纠正", "撤销", "变更", "确认", "复核", "评估",
    "立案", "结案", "移送", "执行", "宣讲", "讲授", "新增", "减少", "取消", "下放", "承接", "编制", "梳理", "汇编",
    "印制", "发出", "下发", "作出", "做出", "出具", "开具", "办件", "服务", "指导", "帮助", "挽回", "追回", "兑现",
    "组织", "参加", "参与", "听取", "学习", "旁听", "观看",
))
_VERB_LENGTH = 2
_PARTICIPATION = re.compile(r"(?:参加|参与|参训|参会|参学|参考|出席|列席|观看|收看|旁听|受益|受教育)$")


def leading_action(phrase: str) -> str:
    """The manner words and verbs a phrase opens with ('' when it opens with none):
    依法审核重大行政决策 → 依法审核, 组织开展普法考试 → 组织开展."""
    pos = 0
    while phrase.startswith(_MANNER, pos):
        pos += next(len(m) for m in _MANNER if phrase.startswith(m, pos))
    verbs_at = pos
    while phrase[pos:pos + _VERB_LENGTH] in ACTION_VERBS and len(phrase) - pos > _VERB_LENGTH:
        pos += _VERB_LENGTH
    return phrase[:pos] if pos > verbs_at else ""


def event_named(phrase: str) -> str:
    """What a clause says was held or done, without who did it: the words after its last verb of
    work done (组织全县执法人员开展执法资格考试 → 执法资格考试), or the phrase where it has none."""
    last = max((i for i in range(len(phrase) - _VERB_LENGTH) if phrase[i:i + _VERB_LENGTH] in ACTION_VERBS),
               default=None)
    return phrase if last is None else phrase[last + _VERB_LENGTH:]


def opens_with_action(phrase: str) -> bool:
    """Does the phrase open with a verb of work done or a manner word (办结, 依法…)?"""
    return phrase[:_VERB_LENGTH] in ACTION_VERBS or phrase.startswith(_MANNER)


def participation_verb(phrase: str) -> str:
    """参加 in 工作人员参加: the verb of taking part a phrase ends with, or ''."""
    m = _PARTICIPATION.search(phrase)
    return m.group() if m else ""
