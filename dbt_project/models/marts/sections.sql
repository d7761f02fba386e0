with sections as (
    select
        *,
        -- A section belongs to the part of the level-1 heading above it.
        max(case when level = 1 then section_index end) over (
            partition by report_id order by section_index rows between unbounded preceding and current row
        ) as top_section_index
    from {{ ref('stg_sections') }}
),

token_counts as (
    select section_id, count(*) as token_count
    from {{ ref('stg_tokens') }}
    where section_id is not null
    group by section_id
),

mention_counts as (
    select section_id, count(*) as mention_count
    from {{ ref('stg_indicator_mentions') }}
    where section_id is not null
    group by section_id
)

select
    s.section_id,
    s.report_id,
    s.parent_section_id,
    s.section_index,
    s.level,
    s.marker,
    s.title,
    s.path,
    coalesce(top.part, 'other') as part,
    d.dimension,
    d.dimension_score,
    length(s.body) as text_length,
    coalesce(t.token_count, 0) as token_count,
    coalesce(m.mention_count, 0) as mention_count,
    s.body
from sections as s
left join sections as top
    on top.report_id = s.report_id and top.section_index = s.top_section_index
left join token_counts as t on t.section_id = s.section_id
left join mention_counts as m on m.section_id = s.section_id
left join {{ ref('int_section_dimensions') }} as d on d.section_id = s.section_id
