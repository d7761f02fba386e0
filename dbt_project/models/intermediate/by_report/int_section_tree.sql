-- Incremental by report: a section's tree is its own report's (macros/incremental_reports.sql).
-- Where each section sits in its report: the report part of its level-1 heading and the
-- end of its subtree (the text up to the next heading at the same or a higher level),
-- so a level-2 section's words include those of its level-3 children.
with ordered as (
    select
        s.section_id,
        s.report_id,
        s.section_index,
        s.level,
        s.start_offset,
        s.body_start_offset,
        s.end_offset,
        max(case when s.level = 1 then s.section_index end) over (
            partition by s.report_id order by s.section_index
            rows between unbounded preceding and current row
        ) as top_section_index
    from {{ ref('stg_sections') }} as s
    where {{ changed_reports_only('s.report_id') }}
)

select
    o.section_id,
    o.report_id,
    o.section_index,
    o.level,
    top.section_id as top_section_id,
    coalesce(top.part, 'other') as part,
    o.start_offset,
    o.body_start_offset,
    coalesce(
        (
            select min(n.start_offset)
            from ordered as n
            where
                n.report_id = o.report_id
                and n.section_index > o.section_index
                and n.level <= o.level
        ),
        r.char_count
    ) as subtree_end_offset
from ordered as o
left join {{ ref('stg_sections') }} as top
    on top.report_id = o.report_id and top.section_index = o.top_section_index
left join {{ ref('stg_reports') }} as r on r.report_id = o.report_id
