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
-- The kept words of each document and their counts are int_report_terms (incremental by
-- report). This model stays a full table: every report added changes N and the document
-- frequencies, so every score and rank can change; it reads the per-document counts, not
-- the tokens.
with tf as (
    select scope, report_id, dimension, term, term_count,
           term_count / sum(term_count) over (partition by scope, report_id, dimension) as tf
    from {{ ref('int_report_terms') }}
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

-- The top terms of each document by a top-k aggregate, not by ranking every term: ordered
-- by score descending, then term, as row_number() over (order by score desc, term) would.
top_terms as (
    select
        t.scope,
        t.report_id,
        t.dimension,
        min_by(
            {'term': t.term, 'score': t.tf * i.idf, 'term_count': t.term_count, 'doc_frequency': i.doc_frequency},
            {'negated_score': -(t.tf * i.idf), 'term': t.term},
            20
        ) as terms
    from tf as t
    inner join idf as i
        on i.scope = t.scope and i.dimension is not distinct from t.dimension and i.term = t.term
    group by t.scope, t.report_id, t.dimension
),

ranked as (
    select scope, report_id, dimension, unnest(terms) as best, generate_subscripts(terms, 1) as term_rank
    from top_terms
)

select
    report_id,
    r.government_id,
    dimension,
    best.term as term,
    round(best.score, 6) as score,
    scope,
    cast(term_rank as bigint) as term_rank,
    best.term_count as term_count,
    best.doc_frequency as doc_frequency
from ranked
inner join {{ ref('stg_reports') }} as r using (report_id)
where term_rank <= case scope when 'report' then 20 else 10 end
