"""The place of the reporting body: the deepest unit of the division table it belongs to,
settled by the other names in the text where a name is ambiguous, down to its township."""
from __future__ import annotations

from collections import Counter

from ingestion.chinese import gazetteer, governments
from ingestion.chinese.gazetteer import Place


def place_chain(organization: str | None, text: str, raw_text: str) -> Place | None:
    """The deepest gazetteer unit the reporting body belongs to."""
    if organization:
        named = _deepest(gazetteer.find_places(organization, min_len=2), text)
        if named:
            return named
    mentioned = most_mentioned(text) or most_mentioned(raw_text)
    return mentioned


def _deepest(found, context: str) -> Place | None:
    """Deepest consistent unit among names found in one string; ambiguous names
    (朝阳区 in 北京 and 长春) are settled by the other names or by the context."""
    best: Place | None = None
    for _, _, candidates in found:
        choice = _pick(candidates, best, context)
        if choice and (best is None or gazetteer.is_ancestor(best, choice) or _rank(choice) > _rank(best)):
            best = choice
    return best


def _pick(candidates: tuple[Place, ...], parent: Place | None, context: str) -> Place | None:
    if parent:
        inside = [c for c in candidates if gazetteer.is_ancestor(parent, c) or c == parent]
        if inside:
            candidates = tuple(inside)
    if len(candidates) == 1:
        return candidates[0]
    def support(p: Place) -> int:
        names = [x.name for x in (gazetteer.province_of(p), gazetteer.city_of(p)) if x and x != p]
        return sum(context.count(n) + context.count(short_name(n)) for n in names)
    ranked = sorted(candidates, key=support, reverse=True)
    if support(ranked[0]) == support(ranked[1]) and not parent:
        return None  # unresolved ambiguity: leave the place unknown rather than guess
    return ranked[0]


def short_name(name: str) -> str:
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def most_mentioned(text: str) -> Place | None:
    """For bodies named without their place (茶淀街): the unit the text names most, built
    top-down so a district is only taken inside the province the text is about."""
    hits = [c[0] for _, _, c in gazetteer.find_places(text) if len(c) == 1]
    if not hits:
        return None
    provinces = Counter(p.code[:2] for p in hits)
    prov = provinces.most_common(1)[0][0]
    inside = [p for p in hits if p.code[:2] == prov]
    cities = Counter(p.code[:4] for p in inside if p.level != "province" and not p.is_municipal)
    best = gazetteer.place(prov + "0" * 10)
    if cities:
        city_code = cities.most_common(1)[0][0]
        best = gazetteer.place(city_code + "0" * 8) or best
        inside = [p for p in inside if p.code[:4] == city_code]
    districts = Counter(p for p in inside if p.level == "district")
    if districts:
        best = districts.most_common(1)[0][0]
    return best


def _rank(p: Place) -> int:
    return gazetteer.LEVELS.index(p.level) + 1


def division_fields(chain: Place | None) -> tuple[str | None, str | None, str | None]:
    if chain is None:
        return None, None, None
    units = gazetteer.chain(chain)
    return tuple(units[k].name if units[k] else None for k in ("province", "city", "district"))  # type: ignore[return-value]


def find_township(organization: str | None, county: Place | None, text: str) -> Place | None:
    """The township of a street-level body (长沙县黄兴镇人民政府, 茶淀街), inside the place
    found for it; its parents then follow from its code."""
    if not organization:
        return None
    found = gazetteer.find_townships(organization)
    candidates = found[-1][2] if found else gazetteer.townships_abbreviated(governments.township_name(organization))
    if county is not None:
        candidates = tuple(c for c in candidates if gazetteer.is_ancestor(county, c))
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    def support(p: Place) -> int:
        units = gazetteer.chain(p)
        names = [units[k].name for k in ("province", "city", "district") if units[k]]
        return sum(text.count(n) + text.count(short_name(n)) for n in names)
    ranked = sorted(candidates, key=support, reverse=True)
    return ranked[0] if support(ranked[0]) > support(ranked[1]) else None
