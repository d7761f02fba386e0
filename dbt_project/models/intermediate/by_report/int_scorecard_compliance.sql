-- Incremental by report (macros/incremental_reports.sql): each item reads its own report and the seeds.
-- The 合规 (compliance) items of the scorecard, one row per report × item; formulas in
-- seeds/scorecard_catalog.csv, scored in marts.scorecard_items.
--   mandated_parts  the mandated parts with a level-1 heading (0–4)
--   part_order      the most mandated parts standing in the order the 督察工作规定 lists them
--                   (measures, shortcomings, responsibility, plans): the longest in-order
--                   subsequence of the parts' first headings
--   standard_title  elements of the standard title present (0–3)
--   year_stated     the year covered written as <year>年 in the title or the first five sentences
--   on_time         days from the deadline (seed scorecard_deadlines) to publication
with reports as (
    select
        report_id, title, organization, province, city, district, township, body_kind,
        report_year, publish_date
    from {{ ref('stg_reports') }}
    where {{ changed_reports_only() }}
),

mandated as (
    select m.part, m.mandated_rank, m.name_zh
    from (
        values
        ('measures', 1, '主要举措和成效'),
        ('shortcomings', 2, '存在的不足和原因'),
        ('responsibility', 3, '第一责任人职责'),
        ('plans', 4, '下一年度安排')
    ) as m (part, mandated_rank, name_zh)
),

parts as (
    -- each mandated part's first level-1 heading
    select
        t.report_id,
        t.part,
        min(t.section_index) as first_index,
        arg_min(t.section_id, t.section_index) as section_id,
        arg_min(concat(s.marker, s.title), t.section_index) as heading
    from {{ ref('int_section_tree') }} as t
    inner join {{ ref('stg_sections') }} as s on s.section_id = t.section_id
    where t.level = 1 and {{ changed_reports_only('t.report_id') }}
    group by t.report_id, t.part
),

report_parts as (
    select
        r.report_id,
        count(p.part) as part_count,
        coalesce(list(m.mandated_rank order by p.first_index) filter (where p.part is not null), []) as ranks,
        coalesce(list(m.name_zh order by p.first_index) filter (where p.part is not null), []) as names_in_order,
        coalesce(list(m.name_zh order by m.mandated_rank) filter (where p.part is null), []) as missing,
        coalesce(
            list(
                {{ scorecard_evidence('r.report_id', 'p.section_id', text='p.heading') }} order by p.first_index
            ) filter (where p.part is not null),
            []
        ) as evidence
    from reports as r
    cross join mandated as m
    left join parts as p on p.report_id = r.report_id and p.part = m.part
    group by r.report_id
),

subsets as (
    -- every non-empty subset of the four mandated parts, as a bit mask over their ranks
    select
        masks.mask,
        m.part,
        m.mandated_rank,
        count(*) over (partition by masks.mask) as size
    from range(1, 16) as masks (mask)
    inner join mandated as m on (masks.mask >> (m.mandated_rank - 1)) % 2 = 1
),

chains as (
    -- the subsets whose parts are all present with their first headings in the mandated order
    select
        p.report_id,
        s.mask,
        any_value(s.size) as size
    from subsets as s
    inner join parts as p on p.part = s.part
    group by p.report_id, s.mask
    having
        count(*) = any_value(s.size)
        and list(p.first_index order by s.mandated_rank) = list_sort(list(p.first_index order by s.mandated_rank))
),

in_order as (
    -- the longest in-order subsequence: the largest such subset
    select
        rp.report_id,
        coalesce(max(c.size), 0) as longest
    from report_parts as rp
    left join chains as c on c.report_id = rp.report_id
    group by rp.report_id
),

title_elements as (
    select
        report_id,
        title,
        coalesce(
            list_bool_or(
                list_transform(
                    list_filter([organization, township, district, city, province], lambda n: length(n) >= 2),
                    lambda n: contains(title, n)
                )
            ),
            false
        ) as names_body,
        coalesce(contains(title, cast(report_year as varchar) || '年'), false) as names_year,
        coalesce(regexp_matches(title, '法治政府建设.{0,12}报告'), false) as names_genre
    from reports
),

year_sentences as (
    select
        r.report_id,
        arg_min(s.sentence_id, s.sentence_index) as sentence_id,
        arg_min(s.text, s.sentence_index) as text
    from reports as r
    inner join {{ ref('stg_sentences') }} as s
        on
            s.report_id = r.report_id
            and s.sentence_index < 5
            and contains(s.text, cast(r.report_year as varchar) || '年')
    group by r.report_id
),

deadlines as (
    select
        r.report_id,
        r.report_year,
        r.publish_date,
        r.body_kind,
        d.source,
        make_date(r.report_year + 1, d.deadline_month, d.deadline_day) as deadline
    from reports as r
    left join {{ ref('scorecard_deadlines') }} as d
        on
            (d.body_kind = r.body_kind or d.body_kind is null)
            and (d.province = r.province or d.province is null)
    qualify row_number() over (
        partition by r.report_id
        order by d.province is null, d.body_kind is null
    ) = 1
)

select
    report_id,
    'mandated_parts' as item_code,
    cast(part_count as double) as value,
    cast(null as varchar) as not_applicable_reason,
    case
        when part_count = 4 then '四个必备部分齐全'
        else format('{} 个必备部分；缺：{}', part_count, array_to_string(missing, '、'))
    end as explanation,
    {{ scorecard_evidence_list('evidence') }} as evidence
from report_parts

union all

select
    rp.report_id,
    'part_order' as item_code,
    cast(o.longest as double) as value,
    null as not_applicable_reason,
    case
        when rp.part_count = 0 then '没有必备部分的一级标题'
        else format(
            '文中顺序：{}；按规定顺序（主要举措和成效 → 存在的不足和原因 → 第一责任人职责 → 下一年度安排）排列的最多 {} 个部分',
            array_to_string(rp.names_in_order, ' → '), o.longest
        )
    end as explanation,
    {{ scorecard_evidence_list('rp.evidence') }} as evidence
from report_parts as rp
inner join in_order as o using (report_id)

union all

select
    report_id,
    'standard_title' as item_code,
    cast(names_body as integer) + cast(names_year as integer) + cast(names_genre as integer) as value,
    null as not_applicable_reason,
    case
        when title is null then '没有识别出标题'
        else format(
            '标题“{}”：{}主体名称、{}报告年度、{}“法治政府建设……报告”',
            title,
            case when names_body then '有' else '缺' end,
            case when names_year then '有' else '缺' end,
            case when names_genre then '有' else '缺' end
        )
    end as explanation,
    {{ scorecard_evidence_list('[]') }} as evidence
from title_elements

union all

select
    r.report_id,
    'year_stated' as item_code,
    case when y.sentence_id is not null or contains(r.title, cast(r.report_year as varchar) || '年') then 1.0 else 0.0 end as value,
    null as not_applicable_reason,
    case
        when r.report_year is null then '没有识别出报告年度'
        when y.sentence_id is not null or contains(r.title, cast(r.report_year as varchar) || '年')
            then format('写明 {} 年度', r.report_year)
        else format('标题和前五句都没有写“{}年”', r.report_year)
    end as explanation,
    {{ scorecard_evidence_list("case when y.sentence_id is not null then [" ~ scorecard_evidence('r.report_id', sentence_id='y.sentence_id', text='y.text') ~ "] end") }} as evidence
from reports as r
left join year_sentences as y using (report_id)

union all

select
    report_id,
    'on_time' as item_code,
    case when deadline is not null and publish_date is not null then cast(datediff('day', deadline, publish_date) as double) end as value,
    case
        when report_year is null then '报告年度未知，无法确定公开期限'
        when publish_date is null then '发布日期未知：报告和网页都没有写明发布日期'
        when deadline is null then format('种子表 scorecard_deadlines 没有主体类型 {} 的期限', coalesce(body_kind, '未知'))
    end as not_applicable_reason,
    case
        when deadline is not null and publish_date is not null
            then format(
                '{} 发布，期限 {}（{}），{}',
                publish_date, deadline, source,
                case
                    when publish_date <= deadline then format('提前 {} 天', datediff('day', publish_date, deadline))
                    else format('逾期 {} 天', datediff('day', deadline, publish_date))
                end
            )
    end as explanation,
    {{ scorecard_evidence_list('[]') }} as evidence
from deadlines
