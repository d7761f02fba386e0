-- Incremental by report (macros/incremental_reports.sql): a plan item's words are its own report's.
-- The plan items of each report and their key terms, which the same government's next report
-- is checked against (int_scorecard_follow_through). A plan item is a level-2 section of the
-- plans part (下一年度安排) with its sub-sections; where the part has no level-2 section, the
-- part's level-1 section is the one item. Key terms: the item's distinct words that
-- marts.keywords counts as topics, i.e. those int_report_terms keeps for the report (two
-- characters or more; no numerals, stop words or own place names), heading and text.
with plan_sections as (
    select
        section_id,
        report_id,
        top_section_id,
        level,
        max(case when level = 2 then section_index end) over (
            partition by top_section_id order by section_index
            rows between unbounded preceding and current row
        ) as item_index,
        bool_or(level = 2) over (partition by top_section_id) as has_level2
    from {{ ref('int_section_tree') }}
    where part = 'plans' and {{ changed_reports_only() }}
),

items as (
    select
        p.section_id,
        p.report_id,
        case
            when not p.has_level2 then p.top_section_id
            when p.item_index is not null then i.section_id
        end as item_section_id
    from plan_sections as p
    left join {{ ref('int_section_tree') }} as i
        on i.top_section_id = p.top_section_id and i.section_index = p.item_index
),

item_words as (
    select distinct
        it.report_id,
        it.item_section_id,
        tk.term
    from {{ ref('stg_tokens') }} as tk
    inner join items as it on it.section_id = tk.section_id
    where it.item_section_id is not null and {{ changed_reports_only('tk.report_id') }}
)

-- The report's kept words filter the item's: no word filter runs again on the tokens.
select w.report_id, w.item_section_id, w.term
from item_words as w
inner join {{ ref('int_report_terms') }} as t
    on t.report_id = w.report_id and t.term = w.term and t.scope = 'report'
where {{ changed_reports_only('t.report_id') }}
