-- Incremental by report (macros/incremental_reports.sql): each item reads its own report and the seeds.
-- The items about the indicators a report states (marts.indicator_values: the report's own
-- figures, self-reported and unchecked), one row per report × item:
--   core_indicators_stated  (数据化) share of seed scorecard_core_indicators stated
--   norm_indicators_stated  (核心指标) share of seed scorecard_indicator_norms stated
--   norms_met               (核心指标) share of the stated ones whose value meets the norm
-- A value that is only a target (indicator_values.is_target: 不低于95%, a plan) is no figure stated.
with reports as (
    select report_id
    from {{ ref('stg_reports') }}
    where {{ changed_reports_only() }}
),

stated as (
    select report_id, indicator_code, value, mention_id, text
    from {{ ref('indicator_values') }}
    where {{ changed_reports_only() }} and not coalesce(is_target, false)
),

core as (
    select
        r.report_id,
        count(*) as listed,
        count(v.indicator_code) as stated,
        coalesce(list(c.name_zh order by c.indicator_code) filter (where v.indicator_code is null), []) as missing,
        coalesce(
            list(
                {{ scorecard_evidence('r.report_id', mention_id='v.mention_id', text="c.name_zh || ' ' || v.text") }}
                order by c.indicator_code
            ) filter (where v.indicator_code is not null),
            []
        ) as evidence
    from reports as r
    cross join {{ ref('scorecard_core_indicators') }} as k
    inner join {{ ref('indicator_catalog') }} as c on c.indicator_code = k.indicator_code
    left join stated as v on v.report_id = r.report_id and v.indicator_code = k.indicator_code
    group by r.report_id
),

normed as (
    select
        r.report_id,
        c.indicator_code,
        c.name_zh,
        n.comparison,
        n.norm_value,
        v.value,
        v.text,
        v.mention_id,
        case
            when v.value is null then null
            when n.comparison = '<=' then v.value <= n.norm_value
            else v.value >= n.norm_value
        end as meets
    from reports as r
    cross join {{ ref('scorecard_indicator_norms') }} as n
    inner join {{ ref('indicator_catalog') }} as c on c.indicator_code = n.indicator_code
    left join stated as v on v.report_id = r.report_id and v.indicator_code = n.indicator_code
),

norms as (
    select
        report_id,
        count(*) as listed,
        count(value) as stated,
        count(*) filter (where meets) as met,
        coalesce(list(name_zh order by indicator_code) filter (where value is null), []) as missing,
        coalesce(
            list(format('{} {}（标准 {} {}）', name_zh, text, comparison, norm_value) order by indicator_code)
            filter (where not meets),
            []
        ) as unmet,
        coalesce(
            list(
                {{ scorecard_evidence('report_id', mention_id='mention_id', text="name_zh || ' ' || text") }}
                order by indicator_code
            ) filter (where value is not null),
            []
        ) as evidence
    from normed
    group by report_id
)

select
    report_id,
    'core_indicators_stated' as item_code,
    round(100.0 * stated / listed, 4) as value,
    cast(null as varchar) as not_applicable_reason,
    format(
        '披露 {} 个核心指标中的 {} 个{}',
        listed, stated, {{ scorecard_listed('未披露', 'missing') }}
    ) as explanation,
    {{ scorecard_evidence_list('evidence') }} as evidence
from core

union all

select
    report_id,
    'norm_indicators_stated' as item_code,
    round(100.0 * stated / listed, 4) as value,
    null as not_applicable_reason,
    format(
        '披露 {} 个有标准的指标中的 {} 个（自报）{}',
        listed, stated, {{ scorecard_listed('未披露', 'missing') }}
    ) as explanation,
    {{ scorecard_evidence_list('evidence') }} as evidence
from norms

union all

select
    report_id,
    'norms_met' as item_code,
    round(100.0 * met / nullif(stated, 0), 4) as value,
    case when stated = 0 then '没有披露任何有标准的指标' end as not_applicable_reason,
    case
        when stated > 0
            then format(
                '披露的 {} 个中 {} 个达到标准（自报）{}',
                stated, met, {{ scorecard_listed('未达到', 'unmet') }}
            )
    end as explanation,
    {{ scorecard_evidence_list('evidence') }} as evidence
from norms
