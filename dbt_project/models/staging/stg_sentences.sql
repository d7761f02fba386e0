select
    sentence_id,
    report_id,
    section_id,
    cast(sentence_index as integer) as sentence_index,
    cast(start_offset as integer) as start_offset,
    cast(end_offset as integer) as end_offset,
    text
from {{ source('raw', 'sentences') }}
