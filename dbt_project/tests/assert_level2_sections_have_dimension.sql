-- Every level-2 heading (（一）…) is the unit readers compare across reports, so each must
-- land in a 纲要 dimension or theme.
select s.section_id, s.report_id, s.title
from {{ ref('stg_sections') }} as s
left join {{ ref('int_section_dimensions') }} as d using (section_id)
where s.level = 2 and d.dimension is null
