-- Incremental by report (macros/incremental_reports.sql): each item reads its own report and the seeds.
-- The 问题意识 (candour) items that need nothing but the report itself, one row per report ×
-- item (shortcomings_specific, which needs the corpus to call a sentence boilerplate, is in
-- int_scorecard_shared_text):
--   shortcomings_part   a level-1 heading in the shortcomings part (存在的不足和原因): 1 or 0
--   shortcomings_share  characters of the shortcomings part's sections ÷ the report's × 100
--   causes_stated       the part's sentences that use a cause word (seed scorecard_phrases)
with reports as (
    select report_id, char_count
    from {{ ref('stg_reports') }}
    where {{ changed_reports_only() }}
),

shortcomings as (
    select
        t.report_id,
        sum(coalesce(length(s.body), 0)) as chars,
        list(
            {{ scorecard_evidence('t.report_id', 't.section_id', text="concat(s.marker, s.title)") }}
            order by t.section_index
        ) filter (where t.level = 1) as headings
    from {{ ref('int_section_tree') }} as t
    inner join {{ ref('stg_sections') }} as s on s.section_id = t.section_id
    where t.part = 'shortcomings' and {{ changed_reports_only('t.report_id') }}
    group by t.report_id
),

cause_sentences as (
    select
        c.report_id,
        count(*) as sentence_count,
        list_distinct(flatten(list(c.causes))) as words,
        list(
            {{ scorecard_evidence('c.report_id', 'c.section_id', sentence_id='c.sentence_id', text='s.text') }}
            order by c.sentence_index
        ) as evidence
    from {{ ref('int_scorecard_sentences') }} as c
    inner join {{ ref('stg_sentences') }} as s on s.sentence_id = c.sentence_id
    where c.part = 'shortcomings' and len(c.causes) > 0 and {{ changed_reports_only('c.report_id') }}
    group by c.report_id
),

joined as (
    select
        r.report_id,
        r.char_count,
        sh.report_id is not null as has_part,
        coalesce(sh.chars, 0) as chars,
        coalesce(sh.headings, []) as headings,
        coalesce(cs.sentence_count, 0) as cause_count,
        cs.words as cause_words,
        coalesce(cs.evidence, []) as cause_evidence
    from reports as r
    left join shortcomings as sh using (report_id)
    left join cause_sentences as cs using (report_id)
)

select
    report_id,
    'shortcomings_part' as item_code,
    case when has_part then 1.0 else 0.0 end as value,
    cast(null as varchar) as not_applicable_reason,
    case when has_part then '有“存在的不足”部分' else '没有“存在的不足和原因”部分' end as explanation,
    {{ scorecard_evidence_list('headings') }} as evidence
from joined

union all

select
    report_id,
    'shortcomings_share' as item_code,
    round(100.0 * chars / nullif(char_count, 0), 4) as value,
    case when coalesce(char_count, 0) = 0 then '报告没有正文' end as not_applicable_reason,
    case
        when not has_part then '没有“存在的不足和原因”部分：篇幅为 0'
        else format('不足部分 {} 字，占全文 {} 字的 {}%', chars, char_count, round(100.0 * chars / char_count, 1))
    end as explanation,
    {{ scorecard_evidence_list('headings') }} as evidence
from joined

union all

select
    report_id,
    'causes_stated' as item_code,
    cast(cause_count as double) as value,
    null as not_applicable_reason,
    case
        when not has_part then '没有“存在的不足和原因”部分，也就没有原因分析'
        when cause_count = 0 then '不足部分没有分析原因（没有“原因”“根源”“主要是”“由于”等词）'
        else format('{} 句分析原因（{}）', cause_count, array_to_string(cause_words, '、'))
    end as explanation,
    {{ scorecard_evidence_list('cause_evidence') }} as evidence
from joined
