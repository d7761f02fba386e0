-- Incremental by report (macros/incremental_reports.sql): each item reads its own report and the seeds.
-- The items about what a report says, one row per report × item:
--   figure_density     (数据化) indicator mentions per 1,000 characters
--   slogan_density     (数据化) set phrases (seed scorecard_phrases, kind slogan) per 1,000 characters
--   gangyao_chapters   (纲要覆盖) the ten 纲要 chapters with at least var scorecard_coverage_min_chars
--                      (200) characters of section text outside the shortcomings and plans parts
--   dimension_figures  (数据化) share of those covered chapters with at least one figure
with reports as (
    select report_id, char_count
    from {{ ref('stg_reports') }}
    where {{ changed_reports_only() }}
),

mentions as (
    -- shown as the figure in its words: 集体学法 12次
    select report_id, mention_id, section_id, mention_index, concat_ws(' ', metric, text) as text
    from {{ ref('stg_indicator_mentions') }}
    where {{ changed_reports_only() }}
),

figures as (
    select
        report_id,
        count(*) as figure_count,
        -- evidence: the first figures only (the list is capped anyway)
        list(
            {{ scorecard_evidence('report_id', 'section_id', 'mention_id', text='text') }} order by mention_index
        ) filter (where mention_index < {{ var('scorecard_evidence_limit') }}) as evidence
    from mentions
    group by report_id
),

slogan_sentences as (
    select report_id, sentence_id, section_id, sentence_index, len(slogans) as uses
    from {{ ref('int_scorecard_sentences') }}
    where len(slogans) > 0 and {{ changed_reports_only() }}
),

slogans as (
    select report_id, sum(uses) as slogan_count
    from slogan_sentences
    group by report_id
),

slogan_evidence as (
    -- the sentences with the most set phrases; their texts are read for these only
    select
        c.report_id,
        list(
            {{ scorecard_evidence('c.report_id', 'c.section_id', sentence_id='c.sentence_id', text='s.text') }}
            order by c.uses desc, c.sentence_index asc
        ) as evidence
    from (
        select *
        from slogan_sentences
        qualify row_number() over (
            partition by report_id order by uses desc, sentence_index asc
        ) <= {{ var('scorecard_evidence_limit') }}
    ) as c
    inner join {{ ref('stg_sentences') }} as s on s.sentence_id = c.sentence_id
    group by c.report_id
),

slogan_words as (
    select report_id, string_agg(phrase || ' ×' || uses, '、' order by uses desc, phrase asc) as phrases
    from (
        select report_id, phrase, count(*) as uses
        from (
            select report_id, unnest(slogans) as phrase
            from {{ ref('int_scorecard_sentences') }}
            where {{ changed_reports_only() }}
        )
        group by report_id, phrase
    )
    group by report_id
),

section_figures as (
    select
        section_id,
        count(*) as figure_count,
        min(mention_index) as first_index,
        arg_min(mention_id, mention_index) as first_mention_id,
        arg_min(text, mention_index) as first_mention_text
    from mentions
    where section_id is not null
    group by section_id
),

chapter_sections as (
    select
        t.report_id,
        t.section_id,
        t.section_index,
        d.dimension,
        tx.name_zh,
        tx.sort_order,
        concat(s.marker, s.title) as heading,
        coalesce(length(s.body), 0) as chars,
        coalesce(f.figure_count, 0) as figure_count,
        f.first_index,
        f.first_mention_id,
        f.first_mention_text
    from {{ ref('int_section_tree') }} as t
    inner join {{ ref('int_section_dimensions') }} as d on d.section_id = t.section_id
    inner join {{ ref('stg_sections') }} as s on s.section_id = t.section_id
    inner join {{ ref('section_taxonomy') }} as tx on tx.dimension = d.dimension
    left join section_figures as f on f.section_id = t.section_id
    where
        tx.source = 'gangyao'
        and t.part not in ('shortcomings', 'plans')
        and {{ changed_reports_only('t.report_id') }}
),

chapters as (
    select
        report_id,
        dimension,
        any_value(name_zh) as name_zh,
        any_value(sort_order) as sort_order,
        sum(chars) as chars,
        -- the longest section, the first of equals
        arg_max(section_id, chars * 100000 - section_index) as longest_section_id,
        arg_max(heading, chars * 100000 - section_index) as longest_heading,
        sum(figure_count) as figure_count,
        arg_min(first_mention_id, first_index) as first_mention_id,
        arg_min(first_mention_text, first_index) as first_mention_text,
        sum(chars) >= {{ var('scorecard_coverage_min_chars') }} as covered
    from chapter_sections
    group by report_id, dimension
),

coverage as (
    select
        r.report_id,
        count(c.dimension) filter (where c.covered) as covered_count,
        count(c.dimension) filter (where c.covered and c.figure_count > 0) as with_figures,
        list(c.name_zh order by c.sort_order) filter (where c.covered) as covered_names,
        list(c.name_zh order by c.sort_order) filter (where c.covered and c.figure_count = 0) as without_figures,
        list(
            {{ scorecard_evidence('r.report_id', 'c.longest_section_id', text="c.name_zh || '：' || c.longest_heading") }}
            order by c.sort_order
        ) filter (where c.covered) as chapter_evidence,
        list(
            {{ scorecard_evidence('r.report_id', mention_id='c.first_mention_id', text="c.name_zh || '：' || c.first_mention_text") }}
            order by c.sort_order
        ) filter (where c.covered and c.figure_count > 0) as figure_evidence
    from reports as r
    left join chapters as c using (report_id)
    group by r.report_id
),

uncovered as (
    select r.report_id, list(tx.name_zh order by tx.sort_order) as names
    from reports as r
    cross join {{ ref('section_taxonomy') }} as tx
    left join chapters as c on c.report_id = r.report_id and c.dimension = tx.dimension and c.covered
    where tx.source = 'gangyao' and c.dimension is null
    group by r.report_id
),

joined as (
    select
        r.report_id,
        r.char_count,
        coalesce(f.figure_count, 0) as figure_count,
        coalesce(f.evidence, []) as figure_evidence,
        coalesce(sl.slogan_count, 0) as slogan_count,
        coalesce(se.evidence, []) as slogan_evidence,
        sw.phrases as slogan_phrases,
        cv.covered_count,
        cv.with_figures,
        coalesce(cv.covered_names, []) as covered_names,
        coalesce(cv.without_figures, []) as without_figures,
        coalesce(cv.chapter_evidence, []) as chapter_evidence,
        coalesce(cv.figure_evidence, []) as chapter_figure_evidence,
        coalesce(u.names, []) as uncovered_names
    from reports as r
    left join figures as f using (report_id)
    left join slogans as sl using (report_id)
    left join slogan_evidence as se using (report_id)
    left join slogan_words as sw using (report_id)
    left join coverage as cv using (report_id)
    left join uncovered as u using (report_id)
)

select
    report_id,
    'figure_density' as item_code,
    round(1000.0 * figure_count / nullif(char_count, 0), 4) as value,
    case when coalesce(char_count, 0) = 0 then '报告没有正文' end as not_applicable_reason,
    format('{} 个数字，{} 字', figure_count, char_count) as explanation,
    {{ scorecard_evidence_list('figure_evidence') }} as evidence
from joined

union all

select
    report_id,
    'slogan_density' as item_code,
    round(1000.0 * slogan_count / nullif(char_count, 0), 4) as value,
    case when coalesce(char_count, 0) = 0 then '报告没有正文' end as not_applicable_reason,
    case
        when slogan_count = 0 then format('{} 字中没有套话（种子表 scorecard_phrases）', char_count)
        else format('{} 字中 {} 处套话：{}', char_count, slogan_count, slogan_phrases)
    end as explanation,
    {{ scorecard_evidence_list('slogan_evidence') }} as evidence
from joined

union all

select
    report_id,
    'gangyao_chapters' as item_code,
    cast(covered_count as double) as value,
    null as not_applicable_reason,
    format(
        '覆盖纲要 {} 章（每章至少 {} 字）：{}；未覆盖：{}',
        covered_count, {{ var('scorecard_coverage_min_chars') }},
        coalesce(nullif(array_to_string(covered_names, '、'), ''), '无'),
        coalesce(nullif(array_to_string(uncovered_names, '、'), ''), '无')
    ) as explanation,
    {{ scorecard_evidence_list('chapter_evidence') }} as evidence
from joined

union all

select
    report_id,
    'dimension_figures' as item_code,
    round(100.0 * with_figures / nullif(covered_count, 0), 4) as value,
    case when covered_count = 0 then '没有覆盖任何纲要章节' end as not_applicable_reason,
    case
        when covered_count > 0
            then format(
                '覆盖的 {} 章中 {} 章有数字{}',
                covered_count, with_figures,
                {{ scorecard_listed('没有数字', 'without_figures') }}
            )
    end as explanation,
    {{ scorecard_evidence_list('chapter_figure_evidence') }} as evidence
from joined
