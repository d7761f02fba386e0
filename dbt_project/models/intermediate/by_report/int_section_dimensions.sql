{{ config(unique_key='section_id') }}
-- Incremental by report: a section's dimension depends on its own report's tokens only.
-- Which 纲要 dimension (or recurring theme) each section is about.
--
-- Rule, per section:
--   1. Each distinct jieba token counts for the longest taxonomy term it contains
--      (行政复议案件 → 行政复议, 行政执法监督 → 行政执法监督, not 行政执法).
--   2. title_weight = sum of the term weights among the heading's own tokens;
--      body_share   = the dimension's share (0–1) of all weighted term hits in the body
--                     and in every sub-section below it.
--   3. dimension_score = 2 × title_weight + body_share: a term in the title decides
--      unless another dimension's title terms weigh more; the body breaks ties and
--      decides when the title names no term (其他/综合 headings such as 坚持依法行政).
--   4. Highest score wins; ties go to the taxonomy's sort_order (纲要 order first).
--   5. A section without any term in its title or subtree takes its nearest
--      classified ancestor's dimension (decided_by = 'parent').
with terms as (
    select dimension, term, weight from {{ ref('section_taxonomy_terms') }}
),

vocabulary as (
    select distinct term as token from {{ ref('stg_tokens') }}
    where {{ changed_reports_only() }}
),

token_terms as (
    select token, dimension, term, weight
    from (
        select
            v.token,
            t.dimension,
            t.term,
            t.weight,
            row_number() over (
                partition by v.token order by length(t.term) desc, t.weight desc, t.term asc
            ) as rn
        from vocabulary as v
        inner join terms as t on contains(v.token, t.term)
    ) as longest
    where rn = 1
),

hits as (
    select tk.report_id, tk.start_offset, tt.dimension, tt.weight
    from {{ ref('stg_tokens') }} as tk
    inner join token_terms as tt on tt.token = tk.term
    where {{ changed_reports_only('tk.report_id') }}
),

section_hits as (
    select
        s.section_id,
        h.dimension,
        sum(case when h.start_offset < s.body_start_offset then h.weight else 0 end) as title_weight,
        sum(case when h.start_offset >= s.body_start_offset then h.weight else 0 end) as body_weight
    from {{ ref('int_section_tree') }} as s
    inner join hits as h
        on
            h.report_id = s.report_id
            and h.start_offset >= s.start_offset
            and h.start_offset < s.subtree_end_offset
    where {{ changed_reports_only('s.report_id') }}
    group by s.section_id, h.dimension
),

scored as (
    select
        section_id,
        dimension,
        title_weight,
        coalesce(body_weight / nullif(sum(body_weight) over (partition by section_id), 0), 0) as body_share
    from section_hits
),

ranked as (
    select
        sc.*,
        2 * sc.title_weight + sc.body_share as score,
        row_number() over (
            partition by sc.section_id
            order by 2 * sc.title_weight + sc.body_share desc, tx.sort_order
        ) as rn
    from scored as sc
    inner join {{ ref('section_taxonomy') }} as tx using (dimension)
),

own as (
    select
        w.section_id,
        w.dimension,
        round(w.score, 4) as dimension_score,
        w.title_weight,
        round(w.body_share, 4) as body_share,
        case when w.title_weight > 0 then 'title' else 'body' end as decided_by,
        r2.dimension as runner_up_dimension,
        round(r2.score, 4) as runner_up_score
    from ranked as w
    left join ranked as r2 on r2.section_id = w.section_id and r2.rn = 2
    where w.rn = 1
),

inherited as (
    -- nearest enclosing section that has a dimension of its own
    select section_id, dimension
    from (
        select
            s.section_id,
            o.dimension,
            row_number() over (partition by s.section_id order by a.level desc) as rn
        from {{ ref('int_section_tree') }} as s
        inner join {{ ref('int_section_tree') }} as a
            on
                a.report_id = s.report_id
                and a.level < s.level
                and a.start_offset < s.start_offset
                and s.start_offset < a.subtree_end_offset
        inner join own as o on o.section_id = a.section_id
        where {{ changed_reports_only('s.report_id') }}
    )
    where rn = 1
)

select
    s.section_id,
    coalesce(o.dimension, i.dimension) as dimension,
    coalesce(o.dimension_score, case when i.dimension is not null then 0 end) as dimension_score,
    coalesce(o.title_weight, 0) as title_weight,
    coalesce(o.body_share, 0) as body_share,
    case
        when o.dimension is not null then o.decided_by
        when i.dimension is not null then 'parent'
    end as decided_by,
    o.runner_up_dimension,
    o.runner_up_score
from {{ ref('int_section_tree') }} as s
left join own as o using (section_id)
left join inherited as i using (section_id)
where {{ changed_reports_only('s.report_id') }}
