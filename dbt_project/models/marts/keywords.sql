-- What each report stresses: top terms by TF-IDF over the corpus, at two grains.
--   scope = 'report'           dimension is null; one document per report, IDF over all
--                              reports; top 20 terms per report.
--   scope = 'report_dimension' dimension set; one document per report and dimension (the
--                              words of the sections classified into it), IDF over the
--                              reports that have that dimension, so a term scores when
--                              it sets this government apart from the others writing
--                              about the same dimension; top 10 terms per pair.
-- tf = term count / all kept terms of the document; idf = ln((1 + N) / df), which stays
-- above 0 for a term every document uses (and for a corpus of one report).
-- Words out: stop words (seed keyword_stopwords), one-character words, numerals
-- (any digit, or Chinese numerals only) and the report's own place and body names.

with words as (
    select tk.report_id, tk.term, d.dimension
    from {{ ref('stg_tokens') }} as tk
    inner join {{ ref('stg_reports') }} as r using (report_id)
    left join {{ ref('int_section_dimensions') }} as d on d.section_id = tk.section_id
    where length(tk.term) >= 2
      and not regexp_matches(tk.term, '[0-9０-９]')
      and not regexp_matches(tk.term, '^[零〇一二三四五六七八九十百千万亿两几第]+$')
      -- 三联, 一档, 三年: a numeral and one character is a counted thing, not a topic
      and not regexp_matches(tk.term, '^[零〇一二三四五六七八九十百千万两几第].$')
      and tk.term not in (select term from {{ ref('keyword_stopwords') }})
      and strpos(concat_ws('|', r.organization, r.province, r.city, r.district), tk.term) = 0
),

-- One pass of TF-IDF over both grains: a document is (scope, report_id, dimension) and
-- its corpus is (scope, dimension) — every report for scope 'report', the reports
-- writing about that dimension for 'report_dimension'.
documents as (
    select 'report' as scope, report_id, cast(null as varchar) as dimension, term from words
    union all
    select 'report_dimension' as scope, report_id, dimension, term from words where dimension is not null
),

tf as (
    select scope, report_id, dimension, term, count(*) as term_count,
           count(*) / sum(count(*)) over (partition by scope, report_id, dimension) as tf
    from documents
    group by scope, report_id, dimension, term
),

corpus_sizes as (
    select scope, dimension, count(distinct report_id) as doc_count
    from tf
    group by scope, dimension
),

idf as (
    select t.scope, t.dimension, t.term, count(*) as doc_frequency,
           ln((1 + any_value(c.doc_count)) / count(*)) as idf
    from tf as t
    inner join corpus_sizes as c
        on c.scope = t.scope and c.dimension is not distinct from t.dimension
    group by t.scope, t.dimension, t.term
),

scores as (
    select
        t.report_id,
        t.dimension,
        t.scope,
        t.term,
        t.tf * i.idf as score,
        t.term_count,
        i.doc_frequency,
        row_number() over (
            partition by t.scope, t.report_id, t.dimension order by t.tf * i.idf desc, t.term
        ) as term_rank
    from tf as t
    inner join idf as i
        on i.scope = t.scope and i.dimension is not distinct from t.dimension and i.term = t.term
)

select report_id, r.government_id, dimension, term, round(score, 6) as score, scope, term_rank, term_count, doc_frequency
from scores
inner join {{ ref('stg_reports') }} as r using (report_id)
where term_rank <= case scope when 'report' then 20 else 10 end
