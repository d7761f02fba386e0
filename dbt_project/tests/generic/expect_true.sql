{#- Rows where a boolean column is not true: lists each offending row (a report missing a
    mandated part), unlike accepted_values, which returns only the distinct bad value. -#}
{% test expect_true(model, column_name) %}
select *
from {{ model }}
where {{ column_name }} is distinct from true
{% endtest %}
