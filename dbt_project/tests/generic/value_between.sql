{#- Rows whose value lies outside [min_value, max_value]; `where` narrows the rows checked
    (rates are bounded, changes are not, so the kind filter belongs to the test). -#}
{% test value_between(model, column_name, min_value, max_value, where=none) %}
select *
from {{ model }}
where {{ column_name }} is not null
  and ({{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }})
  {% if where %}and ({{ where }}){% endif %}
{% endtest %}
