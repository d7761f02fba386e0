select
    link_id,
    report_id,
    total_mention_id,
    part_mention_id,
    rate_mention_id
from {{ source('raw', 'indicator_links') }}
