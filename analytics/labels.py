"""Chinese labels: column headers from the dbt column descriptions, and code → 中文 names.

dbt persists every column description as a DuckDB comment, and each description gives the
column's Chinese name, so headers follow the documentation instead of a second hand-kept list.
"""
from __future__ import annotations

import re

import duckdb

_CJK = "\u4e00-\u9fff"
_TRAILING_PARENS = re.compile(rf"[（(]([^()（）]*[{_CJK}][^()（）]*)[)）]\.?$")
_DASHED = re.compile(rf"[—–]\s*([{_CJK}][^.。]*?)\.?$")
_CJK_ONLY_PARENS = re.compile(rf"[（(]([{_CJK}]+)[)）]")
_PARENTHETICAL = re.compile(r"[（(][^()（）]*[)）]")

PART_NAMES = {
    "measures": "主要举措和成效",
    "responsibility": "第一责任人职责",
    "shortcomings": "存在的不足",
    "plans": "下一年度安排",
    "other": "其他",
}
MANDATED_PARTS = ("measures", "responsibility", "shortcomings", "plans")
LEVEL_NAMES = {
    "province": "省级",
    "city": "地市级",
    "district": "区县级",
    "street": "街道/乡镇",
    "department": "政府部门",
}
KIND_NAMES = {"count": "数量", "rate": "比率", "change": "增减", "money": "金额", "duration": "时长", "rank": "排名"}


def chinese_label(comment: str | None) -> str | None:
    """The Chinese name a column description gives, if it gives one.

    A description without Latin letters is the label itself (the indicator matrix's columns).
    Otherwise the descriptions use three conventions: a closing Chinese sentence ("… 指标代码。"),
    a closing parenthesis ("Reporting body (报告单位)."), or a dash ("… — 行政层级.");
    failing those, a parenthesis of Chinese only ("(路径), e.g. 二/(一)/1.").
    """
    text = (comment or "").strip()
    if text and not re.search(r"[A-Za-z]", text):
        return text  # the description is the Chinese label itself: 行政机关负责人出庭应诉率（%）
    if text.endswith("。"):
        sentence = _PARENTHETICAL.sub("", re.split(r"\.\s+", text[:-1])[-1]).strip()
        if re.match(rf"[{_CJK}]", sentence):
            return sentence
    for pattern in (_TRAILING_PARENS, _DASHED, _CJK_ONLY_PARENS):
        found = pattern.search(text)
        if found:
            return found.group(1).strip()
    return None


def column_labels(conn: duckdb.DuckDBPyConnection, schema: str, table: str) -> dict[str, str]:
    """Column name → Chinese header (the column name itself where no description names one)."""
    rows = conn.execute("select column_name, comment from duckdb_columns()"
                        " where schema_name = ? and table_name = ? order by column_index",
                        [schema, table]).fetchall()
    return {name: chinese_label(comment) or name for name, comment in rows}


def unique_headers(names: list[str], labels: dict[str, str]) -> list[str]:
    """Chinese headers, with the column name added where two columns share one label."""
    headers = [labels.get(name, name) for name in names]
    return [f"{header}（{name}）" if headers.count(header) > 1 else header
            for header, name in zip(headers, names, strict=True)]
