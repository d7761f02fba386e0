"""The index table of a government disclosure page.

Government disclosure pages put a table above the report: 索引号, 文号, 关键词, 发布机构,
成文日期 …, each label beside its value ("发布机构：X街道办事处", "发布机构 | X街道办事处")
or above it (label and value on lines of their own). The table is not the title, and its
发布机构 and 成文日期 are evidence for the body and the date.
"""
from __future__ import annotations

import re

_INDEX_LABELS = (
    "索引号", "文号", "发文字号", "关键词", "关键字", "主题词", "发布机构", "发文机关", "成文单位", "所属机构",
    "成文日期", "发文日期", "发布日期", "公开日期", "生效日期", "主题分类", "体裁分类", "组配分类", "信息分类",
    "公开方式", "公开范围", "公开时限", "有效性", "名称", "标题", "信息名称", "内容概述",
)
_INDEX_LABEL = re.compile(r"^(?:" + "|".join(sorted(_INDEX_LABELS, key=len, reverse=True)) + r")(?=\s*[:：]|\s*$)")
_CELL_SPLIT = re.compile(r"\s*[|｜\t]\s*|\s{2,}|\u3000+")

# A line without any label in it has no label cell: it is not split into cells at all.
_ANY_INDEX_LABEL = re.compile("|".join(_INDEX_LABELS))
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _index_cells(line: str) -> list[str]:
    """A table line's cells; "发布机构：X" is split into its label and value."""
    cells: list[str] = []
    for cell in _CELL_SPLIT.split(line.strip()):
        m = _INDEX_LABEL.match(cell)
        if m:
            cells.append(m.group())
            value = cell[m.end():].lstrip(" :：")
            if value:
                cells.append(value)
        elif cell:
            cells.append(cell)
    return cells


def index_fields(raw_text: str) -> dict[str, str]:
    """Label → value of the index table at the head of the page (first label wins)."""
    fields: dict[str, str] = {}
    head = raw_text.split("\n")[:60]
    if not any(map(_ANY_INDEX_LABEL.search, head)):
        return fields
    cells = [c for line in head for c in _index_cells(line)]
    for i, cell in enumerate(cells[:-1]):
        if _INDEX_LABEL.fullmatch(cell) and not _INDEX_LABEL.fullmatch(cells[i + 1]):
            fields.setdefault("标题" if cell in ("名称", "信息名称") else cell, cells[i + 1])
    return fields


def without_index_lines(lines: list[str]) -> list[str]:
    """The text without the index table's lines: labelled lines, the value line under a bare
    label, and the lines of codes with no Chinese in them (11120116MB1234567X/2023-00012)."""
    out: list[str] = []
    value_next = False
    for line in lines:
        cells = _index_cells(line) if _ANY_INDEX_LABEL.search(line) else []
        is_label_line = bool(cells) and bool(_INDEX_LABEL.fullmatch(cells[0]))
        if is_label_line or value_next or (len(out) == 0 and not _CJK_RUN.search(line)):
            value_next = is_label_line and len(cells) == 1
            continue
        out.append(line)
    return out
