select
    -- Derived, not stored: a string per token was most of the raw table and of the parse's output.
    report_id || '-w' || lpad(cast(position as varchar), 6, '0') as token_id,
    report_id,
    section_id,
    sentence_id,
    cast(position as integer) as position,
    cast(start_offset as integer) as start_offset,
    term
from {{ source('raw', 'tokens') }}
