"""One key per reporting body, whatever name a report gives it.

A body is a place (its division code) and a kind: the people's government of the place,
one of that government's departments, or a street office / township government. So
十堰市茅箭区人民政府 and 茅箭区人民政府 are `420302000000:government`, and 区市场监管局 and
茅箭区市场监督管理局 are both `420302000000:dept:市场监督管理局`. A street office is keyed by
its township code (`120116037000:street`), or by its county's code and name where the
gazetteer does not know it. Where no place is known, the formal name is the only key
(`name:某某局`), so such reports still group by what they call themselves.
"""
from __future__ import annotations

import re

from ingestion.chinese import gazetteer

# Short forms of department names that reports use in titles and self-references, and the
# formal name they stand for. Full names pass unchanged.
DEPARTMENT_SHORT_FORMS = {
    "政府办": "人民政府办公室",
    "政府办公室": "人民政府办公室",
    "市场监管局": "市场监督管理局",
    "市监局": "市场监督管理局",
    "政务服务办": "政务服务办公室",
    "政务办": "政务服务办公室",
    "政数局": "政务服务和数据管理局",
    "人社局": "人力资源和社会保障局",
    "住建局": "住房和城乡建设局",
    "发改委": "发展和改革委员会",
    "发改局": "发展和改革局",
    "卫健委": "卫生健康委员会",
    "卫健局": "卫生健康局",
    "自规局": "自然资源和规划局",
    "应急局": "应急管理局",
    "交通局": "交通运输局",
    "文旅局": "文化和旅游局",
    "教体局": "教育和体育局",
    "医保局": "医疗保障局",
    "退役军人局": "退役军人事务局",
    "工信局": "工业和信息化局",
    "科技局": "科学技术局",
    "城管局": "城市管理局",
    "城管执法局": "城市管理综合行政执法局",
}
# A leading level word of a short form (市市场监管局, 区政府办); 市场… is a word of its own.
_LEVEL_PREFIX = re.compile(r"^(?:省|自治区|市(?!场)|区(?!域)|县(?!域)|州|旗|盟)")
_TOWNSHIP_FORMAL = re.compile(r"(?:办事处|人民政府|政府)$")


def split_department(name: str) -> tuple[str, str]:
    """The place written in front of a department and the department:
    绍兴市市场监管局 → (绍兴市, 市场监管局); 区政府办 → ("", 区政府办)."""
    department = _without_place(name)
    return name[: len(name) - len(department)], department


def formal_department(department: str) -> str:
    """The formal name a short form stands for, a leading level word kept:
    市场监管局 → 市场监督管理局, 区政府办 → 区人民政府办公室; full names pass unchanged."""
    lead = _LEVEL_PREFIX.match(department)
    head = lead.group() if lead else ""
    rest = department[len(head):]
    return head + DEPARTMENT_SHORT_FORMS.get(rest, rest)


def normalise_department(name: str) -> str:
    """A department's name as its own government calls it, without place or level word:
    区市场监管局 → 市场监督管理局, 政府办 → 人民政府办公室,
    滨海新区人民政府政务服务办公室 → 政务服务办公室."""
    department = _LEVEL_PREFIX.sub("", split_department(name)[1], count=1)
    department = DEPARTMENT_SHORT_FORMS.get(department, department)
    # Offices set up by the government carry its name in front: 人民政府政务服务办公室.
    if department != "人民政府办公室":
        department = re.sub(r"^(?:人民)?政府(?=.)", "", department)
    return DEPARTMENT_SHORT_FORMS.get(department, department)


def township_name(organization: str) -> str:
    """The township a street-level body is named for: 茶淀街道办事处 → 茶淀街道,
    长沙县黄兴镇人民政府 → 黄兴镇, 某某街 → 某某街."""
    name = _without_place(organization)
    stem = _TOWNSHIP_FORMAL.sub("", name)
    return stem or name


def government_id(body_kind: str | None, adcode: str | None, organization: str | None) -> str | None:
    """`<adcode>:government`, `<adcode>:dept:<department>`, `<township adcode>:street` or
    `<county adcode>:street:<township>`; `name:<organization>` where no place is known."""
    if not organization and not adcode:
        return None
    if not adcode:
        return f"name:{organization}"
    if body_kind == "street":
        if adcode[6:] != "0" * 6:
            return f"{adcode}:street"
        return f"{adcode}:street:{township_name(organization)}" if organization else None
    if body_kind == "department":
        return f"{adcode}:dept:{normalise_department(organization)}" if organization else None
    if body_kind == "government":
        return f"{adcode}:government"
    return f"name:{organization}" if organization else None


def _without_place(name: str) -> str:
    """Strip the place names a body's name starts with: 湖北省十堰市茅箭区司法局 → 司法局."""
    while True:
        found = gazetteer.find_places(name, min_len=2)
        if not found or found[0][0] != 0 or len(found[0][1]) >= len(name):
            return name
        name = name[len(found[0][1]):]
