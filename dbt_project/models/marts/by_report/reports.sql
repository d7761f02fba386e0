-- Incremental by report (macros/incremental_reports.sql): one row per report; a moved report (new source_path) counts as changed.

with section_counts as (
    select report_id, count(*) as section_count, max(level) as max_heading_level
    from {{ ref('stg_sections') }}
    where {{ changed_reports_only() }}
    group by report_id
),

mention_counts as (
    select report_id, count(*) as mention_count
    from {{ ref('stg_indicator_mentions') }}
    where {{ changed_reports_only() }}
    group by report_id
)

select
    r.report_id,
    r.title,
    r.organization,
    r.province,
    r.city,
    r.district,
    r.admin_level,
    r.government_id,
    r.report_year,
    r.report_year_source,
    r.organization_source,
    r.publish_date,
    r.text_source,
    r.ocr_confidence,
    r.char_count,
    coalesce(s.section_count, 0) as section_count,
    coalesce(s.max_heading_level, 0) as max_heading_level,
    coalesce(m.mention_count, 0) as mention_count,
    r.source_path,
    r.file_id,
    r.parsed_at
from {{ ref('stg_reports') }} as r
left join section_counts as s using (report_id)
left join mention_counts as m using (report_id)
where {{ changed_reports_only('r.report_id') }}
