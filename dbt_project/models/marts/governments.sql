-- One row per reporting body (government_id, decided at ingestion by ingestion/governments.py
-- from the place's adcode and the body's kind), whatever name or year its reports give.
-- The formal name is the longest name the body's reports use (天津市红桥区人民政府 over
-- 红桥区人民政府: the longer carries the place chain), the most recent report deciding a tie;
-- that report also gives body_kind and admin_level. Place columns are the value most of its
-- reports state (they all come from the one adcode, so they agree unless a name is unknown
-- to the gazetteer).
with reports as (
    select
        *,
        row_number() over (
            partition by government_id
            order by
                length(organization) desc nulls last, report_year desc nulls last,
                publish_date desc nulls last, parsed_at desc, report_id asc
        ) as name_rank
    from {{ ref('stg_reports') }}
    where government_id is not null
),

places as (
    select
        government_id,
        mode(province) as province,
        mode(city) as city,
        mode(district) as district,
        mode(township) as township,
        mode(adcode) as adcode,
        list(distinct organization order by organization) filter (where organization is not null) as name_variants,
        coalesce(list(distinct report_year order by report_year) filter (where report_year is not null), []) as years_reported,
        count(*) as report_count
    from reports
    group by government_id
)

select
    r.government_id,
    r.organization as formal_name,
    p.name_variants,
    r.body_kind,
    r.admin_level,
    p.province,
    p.city,
    p.district,
    p.township,
    p.adcode,
    p.years_reported,
    p.report_count
from reports as r
inner join places as p using (government_id)
where r.name_rank = 1
