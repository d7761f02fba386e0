select
    section_id,
    report_id,
    cast(section_index as integer) as section_index,
    parent_section_id,
    cast(level as integer) as level,
    marker,
    title,
    path,
    part,
    cast(start_offset as integer) as start_offset,
    cast(body_start_offset as integer) as body_start_offset,
    cast(end_offset as integer) as end_offset,
    body
from {{ source('raw', 'sections') }}
