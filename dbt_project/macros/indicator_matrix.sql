{#- The catalog indicators at least two reports state as a result: the columns of marts.indicator_matrix,
    in 纲要 order (the dimension's sort_order), then by code. Read when the model runs, so
    the columns follow the data; empty while parsing. -#}
{% macro indicator_matrix_columns() %}
    {% if not execute or load_relation(ref('indicator_values')) is none %}{{ return([]) }}{% endif %}
    {% set query %}
        select v.indicator_code, any_value(k.name_zh) as name_zh, any_value(k.unit) as unit
        from {{ ref('indicator_values') }} as v
        inner join {{ ref('indicator_catalog') }} as k using (indicator_code)
        left join {{ ref('section_taxonomy') }} as t on t.dimension = k.dimension
        where not v.is_target
        group by v.indicator_code
        having count(distinct v.report_id) >= 2
        order by min(t.sort_order), v.indicator_code
    {% endset %}
    {{ return(run_query(query).rows) }}
{% endmacro %}

{#- Each indicator column's DuckDB comment is its Chinese label and unit, so SQL users and
    the dbt docs catalog read 行政机关负责人出庭应诉率（%） beside head_court_appearance_rate. -#}
{% macro comment_indicator_matrix_columns(relation) %}
    {% for row in indicator_matrix_columns() %}
        comment on column {{ relation }}."{{ row['indicator_code'] }}" is '{{ (row['name_zh'] ~ "（" ~ row['unit'] ~ "）") | replace("'", "''") }}';
    {% endfor %}
{% endmacro %}
