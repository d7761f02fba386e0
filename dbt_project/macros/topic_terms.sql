{#- Words that name a topic, for marts.keywords and the scorecard's plan items: two characters
    or more, no digit, not a numeral (nor a numeral and one character: 三联, 一档, 三年 are
    counted things), not a stop word, not one of the report's own place and body names.
    `report` is an alias of stg_reports. -#}
{% macro is_topic_term(term, report) -%}
    length({{ term }}) >= 2
    and not regexp_matches({{ term }}, '[0-9０-９]')
    and not regexp_matches({{ term }}, '^[零〇一二三四五六七八九十百千万亿两几第]+$')
    and not regexp_matches({{ term }}, '^[零〇一二三四五六七八九十百千万两几第].$')
    and {{ term }} not in (select sw.term from {{ ref('keyword_stopwords') }} as sw)
    and strpos(concat_ws('|', {{ report }}.organization, {{ report }}.province, {{ report }}.city, {{ report }}.district), {{ term }}) = 0
{%- endmacro %}
