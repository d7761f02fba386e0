"""`make search Q="出庭应诉"`: sections that contain the query, whole words first, then by BM25.

A query is one or more terms separated by spaces; a section matches when its heading or text
contains every term as a substring, so 出庭应诉 finds 出庭应诉率 (jieba keeps that one word, and
a search over its words missed it). Within the matches, sections where a term is a whole jieba
word of the report (`raw.tokens`, cut by the parser's dictionary) rank first; then BM25 over the
terms' occurrences, with the section's length in characters. Terms are values bound to the SQL,
never part of it, so punctuation and SQL in a query are text to find (`a' OR 1=1 --` finds
nothing unless a report says it).

Substrings are found by DuckDB's `contains` over the section texts, with no index to build or
keep in step with the warehouse: the scan is a vectorised byte search (see README, *Search*, for
the time at 10,000 reports). Filters narrow the sections before the scan: year, government,
level, mandated part and 纲要 dimension.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb

from analytics.labels import LEVEL_NAMES, PART_NAMES

K1 = 1.2  # term-frequency saturation, the usual BM25 defaults
B = 0.75  # length normalisation
SNIPPET_CHARS = 40  # either side of the hit
USAGE = ('usage: make search Q="出庭应诉" [YEAR=2023] [GOVERNMENT=红桥区] [LEVEL=district|区县级]'
         ' [PART=measures|主要举措和成效] [DIMENSION=dispute_resolution|…] [LIMIT=10]')


class SearchError(ValueError):
    """A filter value the warehouse does not know; the message lists the ones it does."""


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    government: str | None = None  # part of the organisation's name, or a government_id
    level: str | None = None  # admin_level code or its Chinese name
    part: str | None = None  # mandated part code or its Chinese name
    dimension: str | None = None  # 纲要 dimension code or its Chinese name


@dataclass(frozen=True)
class Hit:
    report_id: str
    organization: str
    report_year: int | None
    section_id: str
    path: str
    title: str
    part: str | None
    dimension: str | None
    whole_word_hits: int  # occurrences of a term as a whole jieba word
    hits: int  # occurrences of the terms as substrings
    score: float  # BM25 over the substring occurrences
    before: str
    term: str
    after: str

    def snippet(self, mark: tuple[str, str] = ("【", "】")) -> str:
        text = f"{self.before}{mark[0]}{self.term}{mark[1]}{self.after}"
        return " ".join(text.split())


def query_terms(query: str) -> list[str]:
    """The query's terms: what lies between spaces (full-width ones too), each once."""
    return list(dict.fromkeys(query.replace("\u3000", " ").split()))


def _code(value: str, names: dict[str, str], what: str) -> str:
    """A code given as itself or by its Chinese name."""
    by_name = {name: code for code, name in names.items()}
    if value in names:
        return value
    if value in by_name:
        return by_name[value]
    choices = ", ".join(f"{code} ({name})" for code, name in names.items())
    raise SearchError(f"unknown {what} {value!r}; one of: {choices}")


def _scope(conn: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[str, list]:
    """The WHERE clause over marts.sections s / marts.reports r, and its parameters."""
    clauses, params = ["true"], []
    if filters.year is not None:
        clauses.append("r.report_year = ?")
        params.append(filters.year)
    if filters.government:
        clauses.append("(contains(r.organization, ?) or r.government_id = ?)")
        params += [filters.government, filters.government]
    if filters.level:
        clauses.append("r.admin_level = ?")
        params.append(_code(filters.level, LEVEL_NAMES, "level"))
    if filters.part:
        clauses.append("s.part = ?")
        params.append(_code(filters.part, PART_NAMES, "part"))
    if filters.dimension:
        names = dict(conn.execute("select dimension, name_zh from marts.section_taxonomy order by sort_order")
                     .fetchall())
        clauses.append("s.dimension = ?")
        params.append(_code(filters.dimension, names, "dimension"))
    return " and ".join(clauses), params


# The section texts are read once: one scan pairs each section with every term it contains, which
# gives both the document frequencies (over every section in scope) and the matches. The corpus
# statistics come from stored lengths.
_SEARCH_SQL = """
with terms as (
    select unnest(?::varchar[]) as term
),
corpus as (
    select count(*) as document_count, avg(length(coalesce(s.title, '')) + 1 + s.text_length) as average_length
    from marts.sections as s
    join marts.reports as r using (report_id)
    where {where}
),
hits as materialized (
    select s.section_id, t.term, coalesce(s.title, '') || chr(10) || coalesce(s.body, '') as text
    from marts.sections as s
    join marts.reports as r using (report_id)
    cross join terms as t
    where {where} and (contains(s.body, t.term) or contains(s.title, t.term))
),
document_frequencies as (
    select term, count(*) as document_frequency from hits group by term
),
matched as (
    select section_id from hits
    group by section_id
    having count(*) = (select count(*) from terms)
),
candidates as (
    select section_id, any_value(text) as text from hits semi join matched using (section_id) group by section_id
),
occurrences as (
    select h.section_id, h.term, length(h.text) as length, strpos(h.text, h.term) as first_at,
           (length(h.text) - length(replace(h.text, h.term, ''))) // length(h.term) as frequency
    from hits as h
    semi join matched using (section_id)
),
scored as (
    select
        o.section_id,
        sum(ln(1 + (c.document_count - d.document_frequency + 0.5) / (d.document_frequency + 0.5))
            * o.frequency * ({k1} + 1)
            / (o.frequency + {k1} * (1 - {b} + {b} * o.length / c.average_length))) as score,
        sum(o.frequency) as hits,
        min(o.first_at) as first_at,
        arg_min(o.term, o.first_at) as first_term
    from occurrences as o
    join document_frequencies as d using (term)
    cross join corpus as c
    group by o.section_id
),
whole_words as (
    select section_id, count(*) as whole_word_hits
    from raw.tokens
    where term in (select term from terms) and section_id in (select section_id from matched)
    group by section_id
)
select
    s.report_id, r.organization, r.report_year, s.section_id, s.path, s.title, s.part, s.dimension,
    coalesce(w.whole_word_hits, 0) as whole_word_hits, scored.hits, scored.score,
    substr(x.text, greatest(scored.first_at - {snippet}, 1), least(scored.first_at - 1, {snippet})) as before,
    scored.first_term as hit,
    substr(x.text, scored.first_at + length(scored.first_term), {snippet}) as after
from scored
join candidates as x using (section_id)
join marts.sections as s using (section_id)
join marts.reports as r on r.report_id = s.report_id
left join whole_words as w using (section_id)
order by coalesce(w.whole_word_hits, 0) > 0 desc, scored.score desc, s.report_id, s.section_index
limit ?
"""


def search(conn: duckdb.DuckDBPyConnection, query: str, limit: int = 10, filters: Filters = Filters()) -> list[Hit]:
    terms = query_terms(query)
    if not terms:
        return []
    if limit < 1:
        raise SearchError(f"LIMIT must be 1 or more, not {limit}")
    where, params = _scope(conn, filters)
    sql = _SEARCH_SQL.format(where=where, k1=K1, b=B, snippet=SNIPPET_CHARS)
    rows = conn.execute(sql, [terms, *params, *params, limit]).fetchall()
    return [Hit(*row) for row in rows]


def section_link(site: str, hit: Hit) -> str:
    """The hit's section on the report site: its heading carries the section id as anchor."""
    return f"{site}/reports/{hit.report_id}.html#s-{hit.section_id}"


def format_hits(hits: list[Hit], query: str, site: str) -> str:
    if not hits:
        return f"没有找到 “{query}”（no section contains every term: {' · '.join(query_terms(query))}）\n"
    lines = []
    for rank, hit in enumerate(hits, start=1):
        words = f"整词 {hit.whole_word_hits} 处, " if hit.whole_word_hits else ""
        year = f"{hit.report_year}年" if hit.report_year else "年份未识别"
        lines.append(f"{rank:>2}. {hit.organization or '未识别'} · {year} · {hit.path} {hit.title}"
                     f"   [{words}共 {hit.hits} 处, BM25 {hit.score:.2f}]")
        lines.append(f"    …{hit.snippet()}…")
        lines.append(f"    {section_link(site, hit)}")
    return "\n".join(lines) + "\n"
