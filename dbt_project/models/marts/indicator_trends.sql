-- Year over year: one row per government × catalog indicator × report year, with the value
-- of the government's previous report that states the indicator. Results only: a target
-- (indicator_values.is_target) is no value of its year.
-- A government's year is one report: where it published two for one year (a correction, a
-- re-issue), the later published one counts (publish_date, then the later parse), and the
-- other's values stay in indicator_values only.
-- previous_* is the latest earlier year that states the indicator, so after a gap it is not
-- report_year − 1; change is value − previous_value in the indicator's unit (percentage
-- points for rates), change_pct is change ÷ |previous_value| × 100, null when the previous
-- value is 0 or missing.
with year_reports as (
    select
        government_id,
        report_year,
        report_id,
        row_number() over (
            partition by government_id, report_year
            order by publish_date desc nulls last, parsed_at desc, report_id desc
        ) as report_rank
    from {{ ref('stg_reports') }}
    where government_id is not null and report_year is not null
),

yearly as (
    select
        y.government_id,
        v.indicator_code,
        y.report_year,
        v.report_id,
        v.mention_id,
        v.value,
        v.unit,
        v.kind,
        v.indicator_name_zh,
        v.sentence
    from year_reports as y
    inner join {{ ref('indicator_values') }} as v using (report_id)
    where y.report_rank = 1 and not v.is_target
),

with_previous as (
    select
        *,
        lag(report_year) over w as previous_year,
        lag(value) over w as previous_value,
        lag(unit) over w as previous_unit,
        lag(sentence) over w as previous_sentence,
        lag(report_id) over w as previous_report_id
    from yearly
    window w as (partition by government_id, indicator_code order by report_year)
)

select
    government_id,
    indicator_code,
    report_year,
    value,
    unit,
    sentence,
    previous_year,
    previous_value,
    previous_unit,
    previous_sentence,
    round(value - previous_value, 6) as change,
    case
        when previous_value <> 0
            then round(100.0 * (value - previous_value) / abs(previous_value), 2)
    end as change_pct,
    indicator_name_zh,
    kind,
    report_id,
    previous_report_id,
    mention_id
from with_previous
