"""Report metadata: title, reporting body, its place and level, year covered, date, key.

Rules follow how official reports are written: the title names the body and the year
("XX区人民政府关于2023年度法治政府建设情况的报告"), the signature at the end repeats the
body (beside the party committee when both sign) and dates the report, and a web page
adds 发布日期 and a footer 主办单位. Where the title is missing, the body comes from the
disclosure page's index table (发布机构, 成文日期), the opening sentence (2022年，X镇在…),
the self-reference (我镇, 本街道) or, for a report made to a people's congress standing
committee, from the meeting it was given at. Fields stay None where the text does not say.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingestion import gazetteer, governments
from ingestion.gazetteer import Place
from ingestion.model import ReportMetadata
from ingestion.numerals import CN_ONE_TO_TEN, CN_ZERO_FORMS, to_int
from ingestion.textnorm import fold_width

_CN_NUM = CN_ZERO_FORMS + CN_ONE_TO_TEN
_DATE = re.compile(
    rf"(\d{{4}}|[{_CN_NUM}]{{4}})\s*年\s*(\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s*月\s*(\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s*日"
)
_DASH_DATE = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)")
_DATE_LINE = re.compile(rf"^[(（]?\s*{_DATE.pattern}\s*[)）]?$")
_PUBLISH_LABEL = re.compile(r"(成文日期|发文日期|发布日期|发布时间|日期|(?<![更修])时间)\s*[:：]\s*")
_SOURCE_LABEL = re.compile(r"(?:信息来源|文章来源|来源单位|来源|发布机构)\s*[:：]\s*([^\s|:：]{2,40})")
_HOST_LABEL = re.compile(r"主办单位\s*[:：]\s*([^\s|:：]{2,40})")
# 茅政发〔2024〕3号: a document number; its year is the year of issue.
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（【]\s*(20\d{2})\s*[〕\]］)）】]\s*\d{1,4}\s*号")

_YEAR = re.compile(rf"(20\d{{2}}|[二][{CN_ZERO_FORMS}][{_CN_NUM}]{{2}})\s*年")
# Where the reporting body's name ends in a title.
_SUBJECT_END = re.compile(
    rf"关于|(?:20\d{{2}}|[二][{CN_ZERO_FORMS}][{_CN_NUM}]{{2}})\s*年|法治政府|法治建设|依法行政|推进法治|法治.{{0,4}}报告"
)
# A title is whole once it names its kind of document.
_TITLE_COMPLETE = re.compile(r"(?:报告|总结|白皮书)[)）]?$")
# 第一部分 / 第二部分: the parts of a report, never part of its title.
_PART_HEADING = re.compile(rf"^第[{CN_ONE_TO_TEN}]{{1,3}}部分")
_MARKER_START = re.compile(rf"^(?:[{CN_ONE_TO_TEN}]+[、.．]|[(（][{CN_ONE_TO_TEN}\d]+[)）]|\d+[.．、])")

# Suffixes that end the formal name of a body (longest first).
_GOV_SUFFIX = ("人民政府", "政府")
_STREET_SUFFIX = ("街道办事处", "办事处", "街道", "镇人民政府", "乡人民政府", "苏木", "镇", "乡", "街")
_DEPT_SUFFIX = ("办公室", "委员会", "管委会", "局", "厅", "委", "办", "中心", "署", "院", "所", "队", "站", "部")
_FORMAL_SUFFIX = ("人民政府", "办事处", "办公室", "委员会", "管理委员会", "管委会", "局", "厅", "中心",
                  "署", "街道", "镇", "乡")
# Short forms expand only into these endings: 政务服务办 → 政务服务办公室, 茶淀街 → 茶淀街道办事处.
_EXPANSION_TAILS = ("", "公室", "道办事处", "办事处", "人民政府")
_PARTY = re.compile(r"^(?:中共|中国共产党)|党(?:工)?委$|党组$|[区县市省州旗盟]委(?:员会)?$")
_SHORT_GOV = re.compile(r"^(?:我|本)?(省|市|区|县|镇|乡|街道)(?:人民)?政府$|^(?:我|本|全)(省|市|区|县|镇|乡|街道)$")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def extract_metadata(raw_text: str, text: str) -> ReportMetadata:
    index = _index_fields(raw_text)
    lines = _without_index_lines(text.split("\n"))
    speech = _speech(lines)
    title = _title(lines) or index.get("标题") or index.get("名称")
    organization = _organization(title, lines, raw_text, index, speech)
    county = _place_chain(organization, text, raw_text)
    admin_level = _admin_level(organization, county)
    township = _township(organization, county, text) if admin_level == "street" else None
    chain = township or county
    province, city, district = _fields(chain)
    body_kind = _body_kind(organization, admin_level)
    adcode = chain.code if chain else None
    return ReportMetadata(
        title=title,
        organization=organization,
        province=province,
        city=city,
        district=district,
        admin_level=admin_level,
        report_year=_report_year(title, lines, speech, index),
        publish_date=(speech.date if speech else None) or _publish_date(lines, raw_text, index),
        township=township.name if township else None,
        adcode=adcode,
        body_kind=body_kind,
        government_id=governments.government_id(body_kind, adcode, organization),
    )


# ---- the index table of a disclosure page ----------------------------------------------
# Government disclosure pages put a table above the report: 索引号, 文号, 关键词, 发布机构,
# 成文日期 …, each label beside its value ("发布机构：X街道办事处", "发布机构 | X街道办事处")
# or above it (label and value on lines of their own). The table is not the title, and its
# 发布机构 and 成文日期 are evidence for the body and the date.
_INDEX_LABELS = (
    "索引号", "文号", "发文字号", "关键词", "关键字", "主题词", "发布机构", "发文机关", "成文单位", "所属机构",
    "成文日期", "发文日期", "发布日期", "公开日期", "生效日期", "主题分类", "体裁分类", "组配分类", "信息分类",
    "公开方式", "公开范围", "公开时限", "有效性", "名称", "标题", "信息名称", "内容概述",
)
_INDEX_LABEL = re.compile(r"^(?:" + "|".join(sorted(_INDEX_LABELS, key=len, reverse=True)) + r")(?=\s*[:：]|\s*$)")
_CELL_SPLIT = re.compile(r"\s*[|｜\t]\s*|\s{2,}|\u3000+")
# A line without any label in it has no label cell: it is not split into cells at all.
_ANY_INDEX_LABEL = re.compile("|".join(_INDEX_LABELS))


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


def _index_fields(raw_text: str) -> dict[str, str]:
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


def _without_index_lines(lines: list[str]) -> list[str]:
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


# ---- a report made to a people's congress standing committee ---------------------------
# "——2021年4月29日在茅箭区第十六届人民代表大会常务委员会第三十七次会议上" under the title:
# the government of that place reports, on the year before the meeting, dated the meeting.
_STANDING_COMMITTEE = r"(?:人民代表大会常务委员会|人大常务委员会|人大常委会)"
_SPEECH_LINE = re.compile(rf"^[—–\-－―]{{1,3}}\s*|^[(（]\s*(?=.{{0,20}}在.{{0,40}}{_STANDING_COMMITTEE})")
_SPEECH_PLACE = re.compile(
    rf"在(?P<place>(?:(?!第)[\u4e00-\u9fff]){{1,30}}?)(?:第?[{CN_ONE_TO_TEN}\d]{{1,4}}届)?{_STANDING_COMMITTEE}"
)
_SPEAKER = re.compile(r"^(?P<gov>[\u4e00-\u9fff]{0,20}人民政府)(?:副)?(?:省|市|区|县|州|旗|盟)长")


@dataclass(frozen=True)
class _Speech:
    line: int  # index of the meeting line
    date: str | None
    place: str | None  # 茅箭区: the place whose standing committee heard the report
    speaker_body: str | None  # 茅箭区人民政府 in "茅箭区人民政府副区长  张三"


def _speech(lines: list[str]) -> _Speech | None:
    for i, line in enumerate(lines[:6]):
        folded = fold_width(line).strip()
        if not (_SPEECH_LINE.match(folded) and "会议" in folded and re.search(_STANDING_COMMITTEE, folded)):
            continue
        m = _SPEECH_PLACE.search(folded)
        place = m.group("place") if m else None
        speaker = next((m.group("gov") for m in map(_SPEAKER.match, lines[i + 1:i + 3]) if m), None)
        return _Speech(i, _date_in(folded), place, speaker)
    return None


# ---- title -----------------------------------------------------------------------------

def _title(lines: list[str]) -> str | None:
    parts: list[str] = []
    for line in lines[:4]:
        if _is_title_end(line):
            break
        if parts and _TITLE_COMPLETE.search(_despace("".join(parts))) and not _title_subject(line):
            break  # "…情况报告" is whole: what follows is page furniture or the body
        parts.append(line)
    # A site banner above the title ("XX区人民政府" over "XX区2023年…报告") is dropped when
    # a later line is a title of its own; a title split after its subject is joined.
    for i in range(len(parts) - 1, 0, -1):
        if _title_subject(parts[i]) and _YEAR.search(parts[i]):
            parts = parts[i:]
            break
    if not parts:
        return None
    return _despace("".join(parts).strip("|｜ "))


def _is_title_end(line: str) -> bool:
    folded = fold_width(line)
    return (
        "。" in line or "," in folded or "，" in line or len(line) > 60
        or folded.rstrip().endswith(":") or bool(_MARKER_START.match(folded))
        or bool(_DATE_LINE.match(line.strip())) or bool(_DASH_DATE.search(folded))
        or bool(_PART_HEADING.match(folded)) or bool(_SPEECH_LINE.match(folded.strip()))
    )


def _despace(s: str) -> str:
    """Drop the letter-spacing of titles ('工 作 报 告'): spaces next to a CJK character."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", s).strip()


# ---- report year and date --------------------------------------------------------------

def _report_year(title: str | None, lines: list[str], speech: _Speech | None, index: dict[str, str]) -> int | None:
    if title:
        m = _YEAR.search(title)
        if m:
            return to_int(m.group(1))
    # The opening sentence usually starts "2023年，…" or says "现将2023年…报告如下".
    for line in lines[:6]:
        if "。" not in line:
            continue
        m = re.match(r"^(20\d{2})\s*年(?:度|以来|来)?", line) or re.search(r"现将[^。，,；;]{0,30}?(20\d{2})\s*年", line)
        if m:
            return int(m.group(1))
        break
    # A report is made early in the year after the one it covers: at the spring meeting of
    # the standing committee, under a document number of that year.
    if speech and speech.date:
        return int(speech.date[:4]) - 1
    numbered = [index.get("文号", ""), index.get("发文字号", ""), *lines[:6]]
    for s in numbered:
        m = _DOC_NUMBER.search(s)
        if m:
            return int(m.group(1)) - 1
    return None


def _publish_date(lines: list[str], raw_text: str, index: dict[str, str]) -> str | None:
    for line in reversed(lines[-6:]):
        date = _date_in(line) if _is_signature_date(line) else None
        if date:
            return date
    for line in lines[:5]:  # a dated line right under the title: （2024年3月1日）
        if _DATE_LINE.match(line.strip()):
            return _date_in(line)
    for m in _PUBLISH_LABEL.finditer(raw_text):
        date = _date_in(raw_text[m.end():m.end() + 30])
        if date:
            return date
    for label in ("成文日期", "发文日期", "发布日期", "公开日期"):
        date = _date_in(index.get(label, ""))
        if date:
            return date
    return None


def _is_signature_date(line: str) -> bool:
    """A date line of its own, or a signature line that ends in the date."""
    s = line.strip()
    if _DATE_LINE.match(s):
        return True
    m = _DATE.search(s)
    return bool(m) and m.end() == len(s.rstrip(")）")) and "。" not in s and len(s) <= 50


def _date_in(s: str) -> str | None:
    m = _DATE.search(s) or _DASH_DATE.search(s)
    if not m:
        return None
    year, month, day = (to_int(g) for g in m.groups())
    if year is None or not (1 <= (month or 0) <= 12 and 1 <= (day or 0) <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"



# ---- organization ----------------------------------------------------------------------

def _organization(title: str | None, lines: list[str], raw_text: str, index: dict[str, str],
                  speech: _Speech | None) -> str | None:
    base = (_title_subject(title) or _signature_body(lines) or _index_body(index) or _source_body(raw_text)
            or _speech_body(speech) or _opening_body(lines) or _self_reference(lines))
    if not base:
        return None
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
    place = _most_mentioned(text)
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
    if not base.endswith(_DEPT_SUFFIX):
        return None
    place_part, department = governments.split_department(base)
    formal = governments.formal_department(department)
    lead = _LEVEL_LEAD.match(department) if not place_part else None
    if lead:
        target = _place_at_level(lead.group(1), _most_mentioned("\n".join(lines)))
        rest = governments.formal_department(department[lead.end():])
        return target.name + rest if target else None
    return place_part + formal if formal != department else None


def _title_subject(title: str | None) -> str | None:
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
        s = _DATE.sub("", line).strip()
        if not s or "。" in s or len(s) > 50:
            continue
        if s.endswith(_GOV_SUFFIX + _STREET_SUFFIX + _DEPT_SUFFIX):
            return _government_of(s)
    return None


# The opening sentence of a report without a title names its subject: "2023年，XX街道
# 坚持…", "在市委的领导下，XX县深入…", "现将县人民政府2022年…报告如下".
_OPENING = re.compile(
    r"^(?:(?:20\d{2})\s*年(?:度|以来)?\s*[，,]?\s*)?(?:在[^。]{0,80}?(?:领导|指导|支持|监督)下\s*[，,]\s*)?"
    r"(?P<body>[\u4e00-\u9fff、]{2,40}?)"
    r"(?=坚持|深入|认真|全面|始终|积极|紧紧|在|以|围绕|按照|立足|聚焦|深化|扎实|持续|严格|高度|着力|把|将)"
)
_REPORT_AS = re.compile(r"现将(?P<body>[\u4e00-\u9fff]{2,30}?)(?:20\d{2}\s*年|本年度|年度|法治政府)")


def _opening_body(lines: list[str]) -> str | None:
    for line in lines[:3]:
        if "。" not in line:
            continue
        for m in (_OPENING.match(line), _REPORT_AS.search(line)):
            if not m:
                continue
            body = _government_of(m.group("body"))
            if body and (body.endswith(_GOV_SUFFIX + _STREET_SUFFIX + _DEPT_SUFFIX)
                         or gazetteer.places_named(body)) and not body.startswith(("全", "各")):
                return body
        break
    return None


def _source_body(raw_text: str) -> str | None:
    m = _SOURCE_LABEL.search(raw_text[:3000])
    if m and m.group(1).endswith(_GOV_SUFFIX + _STREET_SUFFIX + _DEPT_SUFFIX):
        return m.group(1)
    return None


def _index_body(index: dict[str, str]) -> str | None:
    for label in ("发布机构", "发文机关", "成文单位", "所属机构"):
        value = index.get(label, "")
        if value.endswith(_GOV_SUFFIX + _STREET_SUFFIX + _DEPT_SUFFIX):
            return _government_of(value)
    return None


def _speech_body(speech: _Speech | None) -> str | None:
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


# ---- place -----------------------------------------------------------------------------

def _place_chain(organization: str | None, text: str, raw_text: str) -> Place | None:
    """The deepest gazetteer unit the reporting body belongs to."""
    if organization:
        named = _deepest(gazetteer.find_places(organization, min_len=2), text)
        if named:
            return named
    mentioned = _most_mentioned(text) or _most_mentioned(raw_text)
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
        return sum(context.count(n) + context.count(_short(n)) for n in names)
    ranked = sorted(candidates, key=support, reverse=True)
    if support(ranked[0]) == support(ranked[1]) and not parent:
        return None  # unresolved ambiguity: leave the place unknown rather than guess
    return ranked[0]


def _short(name: str) -> str:
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _most_mentioned(text: str) -> Place | None:
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


def _fields(chain: Place | None) -> tuple[str | None, str | None, str | None]:
    if chain is None:
        return None, None, None
    units = gazetteer.chain(chain)
    return tuple(units[k].name if units[k] else None for k in ("province", "city", "district"))  # type: ignore[return-value]


def _township(organization: str | None, county: Place | None, text: str) -> Place | None:
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
        return sum(text.count(n) + text.count(_short(n)) for n in names)
    ranked = sorted(candidates, key=support, reverse=True)
    return ranked[0] if support(ranked[0]) > support(ranked[1]) else None


# ---- level -----------------------------------------------------------------------------

def _admin_level(organization: str | None, chain: Place | None) -> str | None:
    if not organization:
        return None
    if organization.endswith(("镇人民政府", "乡人民政府", "街道办事处", "办事处", "街道", "苏木")) \
            or re.search(r"[街镇乡]$", organization):
        return "street"
    if organization.endswith(_GOV_SUFFIX):
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
    if organization.endswith(_DEPT_SUFFIX):
        return "department"
    return None


def _body_kind(organization: str | None, admin_level: str | None) -> str | None:
    if admin_level in ("province", "city", "district"):
        return "government"
    if admin_level in ("street", "department"):
        return admin_level
    return "government" if organization and organization.endswith(_GOV_SUFFIX) else None
