"""Which part of an annual rule-of-law report a top-level section is.

The reports follow the contents the 法治政府建设年度报告 rules require: measures and
results, the principal leader's duty as first responsible person, shortcomings, and
next year's plans. Cues are checked in that priority order because titles mix them:
"下一步工作举措" is a plan although 举措 is a measures word, and "第一责任人职责…工作情况"
is responsibility although 工作情况 is a measures phrase.
"""
from __future__ import annotations

import re

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
