select
    -- Derived, not stored: a string per token was most of the raw table and of the parse's output.
    -- lpad cuts a longer number to its width: past a million tokens the id is the plain number.
    report_id || '-w' || case
        when position < 1000000 then lpad(cast(position as varchar), 6, '0') else cast(position as varchar)
    end as token_id,
    report_id,
    section_id,
    sentence_id,
    cast(position as integer) as position,
    cast(start_offset as integer) as start_offset,
    term
from {{ source('raw', 'tokens') }}
