"""The parse of one report: plain, immutable records that every stage passes on.

Offsets (`start`, `end`) are character offsets into `ParsedReport.text`, the cleaned
text as the report wrote it (full-width characters kept), so a span can always be
shown to a reader exactly as it stands in the report.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

AdminLevel = Literal["province", "city", "district", "street", "department"]
Part = Literal["measures", "responsibility", "shortcomings", "plans", "other"]
# rank: a place in a ranking (名列全市第三 → 3), the lower the better.
Kind = Literal["count", "rate", "change", "money", "duration", "rank"]
# target: a figure the report sets as a goal, not one it reached (不低于60%, 力争…达到95%, any figure
# in the plans part); it is kept apart from results.
Qualifier = Literal["more_than", "nearly", "about", "target"]
# What kind of body reports: a people's government, one of its departments, or a street
# office / township government (see ingestion.chinese.governments).
BodyKind = Literal["government", "department", "street"]
# Where the year covered was read: the title; the opening sentence (2022年，…; 现将2022年…报告如下); the
# meeting a speech was made at; a level-1 heading (一、2022年工作情况; 六、2023年工作安排 plans the
# year after); the signature date (December of the year, or early the next); the report's own
# document number (〔2023〕 → 2022); a publishing date of the page.
YearSource = Literal["title", "opening", "meeting", "heading", "signature", "document_number", "publish_date"]
# Where the reporting body was read: the title's subject, the signature block, the disclosure index
# table (发布机构), a source label (来源：), the meeting a speech was made at, the opening sentence, or
# a self-reference (我镇) made formal from the place the text names.
OrganizationSource = Literal["title", "signature", "index_table", "source_label", "meeting", "opening",
                             "self_reference"]


# How a report's text was obtained: the characters of a .txt, .html or .docx file, a PDF's text
# layer, or optical character recognition of page images (a scanned PDF).
TextSource = Literal["text", "text_layer", "ocr"]


@dataclass(frozen=True)
class ReportMetadata:
    title: str | None = None
    organization: str | None = None
    province: str | None = None
    city: str | None = None
    district: str | None = None
    admin_level: AdminLevel | None = None
    report_year: int | None = None
    publish_date: str | None = None  # ISO date, yyyy-mm-dd
    township: str | None = None  # 街道, 镇, 乡 or 苏木 of a street-level body
    adcode: str | None = None  # 12-digit division code of the deepest known place
    body_kind: BodyKind | None = None
    government_id: str | None = None  # one key per reporting body across years and name variants
    report_year_source: YearSource | None = None
    organization_source: OrganizationSource | None = None


@dataclass(frozen=True)
class Section:
    index: int  # document order, 0-based
    level: int  # 1 = 一、 ; deeper levels are relative to the enclosing heading
    marker: str  # as written: "一、", "（一）", "1.", "一是"
    title: str  # without the marker, up to the first 。
    parent_index: int | None
    path: str  # markers from the root joined by "/", trailing 、 dropped: "二/(一)/1."
    part: Part | None  # on level-1 sections, else None
    start: int  # offset of the marker
    body_start: int  # offset just after the title (and its 。 when inline)
    end: int  # offset of the next heading of any level, or end of text


@dataclass(frozen=True)
class Mention:
    index: int  # document order, 0-based
    section_index: int | None  # None before the first heading
    section_path: str  # "" before the first heading
    metric: str
    text: str  # exact span: number, unit, qualifier words, direction word
    value: float
    unit: str
    kind: Kind
    qualifier: Qualifier | None
    start: int
    end: int


@dataclass(frozen=True)
class RateLink:
    """A stated total, part and rate that must agree (调解2228件, 成功2224件, 成功率99.82%)."""

    total_index: int  # Mention.index of the total
    part_index: int  # Mention.index of the part
    rate_index: int  # Mention.index of the stated rate


@dataclass(frozen=True)
class ParsedReport:
    text: str
    metadata: ReportMetadata
    sections: tuple[Section, ...] = field(default_factory=tuple)
    mentions: tuple[Mention, ...] = field(default_factory=tuple)
    links: tuple[RateLink, ...] = field(default_factory=tuple)
    # The mandated parts the report states, as level-1 sections or inside one (parts.stated_parts).
    stated_parts: tuple[Part, ...] = field(default_factory=tuple)
    text_source: TextSource = "text"
    ocr_confidence: float | None = None  # mean confidence of the recognised lines, when text_source is ocr


@dataclass(frozen=True)
class Figure:
    """A number read as a quantity."""

    start: int  # span start: qualifier or direction word included
    end: int  # span end: unit, 以上/左右 and a per-unit suffix included
    value: float  # normalised: 万/亿 multiplied out, a change signed
    unit: str
    kind: Kind
    qualifier: Qualifier | None
    direction_start: int | None  # where the direction word of a change (the verb of a rank) starts
