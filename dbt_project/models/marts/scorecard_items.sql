-- One row per report × scorecard item: the item's value, its 0–100 score, and the evidence.
-- The values come from the item models (int_scorecard_compliance, _candour, _content,
-- _indicators: incremental by report; _shared_text, _follow_through: corpus-wide); every item
-- is scored by the one rule of macros/scorecard.sql with its seed's zero_score_at and
-- full_score_at. A value that is null is not_applicable, with its reason, and has no score:
-- never a silent 0. A full table, because originality, boilerplate and follow-through change
-- when another report arrives; it reads ~20 small rows per report.
with item_values as (
    select * from {{ ref('int_scorecard_compliance') }}
    union all by name
    select * from {{ ref('int_scorecard_candour') }}
    union all by name
    select * from {{ ref('int_scorecard_content') }}
    union all by name
    select * from {{ ref('int_scorecard_indicators') }}
    union all by name
    select * from {{ ref('int_scorecard_shared_text') }}
    union all by name
    select * from {{ ref('int_scorecard_follow_through') }}
)

select
    v.report_id,
    r.government_id,
    v.item_code,
    i.dimension,
    i.name_zh as item_name_zh,
    v.value,
    i.unit,
    case
        when v.value is not null then {{ scorecard_score('v.value', 'i.zero_score_at', 'i.full_score_at') }}
    end as score,
    case when v.value is null then 'not_applicable' else 'scored' end as status,
    v.not_applicable_reason,
    coalesce(v.explanation, v.not_applicable_reason) as explanation,
    i.self_reported,
    v.evidence
from item_values as v
inner join {{ ref('scorecard_catalog') }} as i on i.item_code = v.item_code
inner join {{ ref('stg_reports') }} as r on r.report_id = v.report_id
