{#- Rows whose key is null or shared with another row: unique and not_null in one scan. -#}
{% test primary_key(model, column_name) %}
select {{ column_name }}, count(*) as occurrences
from {{ model }}
group by {{ column_name }}
having {{ column_name }} is null or count(*) > 1
{% endtest %}
