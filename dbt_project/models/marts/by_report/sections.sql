-- Incremental by report (macros/incremental_reports.sql): a section's counts and dimension are its own report's.

-- One row per heading. The report part and the 纲要 dimension are decided upstream
-- (int_section_tree, int_section_dimensions); here only the per-section counts.
with token_counts as (
    select section_id, count(*) as token_count
    from {{ ref('stg_tokens') }}
    where section_id is not null and {{ changed_reports_only() }}
    group by section_id
),

mention_counts as (
    select section_id, count(*) as mention_count
    from {{ ref('stg_indicator_mentions') }}
    where section_id is not null and {{ changed_reports_only() }}
    group by section_id
)

select
    s.section_id,
    s.report_id,
    rp.government_id,
    s.parent_section_id,
    s.section_index,
    s.level,
    s.marker,
    s.title,
    s.path,
    tr.part,
    d.dimension,
    d.dimension_score,
    length(s.body) as text_length,
    coalesce(t.token_count, 0) as token_count,
    coalesce(m.mention_count, 0) as mention_count,
    s.body
from {{ ref('stg_sections') }} as s
inner join {{ ref('int_section_tree') }} as tr on tr.section_id = s.section_id
left join token_counts as t on t.section_id = s.section_id
left join mention_counts as m on m.section_id = s.section_id
left join {{ ref('int_section_dimensions') }} as d on d.section_id = s.section_id
left join {{ ref('stg_reports') }} as rp on rp.report_id = s.report_id
where {{ changed_reports_only('s.report_id') }}
