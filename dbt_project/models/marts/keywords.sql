{{ config(materialized='incremental', incremental_strategy='delete+insert', unique_key='report_id',
          pre_hook="{{ delete_changed_reports(version=keyword_version()) }}",
          post_hook="{{ record_report_versions(version=keyword_version()) }}") }}
-- What each report stresses: top terms by TF-IDF, at two grains.
--   scope = 'report'           dimension is null; one document per report, IDF over all
--                              reports; top 20 terms per report.
--   scope = 'report_dimension' dimension set; one document per report and dimension (the
--                              words of the sections classified into it), IDF over the
--                              reports that have that dimension, so a term scores when
--                              it sets this government apart from the others writing
--                              about the same dimension; top 10 terms per pair.
-- tf = term count / all kept terms of the document; idf = ln((1 + N) / df) over the keyword
-- reference (macros/keyword_reference.sql): the corpus as it was when the reference was last
-- counted. A report the reference did not count is scored as one more document of it (N + 1,
-- df + 1 for its own terms), so right after a rebuild every score is exact TF-IDF.
-- Incremental by report, against that reference: a run scores its new and changed reports,
-- and all of them after the reference is rebuilt.
with terms as (
    select scope, report_id, dimension, term, term_count
    from {{ ref('int_report_terms') }}
    where {{ changed_reports_only(version=keyword_version()) }}
),

counted as (
    -- the reports the reference counted (in any version)
    select distinct report_id from {{ report_versions_ledger() }}
    where model_name = '{{ ref('int_keyword_reference').schema }}.{{ ref('int_keyword_reference').identifier }}'
),

documents as (
    select
        t.scope, t.report_id, t.dimension, sum(t.term_count) as total_terms,
        case when any_value(c.report_id) is null then 1 else 0 end as uncounted
    from terms as t
    left join counted as c using (report_id)
    group by t.scope, t.report_id, t.dimension
),

corpus_sizes as (
    select scope, dimension, any_value(doc_count) as doc_count
    from {{ ref('int_keyword_reference') }}
    group by scope, dimension
),

scored as (
    select
        t.scope, t.report_id, t.dimension, t.term, t.term_count,
        coalesce(r.doc_frequency, 0) + d.uncounted as doc_frequency,
        t.term_count / d.total_terms
        * ln((1 + coalesce(s.doc_count, 0) + d.uncounted) / greatest(coalesce(r.doc_frequency, 0) + d.uncounted, 1))
            as score
    from terms as t
    inner join documents as d
        on d.scope = t.scope and d.report_id = t.report_id and d.dimension is not distinct from t.dimension
    left join corpus_sizes as s on s.scope = t.scope and s.dimension is not distinct from t.dimension
    left join {{ ref('int_keyword_reference') }} as r
        on r.scope = t.scope and r.dimension is not distinct from t.dimension and r.term = t.term
),

-- Ranked by a window, not a top-k aggregate (min_by(…, 20)): the window sorts and spills to
-- disk under the profile's memory_limit, where the aggregate's heaps held 3.6 GB at 10,000 reports.
ranked as (
    select *, row_number() over (partition by scope, report_id, dimension order by score desc, term asc) as term_rank
    from scored
    qualify term_rank <= case scope when 'report' then 20 else 10 end
)

select
    k.report_id,
    r.government_id,
    k.dimension,
    k.term,
    round(k.score, 6) as score,
    k.scope,
    cast(k.term_rank as bigint) as term_rank,
    k.term_count,
    cast(k.doc_frequency as bigint) as doc_frequency
from ranked as k
inner join {{ ref('stg_reports') }} as r using (report_id)
