"""What the report site shows, read from the snapshot into plain records."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb


@dataclass(frozen=True)
class Section:
    section_id: str  # the page's anchor s-<section_id>, which scorecard evidence and search hits link to
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
class Trend:
    """One indicator of a report beside the same government's previous stated value."""
    indicator_code: str
    indicator_name: str
    kind: str
    previous_year: int
    previous_value: float
    previous_unit: str | None
    previous_sentence: str | None
    report_year: int
    value: float
    unit: str | None
    sentence: str | None
    change: float
    change_pct: float | None


@dataclass(frozen=True)
class YearPoint:
    year: int
    value: float
    unit: str | None
    sentence: str | None


@dataclass(frozen=True)
class GovernmentSeries:
    """An indicator's values for one government over its report years (two or more)."""
    government_id: str
    name: str
    points: list[YearPoint]


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
    trends: list[Trend] = field(default_factory=list)  # 与上年相比; empty in a government's first year
    source_path: str | None = None  # the file's path in the inbox (the site's `sources` link)
    government_id: str | None = None
    total_score: float | None = None  # marts.scorecards; None in a snapshot without the scorecard
    text_source: str | None = None  # text, text_layer or ocr: a page read by OCR says so, with its confidence
    ocr_confidence: float | None = None


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
    mention_id: str = ""  # the figure's anchor on its report page


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
    series: list[GovernmentSeries] = field(default_factory=list)


@dataclass(frozen=True)
class SiteData:
    reports: list[Report]
    indicators: list[Indicator]  # the catalog indicators at least one report states
    dimension_names: dict[str, str]
    catalog_size: int
    scores: dict[str, dict[str, float | None]] = field(default_factory=dict)  # report → 总分 and dimensions


def _records(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    relation = conn.execute(sql, params or [])
    columns = [column[0] for column in relation.description]
    return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]


def _grouped(rows: list[dict[str, Any]], key: str) -> dict[Any, list[dict[str, Any]]]:
    groups: dict[Any, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row.pop(key), []).append(row)
    return groups


def _has_table(conn: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    """Snapshots published before a mart existed stay readable: their pages just lack its section."""
    return conn.execute("select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
                        [schema, name]).fetchone()[0] > 0


# Each per-report query filters by `{where}`: nothing (every report) or a list of report ids.
# They select their ordering column too, so a page's fingerprint changes when its rows reorder.
# A report whose body the parser could not find is shown as 未识别 (unidentified), never dropped.
REPORTS_SQL = """
    select r.report_id, coalesce(r.organization, '未识别') as organization, r.title, r.admin_level, r.province,
           r.city, r.district,
           r.report_year, r.publish_date, r.char_count, s.has_measures, s.has_responsibility,
           s.has_shortcomings, s.has_plans, coalesce(s.missing_parts, '') as missing_parts,
           coalesce(s.part_sequence, '') as part_sequence, r.mention_count,
           coalesce(s.indicator_count, 0) as indicator_count, r.source_path, r.government_id,
           r.text_source, r.ocr_confidence
    from marts.reports as r
    left join marts.report_structure as s using (report_id)
    {where}
    order by r.report_year desc, r.organization"""
SECTIONS_SQL = """
    select report_id, section_index, section_id, level, marker, title, path, part, dimension, mention_count
    from marts.sections {where} order by report_id, section_index"""
FIGURES_SQL = """
    select i.report_id, i.mention_index, i.mention_id, i.section_path, i.metric, i.value, i.unit, i.kind,
           i.qualifier, i.text, i.sentence, i.indicator_code, c.name_zh as indicator_name
    from marts.indicators as i
    left join marts.indicator_catalog as c using (indicator_code)
    {where}
    order by i.report_id, i.mention_index"""
KEYWORDS_SQL = """
    select report_id, term_rank, dimension, term from marts.keywords
    {where}
    order by report_id, dimension nulls first, term_rank"""
TRENDS_SQL = """
    select report_id, indicator_code, indicator_name_zh as indicator_name, kind, previous_year, previous_value,
           previous_unit, previous_sentence, report_year, value, unit, sentence, change, change_pct
    from marts.indicator_trends
    where previous_year is not null {and_where}
    order by report_id, indicator_code"""
SCORES_SQL = """
    select s.report_id, s.total_score, s.* exclude (report_id, total_score) from marts.scorecards as s {where}"""
COMPARE_KEYWORDS = 10  # the compare page shows each report's first ten general keywords


def _where(report_ids: list[str] | None, column: str = "report_id", keyword: str = "where") -> str:
    return "" if report_ids is None else f"{keyword} {column} in (select unnest($ids::varchar[]))"


def _params(report_ids: list[str] | None) -> dict[str, Any]:
    return {} if report_ids is None else {"ids": report_ids}


def _by_report(conn: duckdb.DuckDBPyConnection, sql: str, report_ids: list[str] | None, column: str = "report_id",
               drop: str | None = None) -> dict[str, list[dict[str, Any]]]:
    rows = _records(conn, sql.format(where=_where(report_ids, column)), _params(report_ids))
    if drop:
        for row in rows:
            del row[drop]
    return _grouped(rows, "report_id")


def load_trends(conn: duckdb.DuckDBPyConnection, report_ids: list[str] | None = None) -> dict[str, list[Trend]]:
    """report_id → its indicators that the same government stated in an earlier year."""
    if not _has_table(conn, "marts", "indicator_trends"):
        return {}
    rows = _records(conn, TRENDS_SQL.format(and_where=_where(report_ids, keyword="and")), _params(report_ids))
    return {report_id: [Trend(**row) for row in group] for report_id, group in _grouped(rows, "report_id").items()}


def load_series(conn: duckdb.DuckDBPyConnection) -> dict[str, list[GovernmentSeries]]:
    """indicator_code → one series per government stating it in two or more years."""
    if not _has_table(conn, "marts", "indicator_trends"):
        return {}
    # Without marts.governments the series is labelled by its key rather than dropped.
    with_names = _has_table(conn, "marts", "governments")
    name = "coalesce(g.formal_name, t.government_id)" if with_names else "t.government_id"
    join = "left join marts.governments as g using (government_id)" if with_names else ""
    rows = _records(conn, f"""
        select t.indicator_code, t.government_id, {name} as name,
               t.report_year as year, t.value, t.unit, t.sentence
        from marts.indicator_trends as t {join}
        qualify count(*) over (partition by t.indicator_code, t.government_id) >= 2
        order by t.indicator_code, name, t.government_id, t.report_year, t.report_id""")
    series: dict[str, list[GovernmentSeries]] = {}
    for row in rows:
        code, government_id, name = row.pop("indicator_code"), row.pop("government_id"), row.pop("name")
        governments = series.setdefault(code, [])
        if not governments or governments[-1].government_id != government_id:
            governments.append(GovernmentSeries(government_id, name, []))
        governments[-1].points.append(YearPoint(**row))
    return series


def load_scores(conn: duckdb.DuckDBPyConnection, report_ids: list[str] | None = None
                ) -> dict[str, dict[str, float | None]]:
    """report_id → {"总分": total, <dimension 中文>: score}; empty for a snapshot without the scorecard."""
    if not _has_table(conn, "marts", "scorecards"):
        return {}
    names = load_scorecard_dimensions(conn)
    rows = _records(conn, SCORES_SQL.format(where=_where(report_ids, "s.report_id")), _params(report_ids))
    return {row["report_id"]: {"总分": row["total_score"],
                               **{name: row[f"{code}_score"] for code, name in names.items()}}
            for row in rows}


def load_scorecard_dimensions(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The scorecard's dimensions, code → 中文, in the seed's order."""
    return dict(conn.execute("select dimension, name_zh from marts.scorecard_dimensions"
                             " order by sort_order").fetchall())


def load_dimension_names(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(conn.execute("select dimension, name_zh from marts.section_taxonomy order by sort_order").fetchall())


def _report(row: dict[str, Any], **details: Any) -> Report:
    parts = {part: bool(row.pop(f"has_{part}")) for part in ("measures", "responsibility", "shortcomings", "plans")}
    return Report(**row, parts=parts, **details)


def load_reports(conn: duckdb.DuckDBPyConnection, report_ids: list[str] | None,
                 dimension_names: dict[str, str]) -> list[Report]:
    """Reports with everything their page shows: outline, figures, keywords, trends.
    report_ids: those reports (the site renders pages a batch at a time); None: all of them."""
    dimension_order = {code: index for index, code in enumerate(dimension_names)}
    r_where = _where(report_ids, "r.report_id")
    sections = _by_report(conn, SECTIONS_SQL, report_ids, drop="section_index")
    figures = _by_report(conn, FIGURES_SQL, report_ids, "i.report_id", drop="mention_index")
    keywords = _by_report(conn, KEYWORDS_SQL, report_ids, drop="term_rank")
    trends = load_trends(conn, report_ids)
    scores = load_scores(conn, report_ids)
    reports = []
    for row in _records(conn, REPORTS_SQL.format(where=r_where), _params(report_ids)):
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
        reports.append(_report(
            row, sections=report_sections,
            figures=[Figure(**figure) for figure in figures.get(report_id, [])],
            dimensions=[(code, dimension_names.get(code, code), count) for code, count in
                        sorted(counts.items(), key=lambda item: dimension_order.get(item[0], 99))],
            keywords=[keyword["term"] for keyword in report_keywords if keyword["dimension"] is None],
            dimension_keywords=dict(sorted(by_dimension.items(),
                                           key=lambda item: dimension_order.get(item[0], 99))),
            trends=trends.get(report_id, []),
            total_score=scores.get(report_id, {}).get("总分"),
        ))
    return reports


def load_overview(conn: duckdb.DuckDBPyConnection) -> SiteData:
    """What the index, compare and indicator pages show: every report's summary row and first
    general keywords (not its outline or figures), and every catalog indicator with its values."""
    dimension_names = load_dimension_names(conn)
    dimension_order = {code: index for index, code in enumerate(dimension_names)}
    keywords = _grouped(_records(conn, f"""
        select report_id, term from marts.keywords
        where dimension is null and term_rank <= {COMPARE_KEYWORDS}
        order by report_id, term_rank"""), "report_id")
    reports = [_report(row, keywords=[k["term"] for k in keywords.get(row["report_id"], [])])
               for row in _records(conn, REPORTS_SQL.format(where=""))]

    values = _grouped(_records(conn, """
        select v.indicator_code, v.report_id, coalesce(v.organization, '未识别') as organization, v.report_year,
               v.value, v.unit, v.text,
               i.sentence, v.metric, v.section_path, v.candidate_count, v.mention_id
        from marts.indicator_values as v
        join marts.indicators as i using (mention_id)
        where not v.is_target
        order by v.indicator_code, v.value desc, v.organization, v.report_year, v.report_id"""), "indicator_code")
    series = load_series(conn)
    indicators = [
        Indicator(code=row["indicator_code"], name_zh=row["name_zh"], name_en=row["name_en"], kind=row["kind"],
                  unit=row["unit"], dimension=row["dimension"], higher_is_better=row["higher_is_better"],
                  values=[IndicatorValue(**value) for value in values[row["indicator_code"]]],
                  series=series.get(row["indicator_code"], []))
        for row in _records(conn, """
            select c.indicator_code, c.name_zh, c.name_en, c.kind, c.unit, c.dimension, c.higher_is_better
            from marts.indicator_catalog as c
            where c.indicator_code in (select indicator_code from marts.indicator_values where not is_target)""")
    ]
    indicators.sort(key=lambda ind: (-len(ind.values), dimension_order.get(ind.dimension or "", 99), ind.code))
    catalog_size = conn.execute("select count(*) from marts.indicator_catalog").fetchone()[0]
    return SiteData(reports, indicators, dimension_names, catalog_size, load_scores(conn))


def report_fingerprints(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """report_id → a hash of every row its page shows, so the site re-renders only pages whose rows changed."""
    def hashed(sql: str, group: bool = True) -> str:
        rows = sql.format(where="", and_where="")
        if not group:
            return f"select report_id, md5(q::varchar) as h from ({rows}) as q"
        # Rows are hashed before they are gathered, so the aggregate holds 32 characters a row, not the row.
        return (f"select report_id, md5(string_agg(h, '' order by h)) as h"
                f" from (select report_id, md5(q::varchar) as h from ({rows}) as q) group by report_id")
    parts = {"s": SECTIONS_SQL, "f": FIGURES_SQL, "k": KEYWORDS_SQL}
    if _has_table(conn, "marts", "indicator_trends"):
        parts["t"] = TRENDS_SQL
    if _has_table(conn, "marts", "scorecards"):  # the page links to its scorecard with the total
        parts["c"] = SCORES_SQL
    ctes = ", ".join([f"r as ({hashed(REPORTS_SQL, group=False)})",
                      *(f"{name} as ({hashed(sql)})" for name, sql in parts.items())])
    joined = " ".join(f"left join {name} using (report_id)" for name in parts)
    combined = " || '|' || ".join(["r.h", *(f"coalesce({name}.h, '-')" for name in parts)])
    return dict(conn.execute(f"with {ctes} select report_id, md5({combined}) from r {joined}").fetchall())
