-- depends_on: {{ ref('scorecard_phrases') }}
-- Incremental by report (macros/incremental_reports.sql): a sentence's part, fingerprint and
-- phrases are its own report's.
-- One row per body sentence, for the scorecard: the sentences before the first heading
-- (part 'preamble') and those of section bodies. Headings are left out: a heading is the
-- sentence that starts before its section's body.
--   normalised_text: the text the sentence is compared by, when it is at least var
--     scorecard_sentence_min_chars (12) characters long, else null: the report's own place and
--     body names removed, longest first, with their short forms (红桥区 → 红桥, 茶淀街道 → 茶淀);
--     then whitespace, punctuation, symbols and digits; then a leading list numeral (一是, 三).
--     Two reports share a sentence when their normalised texts are equal (kept as text, not
--     hashed: a reader sees what was compared, and grouping the text costs no more).
--   slogans: each occurrence of a set phrase (seed scorecard_phrases, kind slogan).
--   causes: in the shortcomings part, each cause word used (kind cause).
--   figure_count: the indicator mentions the parser found in the sentence.
{%- set name_slots = 10 %}
with own_names as (
    select
        report_id,
        list_filter(
            list_distinct(
                [organization, province, city, district, township]
                || list_transform(
                    [organization, province, city, district, township],
                    lambda n: regexp_replace(
                        n, '(特别行政区|自治区|自治州|自治县|街道办事处|办事处|人民政府|街道|省|市|区|县|旗|镇|乡|街)$', ''
                    )
                )
            ),
            lambda n: length(n) >= 2
        ) as names
    from {{ ref('stg_reports') }}
    where {{ changed_reports_only() }}
),

longest_first as (
    select
        report_id,
        list_transform(
            list_sort(list_transform(names, lambda n: lpad(cast(length(n) as varchar), 3, '0') || n), 'DESC'),
            lambda n: n[4:]
        ) as names
    from own_names
),

body_sentences as (
    select
        s.sentence_id,
        s.report_id,
        s.section_id,
        s.sentence_index,
        s.text,
        coalesce(tr.part, 'preamble') as part
    from {{ ref('stg_sentences') }} as s
    left join {{ ref('int_section_tree') }} as tr on tr.section_id = s.section_id
    where
        (s.section_id is null or s.start_offset >= tr.body_start_offset)
        and {{ changed_reports_only('s.report_id') }}
),

figures as (
    select sentence_id, count(*) as figure_count
    from {{ ref('stg_indicator_mentions') }}
    where sentence_id is not null and {{ changed_reports_only() }}
    group by sentence_id
),

normalised as (
    select
        b.*,
        regexp_replace(
            regexp_replace(
                {%- set ns = namespace(text='b.text') %}
                {%- for slot in range(1, name_slots + 1) %}
                    {%- set ns.text = "replace(" ~ ns.text ~ ", coalesce(n.names[" ~ slot ~ "], chr(1)), '')" %}
                {%- endfor %}
                {{ ns.text }},
                '[\s\p{P}\p{S}0-9０-９]', '', 'g'
            ),
            '^[一二三四五六七八九十]+是?', ''
        ) as normalised_text
    from body_sentences as b
    left join longest_first as n using (report_id)
)

select
    n.sentence_id,
    n.report_id,
    n.section_id,
    n.sentence_index,
    n.part,
    length(n.text) as char_count,
    case
        when length(n.normalised_text) >= {{ var('scorecard_sentence_min_chars') }} then n.normalised_text
    end as normalised_text,
    regexp_extract_all(n.text, {{ scorecard_phrase_pattern('slogan') }}) as slogans,
    case
        when n.part = 'shortcomings' then regexp_extract_all(n.text, {{ scorecard_phrase_pattern('cause') }})
        else []
    end as causes,
    coalesce(f.figure_count, 0) as figure_count
from normalised as n
left join figures as f using (sentence_id)
