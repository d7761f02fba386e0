{#- Stated rates that differ from part ÷ total × 100 by more than `tolerance` percentage
    points (调解2228件，成功2224件，成功率99.82% passes: 99.8205 vs 99.82). -#}
{% test stated_rate_matches_parts(model, column_name, total_column, part_column, tolerance=0.05) %}
select *
from {{ model }}
where {{ column_name }} is not null
  and {{ total_column }} > 0
  and abs(100.0 * {{ part_column }} / {{ total_column }} - {{ column_name }}) > {{ tolerance }} + 1e-9
{% endtest %}
