"""What the report site shows, read from the snapshot into plain records."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb


@dataclass(frozen=True)
class Section:
    level: int
    marker: str
    title: str
    path: str
    part: str | None
    dimension: str | None
    mention_count: int


@dataclass(frozen=True)
class Figure:
    mention_id: str
    section_path: str | None
    metric: str | None
    value: float | None
    unit: str | None
    kind: str
    qualifier: str | None
    text: str
    sentence: str | None
    indicator_code: str | None
    indicator_name: str | None


@dataclass(frozen=True)
class Report:
    report_id: str
    organization: str
    title: str
    admin_level: str | None
    province: str | None
    city: str | None
    district: str | None
    report_year: int | None
    publish_date: str | None
    char_count: int
    parts: dict[str, bool]
    missing_parts: str
    part_sequence: str
    mention_count: int
    indicator_count: int
    sections: list[Section] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    dimensions: list[tuple[str, str, int]] = field(default_factory=list)  # code, 中文, sections
    keywords: list[str] = field(default_factory=list)
    dimension_keywords: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class IndicatorValue:
    report_id: str
    organization: str
    report_year: int | None
    value: float
    unit: str | None
    text: str
    sentence: str | None
    metric: str | None
    section_path: str | None
    candidate_count: int


@dataclass(frozen=True)
class Indicator:
    code: str
    name_zh: str
    name_en: str
    kind: str
    unit: str
    dimension: str | None
    higher_is_better: bool | None
    values: list[IndicatorValue]


@dataclass(frozen=True)
class SiteData:
    reports: list[Report]
    indicators: list[Indicator]  # the catalog indicators at least one report states
    dimension_names: dict[str, str]
    catalog_size: int


def _records(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    relation = conn.execute(sql, params or [])
    columns = [column[0] for column in relation.description]
    return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]


def _grouped(rows: list[dict[str, Any]], key: str) -> dict[Any, list[dict[str, Any]]]:
    groups: dict[Any, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row.pop(key), []).append(row)
    return groups


def load_site_data(conn: duckdb.DuckDBPyConnection) -> SiteData:
    dimension_names = dict(conn.execute(
        "select dimension, name_zh from marts.section_taxonomy order by sort_order").fetchall())
    dimension_order = {code: index for index, code in enumerate(dimension_names)}

    sections = _grouped(_records(conn, """
        select report_id, level, marker, title, path, part, dimension, mention_count
        from marts.sections order by report_id, section_index"""), "report_id")
    figures = _grouped(_records(conn, """
        select i.report_id, i.mention_id, i.section_path, i.metric, i.value, i.unit, i.kind, i.qualifier,
               i.text, i.sentence, i.indicator_code, c.name_zh as indicator_name
        from marts.indicators as i
        left join marts.indicator_catalog as c using (indicator_code)
        order by i.report_id, i.mention_index"""), "report_id")
    keywords = _grouped(_records(conn, """
        select report_id, dimension, term from marts.keywords
        order by report_id, dimension nulls first, term_rank"""), "report_id")

    reports = []
    for row in _records(conn, """
            select r.report_id, r.organization, r.title, r.admin_level, r.province, r.city, r.district,
                   r.report_year, r.publish_date, r.char_count, s.has_measures, s.has_responsibility,
                   s.has_shortcomings, s.has_plans, coalesce(s.missing_parts, '') as missing_parts,
                   coalesce(s.part_sequence, '') as part_sequence, r.mention_count,
                   coalesce(s.indicator_count, 0) as indicator_count
            from marts.reports as r
            left join marts.report_structure as s using (report_id)
            order by r.report_year desc, r.organization"""):
        report_id = row["report_id"]
        report_sections = [Section(**section) for section in sections.get(report_id, [])]
        counts: dict[str, int] = {}
        for section in report_sections:
            if section.dimension:
                counts[section.dimension] = counts.get(section.dimension, 0) + 1
        report_keywords = keywords.get(report_id, [])
        by_dimension: dict[str, list[str]] = {}
        for keyword in report_keywords:
            if keyword["dimension"]:
                by_dimension.setdefault(keyword["dimension"], []).append(keyword["term"])
        parts = {part: bool(row.pop(f"has_{part}")) for part in
                 ("measures", "responsibility", "shortcomings", "plans")}
        reports.append(Report(
            **row, parts=parts, sections=report_sections,
            figures=[Figure(**figure) for figure in figures.get(report_id, [])],
            dimensions=[(code, dimension_names.get(code, code), count) for code, count in
                        sorted(counts.items(), key=lambda item: dimension_order.get(item[0], 99))],
            keywords=[keyword["term"] for keyword in report_keywords if keyword["dimension"] is None],
            dimension_keywords=dict(sorted(by_dimension.items(),
                                           key=lambda item: dimension_order.get(item[0], 99))),
        ))

    values = _grouped(_records(conn, """
        select v.indicator_code, v.report_id, v.organization, v.report_year, v.value, v.unit, v.text,
               i.sentence, v.metric, v.section_path, v.candidate_count
        from marts.indicator_values as v
        join marts.indicators as i using (mention_id)
        order by v.indicator_code, v.organization"""), "indicator_code")
    indicators = [
        Indicator(code=row["indicator_code"], name_zh=row["name_zh"], name_en=row["name_en"], kind=row["kind"],
                  unit=row["unit"], dimension=row["dimension"], higher_is_better=row["higher_is_better"],
                  values=[IndicatorValue(**value) for value in values[row["indicator_code"]]])
        for row in _records(conn, """
            select c.indicator_code, c.name_zh, c.name_en, c.kind, c.unit, c.dimension, c.higher_is_better
            from marts.indicator_catalog as c
            where c.indicator_code in (select indicator_code from marts.indicator_values)""")
    ]
    indicators.sort(key=lambda ind: (-len(ind.values), dimension_order.get(ind.dimension or "", 99), ind.code))
    catalog_size = conn.execute("select count(*) from marts.indicator_catalog").fetchone()[0]
    return SiteData(reports, indicators, dimension_names, catalog_size)
