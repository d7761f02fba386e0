{% test is_whole_number(model, column_name, where=none) %}
select *
from {{ model }}
where {{ column_name }} is not null
  and {{ column_name }} <> floor({{ column_name }})
  {% if where %}and ({{ where }}){% endif %}
{% endtest %}
