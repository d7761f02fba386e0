select
    source_path,
    file_name,
    file_id,
    cast(size_bytes as bigint) as size_bytes,
    cast(modified_at as timestamp) as modified_at,
    encoding,
    status,
    report_id,
    cast(first_seen_at as timestamp) as first_seen_at,
    cast(changed_at as timestamp) as changed_at,
    cast(removed_at as timestamp) as removed_at
from {{ source('raw', 'files') }}
