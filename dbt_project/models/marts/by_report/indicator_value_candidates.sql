-- Incremental by report (macros/incremental_reports.sql): candidates are ranked within (report, indicator).

-- Every mention mapped to a catalog indicator, ranked within (report, indicator).
-- When a report states one indicator more than once, the selected value is chosen by:
--   0. a result before a target: a figure the report sets as a goal (qualifier 'target':
--      不低于, 力争…达到, anything in the plans) is the report's value only when it states no result;
--   1. the report part: 主要举措和成效 (measures) first, then 第一责任人 (responsibility),
--      other parts, 存在的不足 (shortcomings), and 下一年度安排 (plans) last — results
--      belong in the measures part; plans carry targets;
--   2. match coverage: the mention whose metric is most nearly the matched phrase itself
--      (行政检查 beats 检查企业…单位), i.e. the closest naming of the indicator;
--   3. document order: the first mention.
with mapped as (
    select
        m.report_id,
        m.government_id,
        m.indicator_code,
        m.mention_id,
        m.mention_index,
        m.value,
        m.unit,
        m.kind,
        m.qualifier,
        m.metric,
        m.text,
        m.matched_phrase,
        c.match_coverage,
        m.section_id,
        m.section_path,
        coalesce(t.part, 'other') as part,
        m.sentence,
        m.start_offset,
        m.end_offset
    from {{ ref('indicators') }} as m
    inner join {{ ref('int_mention_indicator_codes') }} as c using (mention_id)
    left join {{ ref('int_section_tree') }} as t using (section_id)
    where m.indicator_code is not null and {{ changed_reports_only('m.report_id') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by report_id, indicator_code
            order by
                coalesce(qualifier = 'target', false),
                case part
                    when 'measures' then 1
                    when 'responsibility' then 2
                    when 'other' then 3
                    when 'shortcomings' then 4
                    when 'plans' then 5
                    else 3
                end,
                match_coverage desc,
                mention_index asc
        ) as candidate_rank,
        count(*) over (partition by report_id, indicator_code) as candidate_count
    from mapped
)

select
    report_id,
    government_id,
    indicator_code,
    candidate_rank,
    candidate_rank = 1 as is_selected,
    candidate_count,
    mention_id,
    value,
    unit,
    kind,
    qualifier,
    coalesce(qualifier = 'target', false) as is_target,
    metric,
    matched_phrase,
    match_coverage,
    part,
    section_id,
    section_path,
    text,
    mention_index,
    sentence,
    start_offset,
    end_offset
from ranked
