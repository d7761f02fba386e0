{#- Rows where any of the listed columns is null: one scan for all the columns a model
    requires, each offending row named with the columns that are empty. -#}
{% test not_null_columns(model, columns) %}
select *, concat_ws(', ', {% for c in columns %}case when {{ c }} is null then '{{ c }}' end{{ ", " if not loop.last }}{% endfor %}) as null_columns
from {{ model }}
where {% for c in columns %}{{ c }} is null{{ " or " if not loop.last }}{% endfor %}
{% endtest %}
