-- The 闭环 (follow-through) items, one row per report × item, each comparing a report with
-- the same government's previous report: the representative report (the latest published,
-- as in marts.indicator_trends) of the latest earlier year. A full table: a report's previous
-- report can arrive after it. not_applicable without an earlier report.
--   plans_taken_up     share of the previous report's plan items (int_scorecard_plan_terms)
--                      with at least var scorecard_plan_term_share (0.5) of their key terms in
--                      the text (headings and bodies) of this report's measures part
--   indicators_held    share of the indicators stated in both reports, with a direction in the
--                      catalog (higher_is_better), that improved or stayed the same
--   figures_restated   figures of this report stated for the previous report's year (the clause
--                      before the figure names <previous year>年, not <this year>年) whose
--                      indicator the previous report states with another value
with reports as (
    select report_id, government_id, report_year, publish_date, parsed_at
    from {{ ref('stg_reports') }}
),

year_reports as (
    select *
    from reports
    where government_id is not null and report_year is not null
    qualify row_number() over (
        partition by government_id, report_year
        order by publish_date desc nulls last, parsed_at desc, report_id desc
    ) = 1
),

previous as (
    select
        r.report_id,
        r.report_year,
        p.report_id as previous_report_id,
        p.report_year as previous_year
    from reports as r
    inner join year_reports as p on p.government_id = r.government_id and p.report_year < r.report_year
    qualify row_number() over (partition by r.report_id order by p.report_year desc) = 1
),

measures_text as (
    select pr.report_id, string_agg(concat(s.title, chr(10), s.body), chr(10) order by t.section_index) as text
    from previous as pr
    inner join {{ ref('int_section_tree') }} as t on t.report_id = pr.report_id and t.part = 'measures'
    inner join {{ ref('stg_sections') }} as s on s.section_id = t.section_id
    group by pr.report_id
),

plan_items as (
    select
        pr.report_id,
        pt.item_section_id,
        count(*) as term_count,
        count(*) filter (where contains(coalesce(mt.text, ''), pt.term)) as found_count
    from previous as pr
    inner join {{ ref('int_scorecard_plan_terms') }} as pt on pt.report_id = pr.previous_report_id
    left join measures_text as mt on mt.report_id = pr.report_id
    group by pr.report_id, pt.item_section_id
),

plans as (
    select
        pi.report_id,
        count(*) as item_count,
        count(*) filter (where pi.found_count >= {{ var('scorecard_plan_term_share') }} * pi.term_count) as taken_up,
        list(
            {{ scorecard_evidence(
                "split_part(pi.item_section_id, '-', 1)", 'pi.item_section_id',
                text="case when pi.found_count >= " ~ var('scorecard_plan_term_share') ~ " * pi.term_count then '已落实 ' else '未见落实 ' end || concat(s.marker, s.title) || format('（关键词 {}/{} 见于本年度举措）', pi.found_count, pi.term_count)"
            ) }}
            order by s.section_index
        ) as evidence
    from plan_items as pi
    inner join {{ ref('stg_sections') }} as s on s.section_id = pi.item_section_id
    group by pi.report_id
),

compared as (
    select
        pr.report_id,
        v.indicator_code,
        v.mention_id,
        c.name_zh,
        v.text,
        pv.text as previous_text,
        case
            when v.value = pv.value then 'held'
            when (v.value > pv.value) = c.higher_is_better then 'improved'
            else 'worse'
        end as direction
    from previous as pr
    inner join {{ ref('indicator_values') }} as v on v.report_id = pr.report_id
    inner join {{ ref('indicator_values') }} as pv
        on pv.report_id = pr.previous_report_id and pv.indicator_code = v.indicator_code
    inner join {{ ref('indicator_catalog') }} as c on c.indicator_code = v.indicator_code
    where c.higher_is_better is not null
),

indicators as (
    select
        report_id,
        count(*) as comparable,
        count(*) filter (where direction = 'improved') as improved,
        count(*) filter (where direction = 'held') as held,
        count(*) filter (where direction = 'worse') as worse,
        list(
            {{ scorecard_evidence(
                'report_id', mention_id='mention_id',
                text="name_zh || ' ' || previous_text || ' → ' || text || case direction when 'improved' then '（改善）' when 'held' then '（持平）' else '（变差）' end"
            ) }}
            order by case direction when 'worse' then 0 when 'improved' then 1 else 2 end, indicator_code
        ) as evidence
    from compared
    group by report_id
),

restated as (
    select
        pr.report_id,
        m.mention_id,
        m.section_id,
        m.mention_index,
        c.name_zh,
        m.text,
        pr.previous_year,
        pv.text as previous_text
    from previous as pr
    inner join {{ ref('indicators') }} as m on m.report_id = pr.report_id
    inner join {{ ref('stg_indicator_mentions') }} as sm on sm.mention_id = m.mention_id
    inner join {{ ref('stg_sentences') }} as st on st.sentence_id = sm.sentence_id
    inner join {{ ref('indicator_values') }} as pv
        on pv.report_id = pr.previous_report_id and pv.indicator_code = m.indicator_code
    inner join {{ ref('indicator_catalog') }} as c on c.indicator_code = m.indicator_code
    where
        abs(m.value - pv.value) > 1e-9
        and contains(
            regexp_extract(substr(st.text, 1, sm.start_offset - st.start_offset), '[^，,；;。：:！!？?]*$'),
            cast(pr.previous_year as varchar) || '年'
        )
        and not contains(
            regexp_extract(substr(st.text, 1, sm.start_offset - st.start_offset), '[^，,；;。：:！!？?]*$'),
            cast(pr.report_year as varchar) || '年'
        )
),

restatements as (
    select
        report_id,
        count(*) as restated_count,
        list(
            {{ scorecard_evidence(
                'report_id', 'section_id', 'mention_id',
                text="format('{} 年{}：本报告 {}，{} 年度报告 {}', previous_year, name_zh, text, previous_year, previous_text)"
            ) }}
            order by mention_index
        ) as evidence
    from restated
    group by report_id
),

joined as (
    select
        r.report_id,
        pr.previous_report_id,
        pr.previous_year,
        pl.item_count,
        pl.taken_up,
        pl.evidence as plan_evidence,
        i.comparable,
        i.improved,
        i.held,
        i.worse,
        i.evidence as indicator_evidence,
        coalesce(rs.restated_count, 0) as restated_count,
        rs.evidence as restated_evidence
    from reports as r
    left join previous as pr using (report_id)
    left join plans as pl using (report_id)
    left join indicators as i using (report_id)
    left join restatements as rs using (report_id)
)

select
    report_id,
    'plans_taken_up' as item_code,
    round(100.0 * taken_up / item_count, 4) as value,
    case
        when previous_report_id is null then '同一主体没有更早年度的报告'
        when item_count is null then format('上一份报告（{} 年度）没有“下一年度安排”部分', previous_year)
    end as not_applicable_reason,
    case
        when item_count is not null
            then format(
                '{} 年度报告的 {} 项安排中 {} 项在本年度的举措中出现（关键词至少 {}% 见于举措部分）',
                previous_year, item_count, taken_up, cast(100 * {{ var('scorecard_plan_term_share') }} as integer)
            )
    end as explanation,
    {{ scorecard_evidence_list('plan_evidence') }} as evidence
from joined

union all

select
    report_id,
    'indicators_held' as item_code,
    round(100.0 * (improved + held) / comparable, 4) as value,
    case
        when previous_report_id is null then '同一主体没有更早年度的报告'
        when comparable is null then format('与 {} 年度报告没有共同的、有方向的指标', previous_year)
    end as not_applicable_reason,
    case
        when comparable is not null
            then format(
                '与 {} 年度相比，{} 个共同指标中 {} 个改善、{} 个持平、{} 个变差（自报）',
                previous_year, comparable, improved, held, worse
            )
    end as explanation,
    {{ scorecard_evidence_list('indicator_evidence') }} as evidence
from joined

union all

select
    report_id,
    'figures_restated' as item_code,
    case when previous_report_id is not null then cast(restated_count as double) end as value,
    case when previous_report_id is null then '同一主体没有更早年度的报告' end as not_applicable_reason,
    case
        when previous_report_id is null then null
        when restated_count = 0 then format('没有与 {} 年度报告不一致的 {} 年数字', previous_year, previous_year)
        else format('{} 个 {} 年的数字与 {} 年度报告不一致（自报）', restated_count, previous_year, previous_year)
    end as explanation,
    {{ scorecard_evidence_list('restated_evidence') }} as evidence
from joined
