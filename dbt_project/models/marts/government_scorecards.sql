-- One row per government × report year: the scorecard of the government's report for that
-- year (where it published two, the later published one, as in marts.indicator_trends), and
-- the change of its total since the government's previous scored year.
with year_reports as (
    select
        s.*,
        r.publish_date,
        r.parsed_at
    from {{ ref('scorecards') }} as s
    inner join {{ ref('stg_reports') }} as r on r.report_id = s.report_id
    where s.government_id is not null and s.report_year is not null
    qualify row_number() over (
        partition by s.government_id, s.report_year
        order by r.publish_date desc nulls last, r.parsed_at desc, s.report_id desc
    ) = 1
)

select
    y.government_id,
    y.report_year,
    y.report_id,
    g.formal_name,
    y.admin_level,
    y.province,
    y.compliance_score,
    y.candour_score,
    y.quantification_score,
    y.coverage_score,
    y.core_indicators_score,
    y.follow_through_score,
    y.originality_score,
    y.total_score,
    y.national_rank,
    y.national_peer_count,
    lag(y.report_year) over w as previous_year,
    lag(y.report_id) over w as previous_report_id,
    lag(y.total_score) over w as previous_total_score,
    round(y.total_score - lag(y.total_score) over w, 2) as total_change
from year_reports as y
left join {{ ref('governments') }} as g on g.government_id = y.government_id
window w as (partition by y.government_id order by y.report_year)
