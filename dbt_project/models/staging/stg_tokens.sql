select
    token_id,
    report_id,
    section_id,
    sentence_id,
    cast(position as integer) as position,
    cast(start_offset as integer) as start_offset,
    term
from {{ source('raw', 'tokens') }}
