{#- Values outside the [lower_bound, upper_bound] the indicator catalog gives their indicator
    (rates 0–100, counts/money/durations ≥ 0, changes ≥ −100; an empty bound is open). -#}
{% test within_indicator_bounds(model, column_name, code_column='indicator_code') %}
select t.*
from {{ model }} as t
inner join {{ ref('indicator_catalog') }} as c on c.indicator_code = t.{{ code_column }}
where t.{{ column_name }} is not null
  and (t.{{ column_name }} < c.lower_bound or t.{{ column_name }} > c.upper_bound)
{% endtest %}
