{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ clear_stale_keyword_reference() }}", post_hook="{{ record_keyword_reference() }}") }}
-- The corpus statistics marts.keywords scores against (macros/keyword_reference.sql): per
-- document scope and dimension, how many documents use each term and how many documents there
-- are. Counted again only when the reference is stale; otherwise this build adds nothing.
{% if keyword_reference_is_stale() %}
    with documents as (
        select scope, dimension, count(distinct report_id) as doc_count
        from {{ ref('int_report_terms') }}
        group by scope, dimension
    )

    select
        t.scope,
        t.dimension,
        t.term,
        count(*) as doc_frequency,
        any_value(d.doc_count) as doc_count,
        cast(now() as timestamp) as built_at
    from {{ ref('int_report_terms') }} as t
    inner join documents as d on d.scope = t.scope and d.dimension is not distinct from t.dimension
    group by t.scope, t.dimension, t.term
{% else %}
select * from {{ this }} where false
{% endif %}
