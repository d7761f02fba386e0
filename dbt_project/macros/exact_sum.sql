{#- A sum of doubles whose result does not depend on the order the rows arrive in: each term is
    fixed to 9 decimals first. A parallel sum of doubles can end one unit apart between builds,
    and a score then rounds to 69.0 in one build and 69.01 in the next. -#}
{% macro exact_sum(expression, where=none) -%}
    (sum(({{ expression }})::decimal(38, 9)){% if where %} filter (where {{ where }}){% endif %})::double
{%- endmacro %}
