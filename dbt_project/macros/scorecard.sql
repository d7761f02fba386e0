{#- The scorecard (models/intermediate/by_report/int_scorecard_*, marts scorecard_items,
    scorecards, government_scorecards). Every item model gives the same columns:
        report_id, item_code, value, not_applicable_reason, explanation, evidence
    and marts.scorecard_items scores them by one rule, scorecard_score below. -#}

{#- One piece of evidence: a place in a report (its section, figure or sentence), the text
    shown for it, and another report it concerns (the one sharing a sentence, for
    originality). A list of these is an item's `evidence`. -#}
{% macro scorecard_evidence_type() -%}
    struct(
        report_id varchar, section_id varchar, mention_id varchar, sentence_id varchar, text varchar,
        other_report_id varchar
    )
{%- endmacro %}

{% macro scorecard_evidence(
    report_id, section_id='null', mention_id='null', sentence_id='null', text='null', other_report_id='null'
) -%}
    cast(struct_pack(
        report_id := {{ report_id }}, section_id := {{ section_id }}, mention_id := {{ mention_id }},
        sentence_id := {{ sentence_id }}, text := {{ text }}, other_report_id := {{ other_report_id }}
    ) as {{ scorecard_evidence_type() }})
{%- endmacro %}

{#- A list of evidence, capped at var scorecard_evidence_limit entries and typed, so that the
    item models union; `items` is a list expression (null: none). -#}
{% macro scorecard_evidence_list(items) -%}
    cast(coalesce(({{ items }})[1:{{ var('scorecard_evidence_limit') }}], []) as {{ scorecard_evidence_type() }}[])
{%- endmacro %}

{#- The names an explanation lists after its count ("；未披露：甲、乙"), or nothing when there are none. -#}
{% macro scorecard_listed(label, names) -%}
    case when len({{ names }}) > 0 then '；{{ label }}：' || array_to_string({{ names }}, '、') else '' end
{%- endmacro %}

{#- The scoring rule of every item: linear from zero_score_at (score 0) to full_score_at
    (score 100), clamped to 0–100; full_score_at below zero_score_at means lower is better.
    A value that is null (not applicable) has no score. -#}
{% macro scorecard_score(value, zero_at, full_at) -%}
    round(greatest(0.0, least(100.0, 100.0 * ({{ value }} - {{ zero_at }}) / ({{ full_at }} - {{ zero_at }}))), 2)
{%- endmacro %}

{#- The phrases of seed scorecard_phrases of one kind as one regular expression, longest first,
    so a sentence is scanned once however many phrases there are (a pattern read per row would
    be compiled per row). Read when the model runs; while dbt parses, or where the seed is not
    built yet (sqlfluff's empty database), a pattern that matches nothing. The seed's phrases
    are plain Chinese (test scorecard_phrases_are_plain), so none needs escaping. -#}
{% macro scorecard_phrase_pattern(kind) -%}
    {%- set seed = ref('scorecard_phrases') -%}
    {%- set nothing = "'a^'" -%}
    {%- if not execute -%}{{ return(nothing) }}{%- endif -%}
    {%- if adapter.get_relation(seed.database, seed.schema, seed.identifier) is none -%}{{ return(nothing) }}{%- endif -%}
    {%- set rows = run_query("select phrase from " ~ seed ~ " where kind = '" ~ kind ~ "' order by length(phrase) desc, phrase") -%}
    {%- set phrases = rows.columns[0].values() -%}
    {{- return("'" ~ (phrases | join('|') if phrases else 'a^') ~ "'") -}}
{%- endmacro %}
