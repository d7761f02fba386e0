select
    mention_id,
    report_id,
    section_id,
    cast(mention_index as integer) as mention_index,
    section_path,
    metric,
    cast(value as double) as value,
    unit,
    kind,
    qualifier,
    text,
    cast(start_offset as integer) as start_offset,
    cast(end_offset as integer) as end_offset,
    sentence_id
from {{ source('raw', 'indicator_mentions') }}
