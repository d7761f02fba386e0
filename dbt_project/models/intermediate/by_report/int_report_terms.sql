-- sqlfluff:ignore:parsing
-- (sqlfluff's duckdb dialect cannot parse GROUPING SETS, used below)
-- The per-report half of marts.keywords: each document's kept terms and their counts, so
-- the corpus-wide TF-IDF there reads these counts instead of every token again.
-- Incremental by report (macros/incremental_reports.sql): a report's words, filters and
-- section dimensions are its own.
-- A document is (scope, report_id, dimension): scope 'report' is the whole report
-- (dimension null), scope 'report_dimension' the words of its sections classified into one
-- dimension. Words out: stop words (seed keyword_stopwords), one-character words, numerals
-- (any digit, or Chinese numerals only), the counted tails of "more than N" (余人次) and the
-- report's own place and body names.
with words as (
    select tk.report_id, tk.term, d.dimension
    from {{ ref('stg_tokens') }} as tk
    inner join {{ ref('stg_reports') }} as r using (report_id)
    left join {{ ref('int_section_dimensions') }} as d on d.section_id = tk.section_id
    where
        length(tk.term) >= 2
        and not regexp_matches(tk.term, '[0-9０-９]')
        and not regexp_matches(tk.term, '^[零〇一二三四五六七八九十百千万亿两几第]+$')
        -- 三联, 一档, 三年: a numeral and one character is a counted thing, not a topic
        and not regexp_matches(tk.term, '^[零〇一二三四五六七八九十百千万两几第].$')
        -- 余人次, 余件, 余家: the tail of "more than N" (1000余人次) is a count, not a topic
        and not regexp_matches(tk.term, '^余[人件次家个项起名户场期篇元万亿]')
        and tk.term not in (select sw.term from {{ ref('keyword_stopwords') }} as sw)
        and strpos(concat_ws('|', r.organization, r.province, r.city, r.district), tk.term) = 0
        and {{ changed_reports_only('tk.report_id') }}
)

-- Both scopes from one scan: grouping sets, not a union of two scans of `words`. DuckDB
-- materialises a CTE read twice, and at 10,000 reports that copy of ~20 M words did not fit
-- under the profile's memory_limit, where the aggregate spills.
select
    case when grouping(dimension) = 1 then 'report' else 'report_dimension' end as scope,
    report_id,
    dimension,
    term,
    count(*) as term_count
from words
group by grouping sets ((report_id, term), (report_id, dimension, term))
having grouping(dimension) = 1 or dimension is not null
