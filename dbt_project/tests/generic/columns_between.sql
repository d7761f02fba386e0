{#- Rows where any of the listed columns lies outside [min_value, max_value]: one scan for all
    the score columns of a model, each offending row named with its columns out of range. -#}
{% test columns_between(model, columns, min_value, max_value) %}
select *, concat_ws(', ', {% for c in columns %}case when {{ c }} < {{ min_value }} or {{ c }} > {{ max_value }} then '{{ c }}' end{{ ", " if not loop.last }}{% endfor %}) as out_of_range
from {{ model }}
where {% for c in columns %}{{ c }} < {{ min_value }} or {{ c }} > {{ max_value }}{{ " or " if not loop.last }}{% endfor %}
{% endtest %}
