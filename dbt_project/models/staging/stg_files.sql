select
    file_id,
    file_name,
    source_path,
    cast(size_bytes as bigint) as size_bytes,
    encoding,
    status,
    report_id,
    cast(first_seen_at as timestamp) as first_seen_at,
    cast(last_seen_at as timestamp) as last_seen_at
from {{ source('raw', 'files') }}
