"""Coded values in Chinese for readers of the workbook: `district` → 区县级, `measures` → 主要举措和成效.

The marts keep codes (stable for SQL and joins); a sheet with Chinese headers should not make a
reader decode them. Each coded column becomes two in the workbook: the Chinese value under the
column's Chinese header, and the code beside it under "…（代码）".
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from analytics.labels import KIND_NAMES, LEVEL_NAMES, PART_NAMES

QUALIFIER_NAMES = {"more_than": "以上（余、多）", "nearly": "近", "about": "约", "target": "目标值"}
BODY_KIND_NAMES = {"government": "人民政府", "department": "政府部门", "street": "街道/乡镇"}
SCOPE_NAMES = {"report": "整份报告", "report_dimension": "报告中的一个纲要维度"}
REASON_NAMES = {  # ingestion/errors.py: the quarantine's reason codes
    "empty": "空文件", "binary": "二进制文件", "encoding": "无法识别的编码", "too_large": "文件过大",
    "archive_too_large": "压缩包解压后过大", "unsupported_format": "不支持的格式",
    "no_text_layer": "扫描件（无文字层）", "encrypted": "已加密", "corrupt": "文件损坏", "unreadable": "无法读取",
    "symlink_outside_inbox": "链接指向收件箱之外", "dangling_link": "失效链接", "hidden_path": "隐藏文件",
    "not_a_regular_file": "非普通文件", "not_a_report": "不是报告", "unparseable": "解析失败",
    "too_deep": "嵌套过深", "time_limit": "解析超时", "memory_limit": "解析内存超限",
}
TEXT_SOURCE_NAMES = {"text": "文本", "text_layer": "PDF文字层", "ocr": "文字识别（OCR）"}
YEAR_SOURCE_NAMES = {  # ingestion/parser/model.py: where the report year was read
    "title": "标题", "opening": "开头语", "meeting": "会议名称", "heading": "一级标题", "signature": "落款日期",
    "document_number": "文号", "publish_date": "发布日期",
}
ORGANIZATION_SOURCE_NAMES = {
    "title": "标题", "signature": "落款", "index_table": "信息公开索引", "source_label": "来源标注",
    "meeting": "会议名称", "opening": "开头语", "self_reference": "自称（我县、我镇）",
}
CODE_SUFFIX = "（代码）"


def _listed(names: dict[str, str], separator: str, joiner: str) -> Callable[[str], str]:
    return lambda value: joiner.join(names.get(code, code) for code in value.split(separator) if code)


def translators(dimension_names: dict[str, str]) -> dict[str, Callable[[str], str]]:
    """Column name → how its code reads in Chinese (unknown codes stay as they are)."""
    simple = {"admin_level": LEVEL_NAMES, "part": PART_NAMES, "kind": KIND_NAMES, "qualifier": QUALIFIER_NAMES,
              "body_kind": BODY_KIND_NAMES, "scope": SCOPE_NAMES, "reason": REASON_NAMES,
              "text_source": TEXT_SOURCE_NAMES, "report_year_source": YEAR_SOURCE_NAMES,
              "organization_source": ORGANIZATION_SOURCE_NAMES, "dimension": dimension_names}
    coded: dict[str, Callable[[str], str]] = {
        column: (lambda value, names=names: names.get(value, value)) for column, names in simple.items()}
    coded["missing_parts"] = _listed(PART_NAMES, ", ", "、")
    coded["part_sequence"] = _listed(PART_NAMES, " > ", " > ")
    return coded


def with_labels(columns: Sequence[str], headers: Sequence[str], rows: Sequence[Sequence[Any]],
                coded: dict[str, Callable[[str], str]]) -> tuple[list[str], list[str], list[tuple[Any, ...]]]:
    """(column names, headers, rows) with each coded column as its Chinese value, then its code."""
    plan = [(index, coded.get(column)) for index, column in enumerate(columns)]
    names, titles = [], []
    for (index, translate), column, header in zip(plan, columns, headers, strict=True):
        names.append(column)
        titles.append(header)
        if translate:
            names.append(f"{column}_code")
            titles.append(f"{header}{CODE_SUFFIX}")
    labelled = []
    for row in rows:
        out: list[Any] = []
        for index, translate in plan:
            value = row[index]
            if translate:
                out += [translate(value) if isinstance(value, str) else value, value]
            else:
                out.append(value)
        labelled.append(tuple(out))
    return names, titles, labelled
