"""The administrative level and the kind of the reporting body, from its name and place."""
from __future__ import annotations

import re

from ingestion.chinese import gazetteer
from ingestion.chinese.gazetteer import Place
from ingestion.parser.metadata.organization import DEPT_SUFFIX, GOV_SUFFIX


def find_admin_level(organization: str | None, chain: Place | None) -> str | None:
    if not organization:
        return None
    if organization.endswith(("镇人民政府", "乡人民政府", "街道办事处", "办事处", "街道", "苏木")) \
            or re.search(r"[街镇乡]$", organization):
        return "street"
    if organization.endswith(GOV_SUFFIX):
        head = organization[: -len("人民政府")] if organization.endswith("人民政府") else organization[:-2]
        found = gazetteer.find_places(head, min_len=2)
        last = found[-1] if found else None
        if last and last[0] + len(last[1]) == len(head) and chain is not None:
            return "province" if chain.level == "province" or (chain.is_municipal and chain.level == "city") \
                else chain.level
        if head.endswith(("省", "自治区")):
            return "province"
        if head.endswith(("区", "县", "旗", "區", "縣")):
            return "district"
        if head.endswith("市"):
            return "city"
        return None
    if organization.endswith(DEPT_SUFFIX):
        return "department"
    return None


def find_body_kind(organization: str | None, admin_level: str | None) -> str | None:
    if admin_level in ("province", "city", "district"):
        return "government"
    if admin_level in ("street", "department"):
        return admin_level
    return "government" if organization and organization.endswith(GOV_SUFFIX) else None
