-- depends_on: {{ ref('indicator_matrix') }}, {{ ref('indicator_catalog') }}, {{ ref('section_taxonomy') }}
{{ config(meta={'dagster': {'ref': {'name': 'indicator_matrix'}}}) }}
-- Every cell of the matrix is the report's value in indicator_values, and every value of a
-- matrix indicator that is a result (not is_target) is in its cell: the pivot loses and invents nothing. Lists the
-- (report, indicator, value) pairs found on one side only.
{%- set indicators = indicator_matrix_columns() %}
with cells as (
    {%- for row in indicators %}
    select report_id, '{{ row['indicator_code'] }}' as indicator_code, "{{ row['indicator_code'] }}" as value
    from {{ ref('indicator_matrix') }}
    where "{{ row['indicator_code'] }}" is not null
    {{ "union all" if not loop.last }}
    {%- endfor %}
    {%- if not indicators %}
        select cast(null as varchar) as report_id, cast(null as varchar) as indicator_code, cast(null as double) as value
        where false
    {%- endif %}
),

values_ as (
    select report_id, indicator_code, value
    from {{ ref('indicator_values') }}
    where not is_target and indicator_code in ({% for row in indicators %}'{{ row['indicator_code'] }}'{{ ", " if not loop.last }}{% endfor %}{% if not indicators %}null{% endif %})
)

(
    select 'matrix only' as side, * from cells
    except all
    select 'matrix only' as side, * from values_
)
union all
(
    select 'values only' as side, * from values_
    except all
    select 'values only' as side, * from cells
)
