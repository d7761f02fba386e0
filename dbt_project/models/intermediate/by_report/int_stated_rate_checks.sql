-- Incremental by report (macros/incremental_reports.sql): a link and its three mentions are one report's.
-- Each stated total/part/rate triple (调解2228件，成功2224件，成功率99.82%) with the rate the
-- numbers imply, so a test can flag reports whose own figures disagree.
select
    l.link_id,
    l.report_id,
    l.total_mention_id,
    l.part_mention_id,
    l.rate_mention_id,
    t.value as total_value,
    p.value as part_value,
    r.value as stated_rate,
    round(100.0 * p.value / nullif(t.value, 0), 4) as computed_rate,
    round(abs(100.0 * p.value / nullif(t.value, 0) - r.value), 4) as rate_difference
from {{ ref('stg_indicator_links') }} as l
inner join {{ ref('stg_indicator_mentions') }} as t on t.mention_id = l.total_mention_id
inner join {{ ref('stg_indicator_mentions') }} as p on p.mention_id = l.part_mention_id
inner join {{ ref('stg_indicator_mentions') }} as r on r.mention_id = l.rate_mention_id
where {{ changed_reports_only('l.report_id') }}
