{{ config(meta={'dagster': {'ref': {'name': 'governments'}}}) }}
-- Every report with a government_id is counted once in marts.governments, in a year it lists.
with counted as (
    select government_id, count(*) as report_count, coalesce(list(distinct report_year order by report_year) filter (where report_year is not null), []) as years
    from {{ ref('reports') }}
    where government_id is not null
    group by government_id
)

select c.government_id, c.report_count, g.report_count as governments_report_count
from counted as c
full join {{ ref('governments') }} as g using (government_id)
where
    c.report_count is distinct from g.report_count
    or c.years is distinct from g.years_reported
