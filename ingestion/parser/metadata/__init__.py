"""Report metadata: title, reporting body, its place and level, year covered, date, key.

Rules follow how official reports are written: the title names the body and the year
("XX区人民政府关于2023年度法治政府建设情况的报告"), the signature at the end repeats the
body (beside the party committee when both sign) and dates the report, and a web page
adds 发布日期 and a footer 主办单位. Where the title is missing, the body comes from the
disclosure page's index table (发布机构, 成文日期), the opening sentence (2022年，X镇在…),
the self-reference (我镇, 本街道) or, for a report made to a people's congress standing
committee, from the meeting it was given at; the year from the opening sentence, the level-1
headings, the report's date or its document number (`years`). Each of year and body says where
it was read (`report_year_source`, `organization_source`). Fields stay None where the text does
not say.
"""
from __future__ import annotations

from collections.abc import Sequence

from ingestion.chinese import governments
from ingestion.parser.metadata.dates import find_publish_date
from ingestion.parser.metadata.index_table import index_fields, without_index_lines
from ingestion.parser.metadata.level import find_admin_level, find_body_kind
from ingestion.parser.metadata.organization import find_organization
from ingestion.parser.metadata.place import division_fields, find_township, place_chain
from ingestion.parser.metadata.speech import find_speech
from ingestion.parser.metadata.title import find_title
from ingestion.parser.metadata.years import find_report_year
from ingestion.parser.model import ReportMetadata, Section


def extract_metadata(raw_text: str, text: str, sections: Sequence[Section] = ()) -> ReportMetadata:
    index = index_fields(raw_text)
    lines = without_index_lines(text.split("\n"))
    speech = find_speech(lines)
    title = find_title(lines) or index.get("标题") or index.get("名称")
    organization, organization_source = find_organization(title, lines, raw_text, index, speech)
    county = place_chain(organization, text, raw_text)
    admin_level = find_admin_level(organization, county)
    township = find_township(organization, county, text) if admin_level == "street" else None
    chain = township or county
    province, city, district = division_fields(chain)
    body_kind = find_body_kind(organization, admin_level)
    adcode = chain.code if chain else None
    date, self_dated = find_publish_date(lines, raw_text, index)
    year, year_source = find_report_year(title, lines, speech, index, sections,
                                         own_date=date if self_dated else None, page_date=None if self_dated else date)
    return ReportMetadata(
        title=title,
        organization=organization,
        province=province,
        city=city,
        district=district,
        admin_level=admin_level,
        report_year=year,
        publish_date=(speech.date if speech else None) or date,
        township=township.name if township else None,
        adcode=adcode,
        body_kind=body_kind,
        government_id=governments.government_id(body_kind, adcode, organization),
        report_year_source=year_source,
        organization_source=organization_source,
    )
