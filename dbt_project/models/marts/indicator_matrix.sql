-- Governments × indicators: one row per report, one column per catalog indicator that at
-- least two reports state as a result (a column only one report fills compares nothing; a
-- target, indicator_values.is_target, is no result and stays out). Column names
-- are indicator codes; their Chinese labels are the column comments and
-- marts.indicator_catalog.name_zh. Values are indicator_values.value.
-- depends_on: {{ ref('indicator_catalog') }}, {{ ref('section_taxonomy') }}
{{ config(post_hook="{{ comment_indicator_matrix_columns(this) }}") }}
{%- set indicators = indicator_matrix_columns() %}

select
    r.report_id,
    r.government_id,
    r.organization,
    r.admin_level,
    r.province,
    r.city,
    r.district,
    r.report_year,
    count(v.indicator_code) as indicator_count
{%- for row in indicators %},
    max(v.value) filter (where v.indicator_code = '{{ row['indicator_code'] }}') as "{{ row['indicator_code'] }}"
    {%- endfor %}
from {{ ref('reports') }} as r
left join {{ ref('indicator_values') }} as v on v.report_id = r.report_id and not v.is_target
group by all
