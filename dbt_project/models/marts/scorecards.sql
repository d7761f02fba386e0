-- One row per report: its score on each scorecard dimension, the total, and its rank and
-- percentile among its peers (same admin level and report year), nationally and within its
-- province, with the number of peers.
--   dimension score = Σ item weight × item score ÷ Σ item weight, over the dimension's scored
--                     items (weights: seed scorecard_weights); null when none is scored
--   total_score     = Σ dimension weight × dimension score ÷ Σ dimension weight, over the
--                     dimensions that have a score
--   *_rank          1 = highest total among the peers; equal totals share a rank
--   *_percentile    100 × (1 − (rank − 1) ÷ (peers − 1)): 100 for the best, 0 for the last;
--                   null for a report without peers
-- Ranks are corpus-wide, hence a full table; it reads one row per report × item. Sums are
-- exact (exact_sum), so a total on a rounding edge (69.005) rounds the same in every build.
{%- set dimensions = ['compliance', 'candour', 'quantification', 'coverage', 'core_indicators', 'follow_through', 'originality'] %}
with item_weights as (
    select item_code, weight
    from {{ ref('scorecard_weights') }}
    where item_code is not null
),

dimension_weights as (
    select dimension, weight
    from {{ ref('scorecard_weights') }}
    where item_code is null
),

dimension_scores as (
    select
        s.report_id,
        s.dimension,
        round({{ exact_sum('w.weight * s.score') }} / nullif({{ exact_sum('w.weight', where='s.score is not null') }}, 0), 2) as score
    from {{ ref('scorecard_items') }} as s
    inner join item_weights as w on w.item_code = s.item_code
    group by s.report_id, s.dimension
),

totals as (
    select
        d.report_id,
        {% for dimension in dimensions -%}
            max(d.score) filter (where d.dimension = '{{ dimension }}') as {{ dimension }}_score,
        {% endfor -%}
        round({{ exact_sum('w.weight * d.score') }} / nullif({{ exact_sum('w.weight', where='d.score is not null') }}, 0), 2) as total_score,
        count(d.score) as dimensions_scored
    from dimension_scores as d
    inner join dimension_weights as w on w.dimension = d.dimension
    group by d.report_id
),

peers as (
    select
        r.report_id,
        r.government_id,
        r.organization,
        r.admin_level,
        r.province,
        r.report_year,
        {% for dimension in dimensions -%}
            t.{{ dimension }}_score,
        {% endfor -%}
        t.total_score,
        t.dimensions_scored
    from {{ ref('stg_reports') }} as r
    inner join totals as t on t.report_id = r.report_id
)

select
    *,
    rank() over national as national_rank,
    count(*) over national_peers as national_peer_count,
    case
        when count(*) over national_peers > 1 then round(100.0 * (1 - percent_rank() over national), 1)
    end as national_percentile,
    -- A report whose province is not known has no provincial peers (the unknowns are no province).
    case when province is not null then rank() over provincial end as province_rank,
    case when province is not null then count(*) over provincial_peers end as province_peer_count,
    case
        when province is not null and count(*) over provincial_peers > 1
            then round(100.0 * (1 - percent_rank() over provincial), 1)
    end as province_percentile
from peers
window
    national_peers as (partition by admin_level, report_year),
    national as (national_peers order by total_score desc),
    provincial_peers as (partition by admin_level, report_year, province),
    provincial as (provincial_peers order by total_score desc)
