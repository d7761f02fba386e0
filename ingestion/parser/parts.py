"""Which part of an annual rule-of-law report a top-level section is.

The reports follow the contents the 法治政府建设年度报告 rules require: measures and
results, the principal leader's duty as first responsible person, shortcomings, and
next year's plans. Cues are checked in that priority order because titles mix them:
"下一步工作举措" is a plan although 举措 is a measures word, and "第一责任人职责…工作情况"
is responsibility although 工作情况 is a measures phrase.

A report may state a mandated part without a level-1 section of its own (`stated_parts`): a
level-1 title that joins two parts (存在的问题及下一步打算), a sub-heading, or a run-in item
of a paragraph (（一）加强领导。…二是压实第一责任人职责。…). Inside a shortcomings or plans
section such words are about the duty, not an account of it.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ingestion.parser.model import Part, Section

_RESPONSIBILITY = re.compile(r"第一责任|述法|(?:负责人|负责同志|领导|一把手).{0,8}(?:履行|履职)|履职情况")
_SHORTCOMINGS = re.compile(r"不足|问题|差距|短板|薄弱|困难|挑战")
_PLANS = re.compile(r"下一步|下一年|下步|明年|来年|工作安排|计划|思路|打算|展望|今后|努力方向")
_MEASURES = re.compile(r"举措|成效|进展|措施|做法|工作情况|开展情况|推进情况|建设情况|主要工作|成绩|亮点|经验|落实情况")
# "2025年法治政府建设重点工作" with no measures word names next year's work.
_YEAR_WORK = re.compile(r"20\d{2}\s*年.*(?:工作|重点|任务)")
# Many reports, provincial ones above all, title each measures section by its theme
# ("坚持党的领导，扛牢政治责任", "依法全面履行政府职能", "以…为先导，…"): a title that opens
# with a verb of work done, or reports a state reached, is a measures section.
_THEME = re.compile(
    r"^(?:坚持|强化|加强|推进|推动|深化|深入|优化|健全|完善|提升|提高|规范|严格|全面|持续|扎实|着力|聚焦|"
    r"狠抓|夯实|筑牢|创新|服务|落实|依法|围绕|突出|压实|构建|打造|建立|抓实|统筹|注重|做好|开展|积极|"
    r"大力|不断|切实|贯彻|践行|学习|发挥|守牢|织密|激发|坚决|始终|牢牢|厚植|营造|树牢|锚定|立足|"
    r"以[^，,。]{1,40}为)"
    r"|总体情况|基本情况|总体推进情况|更加|显著|明显|不断(?:增强|提升|提高|完善)|持续(?:增强|提升|提高|优化)"
)


def classify_part(title: str) -> str:
    """One of measures, responsibility, shortcomings, plans, other."""
    if _RESPONSIBILITY.search(title):
        return "responsibility"
    if _SHORTCOMINGS.search(title):
        return "shortcomings"
    if _PLANS.search(title):
        return "plans"
    if _MEASURES.search(title):
        return "measures"
    if _YEAR_WORK.search(title):
        return "plans"
    if _THEME.search(title):
        return "measures"
    return "other"


MANDATED_PARTS: tuple[Part, ...] = ("measures", "responsibility", "shortcomings", "plans")
# Joints between two parts named in one title: 存在的问题及下一步打算, 存在的不足和原因.
_JOINT = re.compile(r"及|和|与|以及|、")
# Below level 1 only unmistakable names count: 着力解决…问题 is a measure, not the shortcomings part.
_NESTED = (
    ("responsibility", _RESPONSIBILITY),
    ("shortcomings", re.compile(r"存在的?(?:主要)?(?:问题|不足)|不足之处|短板弱项")),
    ("plans", re.compile(r"下一步|下一年度?|下步|明年|20\d{2}\s*年(?:工作)?(?:计划|打算|安排|思路|重点)"
                         r"|工作(?:计划|打算|安排|思路)")),
)
# A run-in item: 一是…, 二是… at a sentence start inside a paragraph; its name is its first clause.
_RUN_IN_ITEM = re.compile(r"(?:^|[。；;\n])\s*[一二三四五六七八九十]{1,2}是([^。；;，,\n]{2,40})")


def stated_parts(sections: Sequence[Section], text: str) -> tuple[Part, ...]:
    """The mandated parts the report states, in the order of the mandate."""
    found: set[str] = set()
    top_part: str | None = None
    for s in sections:
        if s.level == 1:
            top_part = s.part
            found.update(classify_part(piece) for piece in _JOINT.split(s.title))
            found.add(s.part or "other")
        elif top_part not in ("shortcomings", "plans"):
            found.update(_nested_parts(s.title))
        if top_part not in ("shortcomings", "plans"):
            body = text[s.body_start:s.end]
            for m in _RUN_IN_ITEM.finditer(body):
                found.update(_nested_parts(m.group(1)))
    return tuple(p for p in MANDATED_PARTS if p in found)


def _nested_parts(name: str) -> list[str]:
    return [part for part, cue in _NESTED if cue.search(name)]
