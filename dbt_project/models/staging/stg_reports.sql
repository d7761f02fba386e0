select
    report_id,
    file_id,
    source_path,
    title,
    organization,
    province,
    city,
    district,
    admin_level,
    cast(report_year as integer) as report_year,
    try_cast(publish_date as date) as publish_date,
    text,
    cast(char_count as integer) as char_count,
    parser_version,
    cast(parsed_at as timestamp) as parsed_at
from {{ source('raw', 'reports') }}
