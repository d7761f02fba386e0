-- Incremental by report (macros/incremental_reports.sql): one row per report × indicator, picked within the report.

-- One row per report and canonical indicator: the value a report states for it, ready to
-- pivot. The pick among repeated statements is made in indicator_value_candidates
-- (a result before a target, measures part first, closest metric wording, then first in
-- the report); is_target marks a value that is only a goal, which the comparison marts leave out. text,
-- start_offset/end_offset and sentence trace every value back to the report.
with candidates as (
    select * from {{ ref('indicator_value_candidates') }}
    where {{ changed_reports_only() }}
),

disagreement as (
    select report_id, indicator_code, count(distinct value) > 1 as alternatives_differ
    from candidates
    group by report_id, indicator_code
)

select
    c.report_id,
    r.government_id,
    c.indicator_code,
    c.value,
    c.unit,
    c.mention_id,
    r.organization,
    r.admin_level,
    r.province,
    r.city,
    r.district,
    r.report_year,
    k.name_zh as indicator_name_zh,
    k.name_en as indicator_name_en,
    k.dimension,
    k.kind,
    k.unit as catalog_unit,
    c.qualifier,
    c.is_target,
    c.metric,
    c.matched_phrase,
    c.text,
    c.start_offset,
    c.end_offset,
    c.sentence,
    c.part,
    c.section_path,
    c.candidate_count,
    d.alternatives_differ
from candidates as c
inner join {{ ref('indicator_catalog') }} as k using (indicator_code)
left join {{ ref('stg_reports') }} as r using (report_id)
left join disagreement as d using (report_id, indicator_code)
where c.is_selected
