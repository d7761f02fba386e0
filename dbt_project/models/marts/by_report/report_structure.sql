-- Incremental by report (macros/incremental_reports.sql): one row per report, from that report's sections and mentions.

-- One row per report: which parts the annual report must have are there, how deep its
-- outline goes and how much it quantifies. A report is complete when it states all four
-- mandated parts (主要举措和成效, 第一责任人职责, 存在的不足, 下一年度安排), as level-1
-- sections or inside one (a sub-heading, or a run-in item such as 二是压实第一责任人职责:
-- stg_reports.stated_parts, decided by the parser).
-- Built from the other marts: parts and dimensions from sections, counts from reports,
-- mapped indicators from indicators.
with level1 as (
    select
        report_id,
        string_agg(part, ' > ' order by section_index) as part_sequence
    from {{ ref('sections') }}
    where level = 1 and {{ changed_reports_only() }}
    group by report_id
),

levels as (
    select
        report_id,
        count(*) filter (where level = 1) as level1_section_count,
        count(*) filter (where level = 2) as level2_section_count,
        count(distinct dimension) filter (where level = 2) as level2_dimension_count
    from {{ ref('sections') }}
    where {{ changed_reports_only() }}
    group by report_id
),

mapped as (
    select
        report_id,
        count(indicator_code) as mapped_mention_count,
        count(distinct indicator_code) as indicator_count
    from {{ ref('indicators') }}
    where {{ changed_reports_only() }}
    group by report_id
),

flags as (
    select
        r.report_id,
        r.government_id,
        r.organization,
        r.admin_level,
        r.report_year,
        coalesce(list_contains(string_split(p.stated_parts, ','), 'measures'), false) as has_measures,
        coalesce(list_contains(string_split(p.stated_parts, ','), 'responsibility'), false) as has_responsibility,
        coalesce(list_contains(string_split(p.stated_parts, ','), 'shortcomings'), false) as has_shortcomings,
        coalesce(list_contains(string_split(p.stated_parts, ','), 'plans'), false) as has_plans,
        l.part_sequence,
        r.max_heading_level as heading_depth,
        r.section_count,
        coalesce(v.level1_section_count, 0) as level1_section_count,
        coalesce(v.level2_section_count, 0) as level2_section_count,
        coalesce(v.level2_dimension_count, 0) as level2_dimension_count,
        r.mention_count,
        coalesce(m.mapped_mention_count, 0) as mapped_mention_count,
        coalesce(m.indicator_count, 0) as indicator_count,
        r.char_count
    from {{ ref('reports') }} as r
    inner join {{ ref('stg_reports') }} as p using (report_id)
    left join level1 as l using (report_id)
    left join levels as v using (report_id)
    left join mapped as m using (report_id)
    where {{ changed_reports_only('r.report_id') }}
)

select
    report_id,
    government_id,
    organization,
    admin_level,
    report_year,
    has_measures,
    has_responsibility,
    has_shortcomings,
    has_plans,
    has_measures and has_responsibility and has_shortcomings and has_plans as is_complete,
    concat_ws(
        ', ',
        case when not has_measures then 'measures' end,
        case when not has_responsibility then 'responsibility' end,
        case when not has_shortcomings then 'shortcomings' end,
        case when not has_plans then 'plans' end
    ) as missing_parts,
    part_sequence,
    heading_depth,
    section_count,
    level1_section_count,
    level2_section_count,
    level2_dimension_count,
    mention_count,
    mapped_mention_count,
    indicator_count,
    char_count
from flags
