-- The scorecard items that compare a report's sentences with every other government's, one
-- row per report × item. A full table: a report that arrives can make another's sentences
-- shared. Sentences are compared by their normalised text (int_scorecard_sentences), equal or
-- not: one aggregate over the corpus, never a pairwise fuzzy match. `fingerprint` below is
-- that text.
--   shared_sentences       (原创) share of the report's compared sentences whose normalised text
--                          is also in a report of another government (a report with no
--                          government_id is its own government); evidence: each such sentence and
--                          the earliest report (year, then publication date) of another
--                          government that has it
--   shortcomings_specific  (问题意识) share of the shortcomings part's sentences that name a
--                          figure (a digit or an indicator mention) or a field (a term of seed
--                          section_taxonomy_terms of weight 2 or 3, not the generic 领导, 宣传)
--                          and are not boilerplate: boilerplate is found in
--                          the reports of at least var scorecard_boilerplate_governments (3) other
--                          governments
with sentences as (
    select
        c.report_id,
        c.sentence_id,
        c.section_id,
        c.sentence_index,
        c.part,
        c.normalised_text as fingerprint,
        c.figure_count,
        coalesce(r.government_id, 'report:' || r.report_id) as government_key,
        lpad(cast(coalesce(r.report_year, 9999) as varchar), 4, '0')
        || coalesce(cast(r.publish_date as varchar), '9999-99-99')
        || r.report_id as age_key
    from {{ ref('int_scorecard_sentences') }} as c
    inner join {{ ref('stg_reports') }} as r on r.report_id = c.report_id
),

fingerprints as (
    select
        fingerprint,
        count(distinct government_key) as government_count,
        arg_min(report_id, age_key) as first_report_id,
        arg_min(government_key, age_key) as first_government
    from sentences
    where fingerprint is not null
    group by fingerprint
    having count(distinct government_key) > 1
),

second_reports as (
    -- the earliest report outside the first report's government
    select s.fingerprint, arg_min(s.report_id, s.age_key) as report_id
    from sentences as s
    inner join fingerprints as f on f.fingerprint = s.fingerprint
    where s.government_key <> f.first_government
    group by s.fingerprint
),

shared as (
    select
        s.report_id,
        s.sentence_id,
        s.section_id,
        s.sentence_index,
        f.government_count,
        case when s.government_key = f.first_government then sr.report_id else f.first_report_id end as other_report_id
    from sentences as s
    inner join fingerprints as f on f.fingerprint = s.fingerprint
    inner join second_reports as sr on sr.fingerprint = s.fingerprint
),

sharing as (
    select
        s.report_id,
        count(s.fingerprint) as eligible,
        count(sh.sentence_id) as shared,
        count(distinct sh.other_report_id) as other_reports
    from sentences as s
    left join shared as sh on sh.sentence_id = s.sentence_id
    group by s.report_id
),

shared_evidence as (
    select
        sh.report_id,
        list(
            {{ scorecard_evidence('sh.report_id', 'sh.section_id', sentence_id='sh.sentence_id', text='t.text', other_report_id='sh.other_report_id') }}
            order by sh.sentence_index
        ) as evidence
    from (
        select *
        from shared
        qualify row_number() over (partition by report_id order by sentence_index) <= {{ var('scorecard_evidence_limit') }}
    ) as sh
    inner join {{ ref('stg_sentences') }} as t on t.sentence_id = sh.sentence_id
    group by sh.report_id
),

shortcoming_sentences as (
    select
        s.report_id,
        s.sentence_id,
        s.section_id,
        s.sentence_index,
        t.text,
        s.figure_count > 0 or regexp_matches(t.text, '[0-9０-９]') as names_figure,
        (
            select coalesce(list_sort(list_distinct(list(tt.term))), [])
            from {{ ref('section_taxonomy_terms') }} as tt
            where tt.weight >= 2 and contains(t.text, tt.term)
        ) as fields,
        coalesce(sh.government_count - 1, 0) >= {{ var('scorecard_boilerplate_governments') }} as boilerplate,
        sh.government_count
    from sentences as s
    inner join {{ ref('stg_sentences') }} as t on t.sentence_id = s.sentence_id
    left join shared as sh on sh.sentence_id = s.sentence_id
    where s.part = 'shortcomings'
),

shortcomings as (
    select
        report_id,
        count(*) as sentence_count,
        count(*) filter (where (names_figure or len(fields) > 0) and not boilerplate) as specific,
        count(*) filter (where boilerplate) as boilerplate_count,
        list_distinct(flatten(list(fields))) as fields,
        list(
            {{ scorecard_evidence('report_id', 'section_id', sentence_id='sentence_id', text='text') }}
            order by sentence_index
        ) as evidence
    from shortcoming_sentences
    group by report_id
),

reports as (
    select report_id from {{ ref('stg_reports') }}
)

select
    r.report_id,
    'shared_sentences' as item_code,
    round(100.0 * sg.shared / nullif(sg.eligible, 0), 4) as value,
    case when coalesce(sg.eligible, 0) = 0 then '没有足够长的句子可比' end as not_applicable_reason,
    case
        when coalesce(sg.eligible, 0) > 0
            then format(
                '{} 句中 {} 句与其他政府的报告相同（去掉地名、标点和数字后完全一致），涉及 {} 份报告',
                sg.eligible, sg.shared, sg.other_reports
            )
    end as explanation,
    {{ scorecard_evidence_list('se.evidence') }} as evidence
from reports as r
left join sharing as sg using (report_id)
left join shared_evidence as se using (report_id)

union all

select
    r.report_id,
    'shortcomings_specific' as item_code,
    coalesce(round(100.0 * sc.specific / sc.sentence_count, 4), 0.0) as value,
    null as not_applicable_reason,
    case
        when sc.report_id is null then '没有“存在的不足”部分（或该部分没有正文）'
        else format(
            '不足部分 {} 句中 {} 句具体且不是套话{}{}',
            sc.sentence_count, sc.specific,
            case when len(sc.fields) > 0 then '（写到：' || array_to_string(sc.fields[1:8], '、') || '）' else '' end,
            case
                when sc.boilerplate_count > 0
                    then format('；{} 句是与至少 {} 个其他政府相同的套话', sc.boilerplate_count, {{ var('scorecard_boilerplate_governments') }})
                else ''
            end
        )
    end as explanation,
    {{ scorecard_evidence_list('sc.evidence') }} as evidence
from reports as r
left join shortcomings as sc using (report_id)
