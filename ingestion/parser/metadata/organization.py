"""The reporting body: the formal name of the 人民政府, 街道办事处, 镇人民政府 or department.

Taken, in this order, from the title's subject, the signature, the index table, a source label,
the meeting a speech was given at, the opening sentence or a self-reference (我镇); then made
formal from the fullest name the text writes, or from the place it names most (省政府 →
湖南省人民政府). Where a party committee signs beside it, the government is the body.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ingestion.chinese import gazetteer, governments
from ingestion.chinese.gazetteer import Place
from ingestion.chinese.numerals import CN_ZERO_FORMS
from ingestion.parser.metadata.dates import CN_NUM, DATE
from ingestion.parser.metadata.opening import opening_sentence, subject_clauses
from ingestion.parser.metadata.place import most_mentioned
from ingestion.parser.metadata.speech import Speech
from ingestion.parser.model import OrganizationSource

# Where the reporting body's name ends in a title.
_SUBJECT_END = re.compile(
    rf"关于|(?:20\d{{2}}|[二][{CN_ZERO_FORMS}][{CN_NUM}]{{2}})\s*年|法治政府|法治建设|依法行政|推进法治|法治.{{0,4}}报告"
)

# Suffixes that end the formal name of a body (longest first).
GOV_SUFFIX = ("人民政府", "政府")
STREET_SUFFIX = ("街道办事处", "办事处", "街道", "镇人民政府", "乡人民政府", "苏木", "镇", "乡", "街")
DEPT_SUFFIX = ("办公室", "委员会", "管委会", "局", "厅", "委", "办", "中心", "署", "院", "所", "队", "站", "部")
_FORMAL_SUFFIX = ("人民政府", "办事处", "办公室", "委员会", "管理委员会", "管委会", "局", "厅", "中心",
                  "署", "街道", "镇", "乡")

# Short forms expand only into these endings: 政务服务办 → 政务服务办公室, 茶淀街 → 茶淀街道办事处.
_EXPANSION_TAILS = ("", "公室", "道办事处", "办事处", "人民政府")
_PARTY = re.compile(r"^(?:中共|中国共产党)|党(?:工)?委$|党组$|[区县市省州旗盟]委(?:员会)?$")
_SHORT_GOV = re.compile(r"^(?:我|本)?(省|市|区|县|镇|乡|街道)(?:人民)?政府$|^(?:我|本|全)(省|市|区|县|镇|乡|街道)$")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_SOURCE_LABEL = re.compile(r"(?:信息来源|文章来源|来源单位|来源|发布机构)\s*[:：]\s*([^\s|:：]{2,40})")


def find_organization(title: str | None, lines: list[str], raw_text: str, index: dict[str, str],
                      speech: Speech | None) -> tuple[str | None, OrganizationSource | None]:
    """The formal name of the reporting body and where its name was read."""
    finders: tuple[tuple[OrganizationSource, Callable[[], str | None]], ...] = (
        ("title", lambda: title_subject(title)),
        ("signature", lambda: _signature_body(lines)),
        ("index_table", lambda: _index_body(index)),
        ("source_label", lambda: _source_body(raw_text)),
        ("meeting", lambda: _speech_body(speech)),
        ("opening", lambda: _opening_body(lines)),
        ("self_reference", lambda: _self_reference(lines)),
    )
    base, source = next(((b, name) for name, find in finders if (b := find())), (None, None))
    if not base:
        return None, None
    return _formal_name(base, lines, raw_text), source


def _formal_name(base: str, lines: list[str], raw_text: str) -> str | None:
    fuller = _fullest_name(base, raw_text)
    if fuller and fuller != base:
        return fuller
    if _SHORT_GOV.match(base):
        return _formal_from_place(base, lines)
    if gazetteer.places_named(base):
        return base + "人民政府"  # "静海区2023年…报告": the place reports through its government
    return _formal_department(base, lines) or base


def _formal_from_place(short: str, lines: list[str]) -> str | None:
    """省政府 → 湖南省人民政府, 我镇 → 黄兴镇人民政府, from the place the report itself names most."""
    text = "\n".join(lines)
    place = most_mentioned(text)
    m = _SHORT_GOV.match(short)
    unit = m.group(1) or m.group(2)
    if unit in ("镇", "乡", "街道"):
        town = _most_mentioned_township(text, unit, place)
        return _formal_township(town) if town else None
    target = _place_at_level(unit, place)
    return target.name + "人民政府" if target else None


def _place_at_level(unit: str, place: Place | None) -> Place | None:
    """The unit of that level (省, 市, 区, 县) that holds or is the place; None for a bare 区政府
    with no place written anywhere: unknown, not a guess."""
    if place is None:
        return None
    if unit in ("省", "自治区") or (unit == "市" and place.is_municipal):
        return gazetteer.province_of(place)
    if unit in ("市", "州", "盟"):
        return gazetteer.city_of(place)
    if unit in ("区", "县", "旗"):
        return place if place.level == "district" else None
    return None


def _most_mentioned_township(text: str, unit: str, within: Place | None) -> str | None:
    """The township of that kind (镇, 乡, 街道) the text names most, inside the place it is about."""
    counts: Counter[str] = Counter()
    for _, name, candidates in gazetteer.find_townships(text):
        if name.endswith(unit) and (within is None or any(gazetteer.is_ancestor(within, c) for c in candidates)):
            counts[name] += 1
    return counts.most_common(1)[0][0] if counts else None


def _formal_township(name: str) -> str:
    """A township's body: a 街道 is run by its 办事处, a 镇, 乡 or 苏木 by its 人民政府."""
    return name + ("办事处" if name.endswith("街道") else "人民政府")


# 市市场监管局, 区政府办: a department named by its government's level and a short form.
_LEVEL_LEAD = re.compile(r"^(省|自治区|市(?!场)|区(?!域)|县(?!域)|州|旗|盟)")


def _formal_department(base: str, lines: list[str]) -> str | None:
    """区政府办 → 红桥区人民政府办公室, 绍兴市市场监管局 → 绍兴市市场监督管理局: the formal
    department name, under the place written in front of it or, for a bare level word,
    the place of that level the report names most."""
    if not base.endswith(DEPT_SUFFIX):
        return None
    place_part, department = governments.split_department(base)
    formal = governments.formal_department(department)
    lead = _LEVEL_LEAD.match(department) if not place_part else None
    if lead:
        target = _place_at_level(lead.group(1), most_mentioned("\n".join(lines)))
        rest = governments.formal_department(department[lead.end():])
        return target.name + rest if target else None
    return place_part + formal if formal != department else None


def title_subject(title: str | None) -> str | None:
    if not title:
        return None
    t = re.sub(r"^关于", "", title)
    m = _SUBJECT_END.search(t)
    subject = (t[:m.start()] if m else "").strip(" 的")
    return _government_of(subject) if subject else None


# A party committee's name run into the government's when a title loses its space:
# 中共杨柳青镇委员会杨柳青镇人民政府.
_PARTY_HEAD = re.compile(r"^(?:中共|中国共产党)[\u4e00-\u9fff]{1,30}?(?:工作委员会|委员会|党工委|党委|党组)(?=.)")

# The party committee and government of one place named once: X镇党委、政府 / X街道党工委、办事处.
_PARTY_STEM = re.compile(r"^(?:中共|中国共产党)?(?P<stem>[\u4e00-\u9fff]{2,30}?)(?:党工委|党委|工作委员会|委员会)$")


def _government_of(names: str) -> str | None:
    """Of bodies signing together (party committee beside the government), the government."""
    # Not split on 和: 住房和城乡建设局 is one body.
    parts = []
    for p in re.split(r"[\s、,，]+", names):
        head = _PARTY_HEAD.match(p)
        parts.extend([head.group(), p[head.end():]] if head else [p] if p else [])
    if not parts:
        return None
    non_party = [p for p in parts if not _PARTY.search(p)]
    body = (non_party or parts)[-1]
    if body in ("政府", "人民政府", "办事处") and len(parts) > 1:
        stem = _PARTY_STEM.match(parts[0])
        if stem:
            return stem.group("stem") + ("办事处" if body == "办事处" else "人民政府")
    return body


def _signature_body(lines: list[str]) -> str | None:
    for line in reversed(lines[-5:]):
        s = DATE.sub("", line).strip()
        if not s or "。" in s or len(s) > 50:
            continue
        if s.endswith(GOV_SUFFIX + STREET_SUFFIX + DEPT_SUFFIX):
            return _government_of(s)
    return None


# The opening sentence of a report without a title names its subject: "2023年，XX街道
# 坚持…", "在市委的领导下，XX县深入…", "为贯彻落实《纲要》，XX街道办事处坚持…",
# "现将县人民政府2022年…报告如下".
_OPENING = re.compile(
    r"^(?:(?:20\d{2})\s*年(?:度|以来)?\s*[，,]?\s*)?(?:在[^。]{0,80}?(?:领导|指导|支持|监督)下\s*[，,]\s*)?"
    r"(?P<body>[\u4e00-\u9fff、]{2,40}?)"
    r"(?=坚持|深入|认真|全面|始终|积极|紧紧|在|以|围绕|按照|立足|聚焦|深化|扎实|持续|严格|高度|着力|把|将)"
)
_REPORT_AS = re.compile(r"现将(?P<body>[\u4e00-\u9fff]{2,30}?)(?:20\d{2}\s*年|本年度|年度|法治政府)")


def _opening_body(lines: list[str]) -> str | None:
    sentence = opening_sentence(lines)
    if not sentence:
        return None
    for m in (*map(_OPENING.match, subject_clauses(sentence)), _REPORT_AS.search(sentence)):
        body = _government_of(m.group("body")) if m else None
        if body and (body.endswith(GOV_SUFFIX + STREET_SUFFIX + DEPT_SUFFIX)
                     or gazetteer.places_named(body)) and not body.startswith(("全", "各", "我", "本")):
            return body
    return None


def _source_body(raw_text: str) -> str | None:
    m = _SOURCE_LABEL.search(raw_text[:3000])
    if m and m.group(1).endswith(GOV_SUFFIX + STREET_SUFFIX + DEPT_SUFFIX):
        return m.group(1)
    return None


def _index_body(index: dict[str, str]) -> str | None:
    for label in ("发布机构", "发文机关", "成文单位", "所属机构"):
        value = index.get(label, "")
        if value.endswith(GOV_SUFFIX + STREET_SUFFIX + DEPT_SUFFIX):
            return _government_of(value)
    return None


def _speech_body(speech: Speech | None) -> str | None:
    """The government of the place whose standing committee heard the report."""
    if speech is None:
        return None
    # 在市第十七届…: a bare level word, made formal from the place like 市政府.
    if speech.place and (gazetteer.places_named(speech.place) or speech.place.endswith(("省", "市", "区", "县"))):
        return _government_of(speech.place) + "人民政府"
    return speech.speaker_body


# How a report refers to its own body: 我镇, 本街道 (本市场, 我区域 are other words).
_SELF_REFERENCE = re.compile(r"(?:我|本)(街道|镇|乡|区|县|市|省|局|办|委)(?![委长域场级])")


def _self_reference(lines: list[str]) -> str | None:
    """我镇 → the town's government; a department (我局) says nothing of its name, and a
    我市 after it is the department's city, not the reporting body."""
    for line in lines[:5]:
        m = _SELF_REFERENCE.search(line)
        if m:
            return None if m.group(1) in ("局", "办", "委") else "我" + m.group(1)
    return None


def _fullest_name(base: str, raw_text: str) -> str | None:
    """The longest formal name in the text that the base name abbreviates
    (区政务服务办 → 滨海新区人民政府政务服务办公室, 省政府 → 湖南省人民政府)."""
    counts: Counter[str] = Counter()
    # An expansion writes every character of its abbreviation: runs lacking one are
    # dropped a character at a time, each test a substring search in C.
    runs = [s for s in _CJK_RUN.findall(raw_text) if len(s) >= len(base)]
    for ch in set(base):
        runs = [s for s in runs if ch in s]
    for s in runs:
        starts = {i for i, _, _ in gazetteer.find_places(s, min_len=2)}
        starts.update(m.start() for m in re.finditer(re.escape(base[:2]), s))
        for start in starts:
            cand = _expansion_at(s[start:start + 40], base)
            if cand:
                counts[cand] += 1
    if not counts:
        return None
    best = max(counts, key=lambda c: (len(c), counts[c]))
    return best if len(best) >= len(base) else None


def _expansion_at(window: str, base: str) -> str | None:
    last = base[-1]
    for j, ch in enumerate(window):
        if ch != last:
            continue
        # The longest ending first: 杨柳青镇人民政府, not 杨柳青镇, where both are written.
        for tail in sorted(_EXPANSION_TAILS, key=len, reverse=True):
            if window.startswith(tail, j + 1):
                cand = window[:j + 1 + len(tail)]
                if cand.endswith(_FORMAL_SUFFIX) and _is_subsequence(base, cand) and _same_kind(base, cand):
                    return cand
    return None


def _same_kind(base: str, cand: str) -> bool:
    # 区政府 must not grow into 区人民政府办公室: a government stays a government.
    if base.endswith("政府"):
        return cand.endswith("政府")
    return True


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)
